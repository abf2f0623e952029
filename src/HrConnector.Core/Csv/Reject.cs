namespace HrConnector.Csv;

/// <summary>
/// A problem that kept a row of an HR file from becoming a resource: where (file, line, column), why, and a message
/// that a person can act on. A row with several problems yields one reject per problem.
/// </summary>
public sealed record Reject
{
    /// <summary>Creates a reject.</summary>
    /// <param name="entityType">The identifier of the entity type the row was read for.</param>
    /// <param name="file">The file name (without folder), or the name given to in-memory text.</param>
    /// <param name="line">The 1-based physical line where the row starts.</param>
    /// <param name="column">The column at fault, or <see langword="null"/> when the whole row is.</param>
    /// <param name="reason">Why the row was rejected.</param>
    /// <param name="message">A sentence naming file, line, column and reason; it contains a value only when the host opted in and the property is not sensitive.</param>
    /// <param name="key">The primary key of the row, when it could be read.</param>
    /// <param name="value">The raw value at fault, only when the host opted in (<see cref="ReadOptions.IncludeValuesInRejects"/>) and the property is not sensitive.</param>
    public Reject(string entityType, string file, long line, string? column, RejectReason reason, string message, string? key = null, string? value = null)
    {
        EntityType = entityType;
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
        Message = message;
        Key = key;
        Value = value;
    }

    /// <summary>Gets the identifier of the entity type the row was read for.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the file name (without folder), or the name given to in-memory text.</summary>
    public string File { get; init; }

    /// <summary>Gets the 1-based physical line where the row starts.</summary>
    public long Line { get; init; }

    /// <summary>Gets the column at fault, or <see langword="null"/> when the whole row is.</summary>
    public string? Column { get; init; }

    /// <summary>Gets why the row was rejected.</summary>
    public RejectReason Reason { get; init; }

    /// <summary>Gets a sentence naming file, line, column and reason; it contains a value only when the host opted in and the property is not sensitive.</summary>
    public string Message { get; init; }

    /// <summary>Gets the primary key of the row, when it could be read.</summary>
    public string? Key { get; init; }

    /// <summary>Gets the raw value at fault, only when the host opted in (<see cref="ReadOptions.IncludeValuesInRejects"/>) and the property is not sensitive.</summary>
    public string? Value { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
