namespace HrConnector.Csv;

/// <summary>
/// What a read does when the last record of a file has no line break after it and is malformed (fewer fields than the
/// header, an unterminated quote, a value that does not convert): the file was cut while it was written.
/// </summary>
public enum CutLastRecordHandling
{
    /// <summary>The read fails as a whole (<see cref="CsvFileError.Truncated"/>): nothing of the file is used.</summary>
    Fail = 0,

    /// <summary>
    /// That record alone is rejected, and the file counts as incomplete (<see cref="Mapping.MappingResult.IsTruncated"/>):
    /// no resource of the entity type is deleted because it is missing from the file.
    /// </summary>
    RejectAndHoldDeletes,
}
