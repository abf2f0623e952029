using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HrConnector.Csv;

/// <summary>A CSV connection, as validated: which HR file to read and how. See <see cref="CsvConnectionOptions"/> for the meaning of each setting.</summary>
public sealed class CsvConnection
{
    internal CsvConnection(CsvConnectionOptions options, Encoding encoding, CultureInfo culture, Regex? fileNamePattern, string baseDirectory, Regex? trailerPattern = null)
    {
        Identifier = options.Identifier;
        Path = options.Path is null ? null : System.IO.Path.GetFullPath(options.Path, baseDirectory);
        Directory = options.Directory is null ? null : System.IO.Path.GetFullPath(options.Directory, baseDirectory);
        FileNamePattern = fileNamePattern;
        Encoding = encoding;
        DetectEncoding = string.Equals(options.Encoding?.Trim(), CsvDefaults.AutoEncoding, StringComparison.OrdinalIgnoreCase);
        Delimiter = options.Delimiter;
        Quote = options.Quote;
        CommentCharacter = options.CommentCharacter;
        LinesToSkip = options.LinesToSkip;
        HasHeader = options.HasHeader;
        ColumnNames = [.. options.ColumnNames];
        TrimWhitespace = options.TrimWhitespace;
        SpacesAroundQuotes = options.SpacesAroundQuotes;
        QuoteInUnquotedValue = options.QuoteInUnquotedValue;
        ValuesToTrim = [.. options.ValuesToTrim];
        CaseInsensitiveHeaders = options.CaseInsensitiveHeaders;
        Culture = culture;
        MaxFieldLength = options.MaxFieldLength;
        MaxRejects = options.MaxRejects;
        MaxRejectPercent = options.MaxRejectPercent;
        CutLastRecord = options.CutLastRecord;
        SettleTime = options.SettleTime;
        MarkerFile = string.IsNullOrWhiteSpace(options.MarkerFile) ? null : options.MarkerFile.Trim();
        TrailerPattern = trailerPattern;
    }

    /// <summary>Gets the identifier of the connection.</summary>
    public string Identifier { get; }

    /// <summary>Gets the full path of the file, or <see langword="null"/> when the newest file of <see cref="Directory"/> is read.</summary>
    public string? Path { get; }

    /// <summary>Gets the full path of the folder searched with <see cref="FileNamePattern"/>, or <see langword="null"/>.</summary>
    public string? Directory { get; }

    /// <summary>
    /// Gets the pattern file names of <see cref="Directory"/> must match, or <see langword="null"/>. Its match timeout
    /// is 1 second per file name: a pattern that takes longer fails <see cref="ResolveFile"/>.
    /// </summary>
    public Regex? FileNamePattern { get; }

    /// <summary>
    /// Gets the encoding used when the file has no byte order mark; with <see cref="DetectEncoding"/>, the fallback
    /// encoding used when its bytes are not valid UTF-8 either.
    /// </summary>
    public Encoding Encoding { get; }

    /// <summary>
    /// Gets a value indicating whether the encoding is detected (<see cref="CsvConnectionOptions.Encoding"/> <c>auto</c>):
    /// by byte order mark, then UTF-8 when the bytes are valid UTF-8, then <see cref="Encoding"/>.
    /// </summary>
    public bool DetectEncoding { get; }

    /// <summary>Gets the field delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>Gets the quote character.</summary>
    public char Quote { get; }

    /// <summary>Gets the comment character, or <see langword="null"/>.</summary>
    public char? CommentCharacter { get; }

    /// <summary>Gets the number of lines skipped before the header.</summary>
    public int LinesToSkip { get; }

    /// <summary>Gets a value indicating whether the file has a header row.</summary>
    public bool HasHeader { get; }

    /// <summary>Gets the column names of a file without a header row.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Gets a value indicating whether spaces and tabs around values are removed.</summary>
    public bool TrimWhitespace { get; }

    /// <summary>Gets a value indicating whether quoted values may have spaces before their opening or after their closing quote.</summary>
    public bool SpacesAroundQuotes { get; }

    /// <summary>Gets what a read does with a quote inside a value that does not start with a quote.</summary>
    public QuoteInUnquotedValueHandling QuoteInUnquotedValue { get; }

    /// <summary>Gets the strings removed from the start and end of headers and values.</summary>
    public IReadOnlyList<string> ValuesToTrim { get; }

    /// <summary>Gets a value indicating whether headers are matched ignoring case and surrounding whitespace.</summary>
    public bool CaseInsensitiveHeaders { get; }

    /// <summary>Gets the culture of numbers and dates.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Gets the largest number of characters of a field, or 0 for no limit.</summary>
    public int MaxFieldLength { get; }

    /// <summary>Gets the largest number of rejected rows, or 0 for no limit.</summary>
    public int MaxRejects { get; }

    /// <summary>Gets the largest share of rejected rows in percent, or 0 for no limit.</summary>
    public double MaxRejectPercent { get; }

    /// <summary>Gets what a read does when the last record has no line break after it and is malformed.</summary>
    public CutLastRecordHandling CutLastRecord { get; }

    /// <summary>Gets how long ago the file must have been written last before it is read; <see cref="TimeSpan.Zero"/> for no wait.</summary>
    public TimeSpan SettleTime { get; }

    /// <summary>Gets the name of the marker file (<c>{name}</c> stands for the file name), or <see langword="null"/>.</summary>
    public string? MarkerFile { get; }

    /// <summary>
    /// Gets the pattern that the last line of the file (the trailer row) must match, with a group named <c>count</c>,
    /// or <see langword="null"/> when the file has no trailer. Its match timeout is 1 second.
    /// </summary>
    public Regex? TrailerPattern { get; }

    /// <summary>Gets the comparer of header names.</summary>
    internal StringComparer HeaderComparer => CaseInsensitiveHeaders ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>
    /// Finds the file to read now: <see cref="Path"/>, or the newest file of <see cref="Directory"/> whose name matches
    /// <see cref="FileNamePattern"/> (by last write time, then by name).
    /// </summary>
    /// <returns>The full path of the file.</returns>
    /// <exception cref="CsvFileException">
    /// No such file exists, or <see cref="FileNamePattern"/> took longer than its match timeout (1 second) on a file name.
    /// </exception>
    public string ResolveFile()
    {
        if (Path is not null)
        {
            return File.Exists(Path)
                ? Path
                : throw new CsvFileException(Path, CsvFileError.FileNotFound, 0, [$"The file of connection '{Identifier}' does not exist."]);
        }

        var directory = new DirectoryInfo(Directory!);
        if (!directory.Exists)
        {
            throw new CsvFileException(directory.FullName, CsvFileError.FileNotFound, 0, [$"The folder of connection '{Identifier}' does not exist."]);
        }

        FileInfo? newest;
        try
        {
            newest = directory.EnumerateFiles()
                .Where(f => FileNamePattern!.IsMatch(f.Name))
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .ThenByDescending(f => f.Name, StringComparer.Ordinal)
                .FirstOrDefault();
        }
        catch (RegexMatchTimeoutException exception)
        {
            var limit = FileNamePattern!.MatchTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            throw new CsvFileException(directory.FullName, CsvFileError.FileNotFound, 0, [$"The pattern '{FileNamePattern}' of connection '{Identifier}' took too long (more than {limit} s) to match a file name in the folder; simplify the pattern."], innerException: exception);
        }

        return newest?.FullName
            ?? throw new CsvFileException(directory.FullName, CsvFileError.FileNotFound, 0, [$"No file name in the folder of connection '{Identifier}' matches the pattern '{FileNamePattern}'."]);
    }

    /// <inheritdoc/>
    public override string ToString() => Identifier;
}
