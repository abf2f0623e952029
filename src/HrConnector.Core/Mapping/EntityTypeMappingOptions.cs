namespace HrConnector.Mapping;

/// <summary>
/// Declares how an entity type is read from a CSV connection: the primary key column and, per property, the column
/// (or the computation) its values come from.
/// </summary>
public sealed class EntityTypeMappingOptions
{
    /// <summary>Gets or sets the identifier of the entity type that the file feeds.</summary>
    /// <value>Required.</value>
    public string EntityType { get; set; } = string.Empty;

    /// <summary>Gets or sets the identifier of the CSV connection read.</summary>
    /// <value>Required.</value>
    public string Connection { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the column holding the primary key: required on every row, unique in the file and immutable
    /// (a resource whose key changes is another resource). Keys are compared ordinally (case-sensitively).
    /// </summary>
    /// <value>Required.</value>
    public string KeyColumn { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the column holding the command of each row of a changes file (incremental synchronization):
    /// <c>insert</c>, <c>update</c>, <c>delete</c> or <c>merge</c> (or I, U, D, M), ignoring case. A delete row needs
    /// only its key.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the file holds the full state of the entity type.</value>
    public string? CommandColumn { get; set; }

    /// <summary>Gets the property mappings. A property of the entity type without one has no value.</summary>
    public IList<PropertyMappingOptions> Properties { get; } = [];
}
