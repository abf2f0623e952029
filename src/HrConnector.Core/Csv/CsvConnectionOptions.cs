namespace HrConnector.Csv;

/// <summary>
/// Declares a CSV connection: one HR file, given by its path or as the newest file of a folder whose name matches a
/// pattern, and how to read it. Each option documents its default.
/// </summary>
public sealed class CsvConnectionOptions
{
    /// <summary>Gets or sets the identifier of the connection, unique (case-insensitively) within its connector.</summary>
    /// <value>Letters, digits and underscores, starting with a letter or an underscore. Required.</value>
    public string Identifier { get; set; } = string.Empty;

    /// <summary>Gets or sets the path of the file, absolute or relative to <see cref="HrConnector.ConnectorOptions.BaseDirectory"/>.</summary>
    /// <value>The default value is <see langword="null"/>. Exactly one of <see cref="Path"/> and <see cref="Directory"/> is required.</value>
    public string? Path { get; set; }

    /// <summary>
    /// Gets or sets the folder that holds the files, absolute or relative to <see cref="HrConnector.ConnectorOptions.BaseDirectory"/>.
    /// The newest file (by last write time, then by name) whose name matches <see cref="FileNamePattern"/> is read.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Directory { get; set; }

    /// <summary>Gets or sets the regular expression that file names in <see cref="Directory"/> must match, such as <c>^people_\d{8}\.csv$</c>.</summary>
    /// <value>The default value is <see langword="null"/>; required with <see cref="Directory"/>. Matched case-insensitively.</value>
    public string? FileNamePattern { get; set; }

    /// <summary>
    /// Gets or sets the encoding name: utf-8, utf-16 (little endian), utf-16BE, windows-1252, iso-8859-1, or any
    /// name or code page number that <see cref="System.Text.Encoding.GetEncoding(string)"/> knows; or <c>auto</c>.
    /// A byte order mark in the file wins over this setting and is never part of the first header. With <c>auto</c>,
    /// a file without a byte order mark is read as UTF-8 when its bytes are valid UTF-8, as
    /// <see cref="FallbackEncoding"/> otherwise. A file declared single-byte (windows-1252, iso-8859-1) whose bytes are
    /// valid UTF-8 with multi-byte characters is refused (<see cref="CsvFileError.EncodingMismatch"/>).
    /// </summary>
    /// <value>The default value is <c>utf-8</c>.</value>
    public string Encoding { get; set; } = CsvDefaults.Encoding;

    /// <summary>
    /// Gets or sets the single-byte encoding (name or code page number) of a file that <see cref="Encoding"/> <c>auto</c>
    /// finds is neither UTF-16 (no byte order mark) nor UTF-8 (invalid UTF-8 bytes). Ignored unless <see cref="Encoding"/> is <c>auto</c>.
    /// </summary>
    /// <value>The default value is <c>windows-1252</c>.</value>
    public string FallbackEncoding { get; set; } = CsvDefaults.FallbackEncoding;

    /// <summary>Gets or sets the character that separates fields. It must be ASCII.</summary>
    /// <value>The default value is <c>,</c>.</value>
    public char Delimiter { get; set; } = CsvDefaults.Delimiter;

    /// <summary>Gets or sets the character that quotes fields holding delimiters, quotes or line breaks. It must be ASCII.</summary>
    /// <value>The default value is <c>"</c>.</value>
    public char Quote { get; set; } = CsvDefaults.Quote;

    /// <summary>Gets or sets the character that starts a comment line, which is skipped. It must be ASCII.</summary>
    /// <value>The default value is <see langword="null"/>: no comments.</value>
    public char? CommentCharacter { get; set; }

    /// <summary>Gets or sets the number of lines to skip before the header (a title, an export date).</summary>
    /// <value>The default value is 0.</value>
    public int LinesToSkip { get; set; }

    /// <summary>Gets or sets a value indicating whether the first row (after <see cref="LinesToSkip"/>) names the columns.</summary>
    /// <value>The default value is <see langword="true"/>. When <see langword="false"/>, <see cref="ColumnNames"/> names them.</value>
    public bool HasHeader { get; set; } = true;

    /// <summary>Gets the names of the columns of a file without a header row, in file order.</summary>
    public IList<string> ColumnNames { get; } = [];

    /// <summary>Gets or sets a value indicating whether spaces and tabs around headers and values are removed (not inside quotes).</summary>
    /// <value>The default value is <see langword="true"/>: " Smith " and "Smith" are the same value.</value>
    public bool TrimWhitespace { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether quoted values may have spaces or tabs before their opening quote or after
    /// their closing quote, as in <c>a, "b, c" ,d</c>; those spaces are removed.
    /// </summary>
    /// <value>
    /// The default value is <see langword="false"/>: such rows are rejected as malformed, and reading is faster
    /// (about a third of the cost of parsing, measured in benchmarks/README.md).
    /// </value>
    public bool SpacesAroundQuotes { get; set; }

    /// <summary>
    /// Gets or sets what a read does with a quote inside a value that does not start with a quote, such as
    /// <c>37°36'37.8"N</c>. A value that starts with a quote is quoted and follows the usual rules whatever this setting.
    /// </summary>
    /// <value>
    /// The default value is <see cref="QuoteInUnquotedValueHandling.Reject"/>: the row is rejected as malformed. With
    /// <see cref="QuoteInUnquotedValueHandling.Literal"/>, the quote is kept as a character of the value.
    /// </value>
    public QuoteInUnquotedValueHandling QuoteInUnquotedValue { get; set; }

    /// <summary>
    /// Gets the strings removed from the start and the end of headers and values, in order, as long as one matches,
    /// such as <c>'</c> for values that an export wrapped in single quotes.
    /// </summary>
    public IList<string> ValuesToTrim { get; } = [];

    /// <summary>Gets or sets a value indicating whether header names are matched ignoring case and surrounding whitespace.</summary>
    /// <value>The default value is <see langword="false"/>: names must match exactly.</value>
    public bool CaseInsensitiveHeaders { get; set; }

    /// <summary>Gets or sets the culture of numbers and dates, such as fr-FR; empty for the invariant culture.</summary>
    /// <value>The default value is the invariant culture (empty). A property mapping may set its own.</value>
    public string Culture { get; set; } = string.Empty;

    /// <summary>Gets or sets the largest number of characters a field may have; a row with a longer field is rejected.</summary>
    /// <value>The default value is 0: no limit. A record over 16 MiB always fails the read, whatever this value.</value>
    public int MaxFieldLength { get; set; }

    /// <summary>Gets or sets the largest number of rejected rows before the read fails as a whole.</summary>
    /// <value>The default value is 0: no limit by count.</value>
    public int MaxRejects { get; set; }

    /// <summary>Gets or sets the largest share of rejected rows, in percent of the data rows, before the read fails as a whole.</summary>
    /// <value>The default value is 10. 0 means no limit by share.</value>
    public double MaxRejectPercent { get; set; } = CsvDefaults.MaxRejectPercent;

    /// <summary>
    /// Gets or sets what a read does when the last record has no line break after it and is malformed (fewer fields
    /// than the header, an unterminated quote, a value that does not convert, bytes cut inside a character): the file
    /// was cut while it was written. A well-formed last record without a line break is read as usual.
    /// </summary>
    /// <value>
    /// The default value is <see cref="CutLastRecordHandling.Fail"/>: the read fails (<see cref="CsvFileError.Truncated"/>).
    /// With <see cref="CutLastRecordHandling.RejectAndHoldDeletes"/>, that record is rejected and no resource of the
    /// entity type is deleted by the run.
    /// </value>
    public CutLastRecordHandling CutLastRecord { get; set; }

    /// <summary>
    /// Gets or sets how long a file must have stayed unchanged before it is read: a file written more recently is waited
    /// for until it is that old, and if its size or last write time changed meanwhile, it is still being written and
    /// the read fails (<see cref="CsvFileError.StillBeingWritten"/>). Whatever this value, a file whose size or last
    /// write time changed while it was read fails the read the same way. 0 turns the wait off.
    /// </summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan SettleTime { get; set; } = DefaultSettleTime;

    /// <summary>
    /// Gets or sets the settle time of new options: 2 seconds. The library's own test suites,
    /// which write files and read them at once thousands of times, set it to 0 so as not to wait.
    /// </summary>
    internal static TimeSpan DefaultSettleTime { get; set; } = CsvDefaults.SettleTime;

    /// <summary>
    /// Gets or sets the name of the marker file that the export writes once the file is complete, in the folder of the
    /// file; <c>{name}</c> stands for the file name, as in <c>{name}.done</c>. The marker must exist, or the read fails
    /// (<see cref="CsvFileError.MarkerFileMismatch"/>). It may hold the count of data records, the SHA-256 hash of the
    /// file (64 hexadecimal digits, optionally prefixed with <c>sha256:</c>), or both separated by whitespace, in any
    /// order: a file with another count or another hash fails the read too. Only a hash catches a file cut inside its
    /// last value. An empty marker only says that the file is complete.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no marker file.</value>
    public string? MarkerFile { get; set; }

    /// <summary>
    /// Gets or sets the regular expression that the last line of the file (the trailer row) must match, with a group
    /// named <c>count</c> that captures the number of data records, such as <c>^TRAILER;(?&lt;count&gt;\d+)$</c>. The
    /// trailer is not read as data. A file whose last line does not match (the trailer is missing: the file is
    /// incomplete), or whose data records are not as many as the trailer says, fails the read
    /// (<see cref="CsvFileError.TrailerMismatch"/>). Matched case-sensitively, with a timeout of 1 second.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no trailer row; the last line is data like the others.</value>
    public string? TrailerPattern { get; set; }
}
