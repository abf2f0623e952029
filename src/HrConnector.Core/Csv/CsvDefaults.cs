namespace HrConnector.Csv;

/// <summary>The default values of <see cref="CsvConnectionOptions"/>, in one place.</summary>
internal static class CsvDefaults
{
    /// <summary>The default encoding name: <c>utf-8</c>.</summary>
    public const string Encoding = "utf-8";

    /// <summary>The encoding name that detects the encoding of each file: <c>auto</c>.</summary>
    public const string AutoEncoding = "auto";

    /// <summary>The default encoding of a file that <see cref="AutoEncoding"/> finds is neither UTF-16 nor UTF-8: <c>windows-1252</c>.</summary>
    public const string FallbackEncoding = "windows-1252";

    /// <summary>The default delimiter: a comma.</summary>
    public const char Delimiter = ',';

    /// <summary>The default quote: a double quote.</summary>
    public const char Quote = '"';

    /// <summary>The default share of rejected rows, in percent, over which a read fails: 10.</summary>
    public const double MaxRejectPercent = 10;

    /// <summary>The largest record, in bytes, that is read; a longer one (often an unterminated quote) fails the read: 16 MiB.</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The default time a file must have stayed unchanged before it is read: 2 seconds. A file written more recently is
    /// waited for; one that changes meanwhile is still being written, and is not read.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);
}
