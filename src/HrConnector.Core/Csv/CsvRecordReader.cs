using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace HrConnector.Csv;

/// <summary>
/// Streams the data records of one HR file with CsvHelper: header checked before any row is used, every row with its
/// physical line, structurally broken rows (bad quoting, wrong field count, invalid bytes, over-long fields) turned
/// into rejects and passed over. Fields are UTF-8 spans valid until the next <see cref="Read"/>.
/// </summary>
internal sealed partial class CsvRecordReader : IDisposable
{
    private static readonly byte[] ReplacementCharacter = [0xEF, 0xBF, 0xBD];

    private readonly CsvReader _reader;
    private readonly CsvConnection _connection;
    private readonly RejectSink _sink;
    private readonly long _lineOffset;
    private readonly bool _inputIsUtf8;
    private readonly Encoding _encoding;
    private readonly byte[][] _trimTokens;
    private readonly Queue<CsvMalformedRecord> _malformed;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly bool _trimWhitespace;
    private readonly byte _quote;
    private readonly bool _literalQuotes;

    /// <summary>The malformed record that the reader recovered and returns now (<see cref="QuoteInUnquotedValueHandling.Literal"/> only).</summary>
    private CsvMalformedRecord? _recovered;

    private CsvRecordReader(CsvReader reader, Queue<CsvMalformedRecord> malformed, CsvConnection connection, RejectSink sink, long lineOffset, Encoding encoding, bool endsWithLineBreak)
    {
        EndsWithLineBreak = endsWithLineBreak;
        _encoding = encoding;
        _reader = reader;
        _malformed = malformed;
        _connection = connection;
        _sink = sink;
        _lineOffset = lineOffset;
        _inputIsUtf8 = encoding.CodePage == Encoding.UTF8.CodePage;
        _trimTokens = [.. connection.ValuesToTrim.Select(Encoding.UTF8.GetBytes)];
        _trimWhitespace = connection.TrimWhitespace;
        _quote = (byte)connection.Quote;
        _literalQuotes = connection.QuoteInUnquotedValue == QuoteInUnquotedValueHandling.Literal;
        Headers = ReadHeader();
        _columnIndex = new Dictionary<string, int>(connection.HeaderComparer);
        for (var i = 0; i < Headers.Count; i++)
        {
            _columnIndex.TryAdd(Normalize(Headers[i]), i);
        }
    }

    /// <summary>Gets the encoding the file is read with: from its byte order mark, the connection, or detected.</summary>
    public Encoding Encoding => _encoding;

    /// <summary>Gets the column names: the header row, or the configured names.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Gets the physical line of the header row (the first line after the skipped ones for a file without header).</summary>
    public long HeaderLine { get; private set; }

    /// <summary>Gets the physical line where the current record starts.</summary>
    public long Line => _reader.LineNumber + _lineOffset;

    /// <summary>Gets a value indicating whether an unterminated quote kept the end of the file from being read.</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>
    /// Gets the lines that an unterminated quote swallowed: from the line where its record starts to the end of the
    /// file; (0, 0) when <see cref="IsTruncated"/> is <see langword="false"/>.
    /// </summary>
    public (long First, long Last) SwallowedLines { get; private set; }

    /// <summary>Gets a value indicating whether the file ends with a line break (or has nothing after its header and skipped lines).</summary>
    public bool EndsWithLineBreak { get; }

    /// <summary>
    /// Gets the physical line where the last record read so far starts, sound or not; 0 when a blank line followed it
    /// (so it ended with a line break). Once <see cref="Read"/> returned <see langword="false"/>, the last record of the file.
    /// </summary>
    public long LastRecordLine { get; private set; }

    /// <summary>Gets the current record as the file has it (UTF-8), without its line break.</summary>
    public ReadOnlySpan<byte> RawRecord => _reader.RawRecord;

    /// <summary>Gets or sets the index of the key column, so that rejects of broken rows can name their key.</summary>
    public int KeyIndex { get; set; } = -1;

    /// <summary>Opens a stream (positioned at its start) and reads the header.</summary>
    /// <exception cref="CsvFileException">The file has no header, or its header is malformed.</exception>
    public static CsvRecordReader Open(Stream stream, CsvConnection connection, RejectSink sink)
    {
        var (encoding, endedEarly, utf8Line) = CsvSource.Prepare(stream, connection.Encoding, connection.DetectEncoding, connection.LinesToSkip);
        if (utf8Line > 0)
        {
            throw new CsvFileException(sink.File, CsvFileError.EncodingMismatch, utf8Line, [$"declared {connection.Encoding.WebName}, but its bytes are valid UTF-8 with multi-byte characters: set Encoding to utf-8 (or auto)."]);
        }

        if (endedEarly)
        {
            throw new CsvFileException(sink.File, CsvFileError.MissingHeader, 0, [$"the file has fewer than the {connection.LinesToSkip.ToString(CultureInfo.InvariantCulture)} lines to skip (LinesToSkip), so it has no header."]);
        }

        long? trailerCount = null;
        if (connection.TrailerPattern is { } trailer)
        {
            var (start, text) = CsvSource.LastLine(stream, encoding);
            trailerCount = ReadTrailer(trailer, text, sink);
            // The trailer is no data: the reader sees the file up to it, which ends with a line break.
            stream = new BoundedStream(stream, start);
        }

        var endsWithLineBreak = CsvSource.EndsWithLineBreak(stream, encoding);
        var isUtf8 = encoding.CodePage == Encoding.UTF8.CodePage;
        var malformed = new Queue<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            Separator = connection.Delimiter,
            Quote = connection.Quote,
            CommentPrefix = connection.CommentCharacter,
            HasHeader = false,
            TrackLineNumbers = true,
            // CsvHelper's trimming also accepts spaces around quotes, at a cost; values are otherwise trimmed here.
            TrimWhitespace = connection.SpacesAroundQuotes,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            IncludeValuesInExceptions = false,
            // Recover keeps a quote inside an unquoted value as text (CsvMode.Rfc4180); the other quoting problems of a
            // recovered record are rejected here. Skip passes over every malformed record: the fast path.
            MalformedData = connection.QuoteInUnquotedValue == QuoteInUnquotedValueHandling.Literal ? CsvMalformedDataHandling.Recover : CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MaxRecordSize = CsvDefaults.MaxRecordBytes,
            Encoding = isUtf8 ? null : encoding,
            FormatProvider = connection.Culture,
        };
        var reader = CsvReader.Create(stream, options with { OnMalformedRecord = malformed.Enqueue }, leaveOpen: false);
        try
        {
            return new CsvRecordReader(reader, malformed, connection, sink, connection.LinesToSkip, encoding, endsWithLineBreak) { TrailerCount = trailerCount };
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Gets the record count that the trailer row announces, or <see langword="null"/> when the connection has no trailer.</summary>
    public long? TrailerCount { get; private init; }

    /// <summary>Matches the last line of the file against the trailer pattern and reads its record count; never shows the line.</summary>
    /// <exception cref="CsvFileException">The last line is no trailer, its count is no number, or the pattern took too long.</exception>
    private static long ReadTrailer(System.Text.RegularExpressions.Regex pattern, string? text, RejectSink sink)
    {
        System.Text.RegularExpressions.Match match;
        try
        {
            match = pattern.Match(text ?? string.Empty);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException exception)
        {
            var limit = pattern.MatchTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            throw new CsvFileException(sink.File, CsvFileError.TrailerMismatch, 0, [$"the trailer pattern took too long (more than {limit} s) to match the last line (TrailerPattern); simplify the pattern."], innerException: exception);
        }

        if (text is null || !match.Success)
        {
            throw new CsvFileException(sink.File, CsvFileError.TrailerMismatch, 0, ["the last line of the file is not the trailer row that TrailerPattern describes: the trailer is missing, so the file is incomplete (cut while it was written, or still being written)."]);
        }

        if (!long.TryParse(match.Groups["count"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new CsvFileException(sink.File, CsvFileError.TrailerMismatch, 0, ["the group 'count' of TrailerPattern does not capture a record count (digits only) in the trailer row."]);
        }

        return count;
    }

    /// <summary>Finds a column by name, as the connection matches headers.</summary>
    public bool TryGetColumnIndex(string column, out int index) => _columnIndex.TryGetValue(Normalize(column), out index);

    /// <summary>Advances to the next sound data record; broken records become rejects and are passed over.</summary>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="CsvFileException">A record is too large, or the reject limit is exceeded.</exception>
    public bool Read()
    {
        while (true)
        {
            bool found;
            try
            {
                found = _reader.Read();
            }
            catch (CsvFormatException exception)
            {
                throw new CsvFileException(_sink.File, CsvFileError.RecordTooLarge, exception.LineNumber + _lineOffset, [$"a record is larger than {CsvDefaults.MaxRecordBytes / (1024 * 1024)} MiB; a quoted field is probably never closed."], _sink.Rejects, exception);
            }

            RejectMalformed();
            if (!found)
            {
                return false;
            }

            if (IsBlank())
            {
                LastRecordLine = 0;
                continue;
            }

            LastRecordLine = Line;
            _sink.RowCount++;
            if (_recovered is not null && !AcceptRecovered())
            {
                continue;
            }

            if (IsSound())
            {
                return true;
            }
        }
    }

    /// <summary>Gets a field of the current record, trimmed as the connection says.</summary>
    public ReadOnlySpan<byte> GetField(int index)
    {
        var span = _reader.GetSpan(index);
        if (_trimWhitespace && !span.IsEmpty && (IsBlank(span[0]) || IsBlank(span[^1])) && !IsQuoted(index))
        {
            span = span.Trim(" \t"u8);
        }

        return _trimTokens.Length == 0 ? span : TrimTokens(span, _trimTokens, _trimWhitespace);
    }

    private static bool IsBlank(byte value) => value is (byte)' ' or (byte)'\t';

    /// <summary>Whether the field was quoted in the file: whitespace inside quotes is data.</summary>
    private bool IsQuoted(int index)
    {
        var raw = _reader.GetRawSpan(index).TrimStart(" \t"u8);
        return !raw.IsEmpty && raw[0] == _quote;
    }

    /// <summary>Gets a field of the current record as a string, or <see langword="null"/> when empty.</summary>
    public string? GetString(int index)
    {
        var span = GetField(index);
        return span.IsEmpty ? null : Encoding.UTF8.GetString(span);
    }

    /// <summary>Gets the key of the current record for a reject, when its bytes are valid.</summary>
    private string? ValidKey()
    {
        if (KeyIndex < 0 || KeyIndex >= _reader.FieldCount)
        {
            return null;
        }

        var key = GetField(KeyIndex);
        return (_inputIsUtf8 ? Utf8.IsValid(key) : key.IndexOf(ReplacementCharacter) < 0) && !key.IsEmpty ? Encoding.UTF8.GetString(key) : null;
    }

    /// <summary>Gets the key of the current record for a reject, when it can be read.</summary>
    public string? TryGetKey() => KeyIndex >= 0 && KeyIndex < _reader.FieldCount ? GetString(KeyIndex) : null;

    public void Dispose() => _reader.Dispose();

    private IReadOnlyList<string> ReadHeader()
    {
        HeaderLine = _lineOffset + 1;
        if (!_connection.HasHeader)
        {
            return _connection.ColumnNames;
        }

        var found = _reader.Read();

        // The reader skips a header that breaks the quoting rules: the next record must not be taken for it. With
        // Literal, it returns it, and only quotes inside unquoted names are let through.
        if (_literalQuotes && found && _malformed.TryPeek(out var recovered) && !recovered.Skipped && recovered.RecordNumber == 1 && FindQuotingProblem().Reason is null)
        {
            _malformed.Dequeue();
        }

        if (_malformed.TryPeek(out var malformed) && (!found || malformed.RecordNumber == 1))
        {
            HeaderLine = malformed.LineNumber + _lineOffset;
            throw new CsvFileException(_sink.File, CsvFileError.InvalidHeader, HeaderLine, ["the header row breaks the quoting rules."]);
        }

        if (!found)
        {
            var problem = _lineOffset > 0
                ? $"the file has no header row after the {_lineOffset.ToString(CultureInfo.InvariantCulture)} lines to skip (LinesToSkip)."
                : "the file is empty: it has no header row.";
            throw new CsvFileException(_sink.File, CsvFileError.MissingHeader, 0, [problem]);
        }

        HeaderLine = Line;
        var problems = new List<string>();
        if (_inputIsUtf8 && !Utf8.IsValid(_reader.RawRecord))
        {
            problems.Add("the header row holds bytes that are not valid UTF-8; is the encoding of the connection right?");
        }

        var names = new string[_reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = GetString(i) ?? string.Empty;
        }

        CsvHeaderCheck.AddDuplicates(names, _connection, Normalize, problems);

        if (problems.Count > 0)
        {
            throw new CsvFileException(_sink.File, CsvFileError.InvalidHeader, HeaderLine, problems);
        }

        return names;
    }

    private string Normalize(string name) => _connection.CaseInsensitiveHeaders ? name.Trim() : name;

    private bool IsBlank() => _reader.FieldCount == 1 && _reader.RawRecord.Trim(" \t"u8).IsEmpty;

    private static ReadOnlySpan<byte> TrimTokens(ReadOnlySpan<byte> span, byte[][] tokens, bool whitespace)
    {
        // CsvHelper already trimmed the whitespace outside quotes; whitespace uncovered by removing a token goes too.
        bool trimmed;
        do
        {
            trimmed = false;
            foreach (var token in tokens)
            {
                if (span.StartsWith(token))
                {
                    span = span[token.Length..];
                    trimmed = true;
                }

                if (span.EndsWith(token) && span.Length >= token.Length)
                {
                    span = span[..^token.Length];
                    trimmed = true;
                }
            }

            if (trimmed && whitespace)
            {
                span = span.Trim(" \t"u8);
            }
        }
        while (trimmed && !span.IsEmpty);

        return span;
    }
}
