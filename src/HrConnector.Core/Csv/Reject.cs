namespace HrConnector.Csv;

/// <summary>
/// A problem that kept a row of an HR file from becoming a resource: where (file, line, column), why, and a message
/// that a person can act on. A row with several problems yields one reject per problem.
/// </summary>
/// <param name="EntityType">The identifier of the entity type the row was read for.</param>
/// <param name="File">The file name (without folder), or the name given to in-memory text.</param>
/// <param name="Line">The 1-based physical line where the row starts.</param>
/// <param name="Column">The column at fault, or <see langword="null"/> when the whole row is.</param>
/// <param name="Reason">Why the row was rejected.</param>
/// <param name="Message">A sentence naming file, line, column and reason; it contains a value only when the host opted in and the property is not sensitive.</param>
/// <param name="Key">The primary key of the row, when it could be read.</param>
/// <param name="Value">The raw value at fault, only when the host opted in (<see cref="ReadOptions.IncludeValuesInRejects"/>) and the property is not sensitive.</param>
public sealed record Reject(
    string EntityType,
    string File,
    long Line,
    string? Column,
    RejectReason Reason,
    string Message,
    string? Key = null,
    string? Value = null)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
