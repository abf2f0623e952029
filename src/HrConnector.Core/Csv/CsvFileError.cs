namespace HrConnector.Csv;

/// <summary>Why an HR file could not be read as a whole.</summary>
public enum CsvFileError
{
    /// <summary>The file, or a file matching the pattern of the connection, does not exist.</summary>
    FileNotFound = 0,

    /// <summary>The file could not be opened or read (permissions, a lock, an I/O error).</summary>
    Unreadable,

    /// <summary>The file has no header row (it is empty, or shorter than the lines to skip).</summary>
    MissingHeader,

    /// <summary>The header is wrong: mapped columns missing, duplicate names, a malformed header row.</summary>
    InvalidHeader,

    /// <summary>A record is larger than the reader accepts (often an unterminated quote early in a large file).</summary>
    RecordTooLarge,

    /// <summary>More rows were rejected than the connection allows.</summary>
    RejectLimitExceeded,

    /// <summary>
    /// The connection declares a single-byte encoding (windows-1252, iso-8859-1), but the bytes of the file are valid
    /// UTF-8 with multi-byte characters: read as declared, every accented name would be garbled (<c>MÃ¼ller</c>).
    /// </summary>
    EncodingMismatch,

    /// <summary>
    /// The last record has no line break after it and is malformed (fewer fields than the header, an unterminated
    /// quote, a value that does not convert): the file was cut while it was written. See <see cref="CsvConnectionOptions.CutLastRecord"/>.
    /// </summary>
    Truncated,

    /// <summary>
    /// The file is still being written: its last write is more recent than the settle time of the connection, or its
    /// size or last write time changed while it was read. See <see cref="CsvConnectionOptions.SettleTime"/>.
    /// </summary>
    StillBeingWritten,

    /// <summary>
    /// The marker file of the connection is missing, or the record count or SHA-256 hash it holds differs from those of
    /// the file. See <see cref="CsvConnectionOptions.MarkerFile"/>.
    /// </summary>
    MarkerFileMismatch,

    /// <summary>
    /// The connection expects a trailer row, but the last line of the file does not match its pattern (the file is
    /// incomplete), or the record count of the trailer differs from the data records of the file. See
    /// <see cref="CsvConnectionOptions.TrailerPattern"/>.
    /// </summary>
    TrailerMismatch,
}
