namespace HrConnector.Mapping;

/// <summary>The command of a row of a changes file (see <see cref="EntityTypeMappingOptions.CommandColumn"/>).</summary>
public enum ChangeCommand
{
    /// <summary>Adds a resource that HR did not have; an existing key is an error.</summary>
    Insert = 0,

    /// <summary>Replaces the values of an existing resource; a missing key is an error.</summary>
    Update,

    /// <summary>Removes a resource; only the key column is read.</summary>
    Delete,

    /// <summary>Adds the resource, or replaces its values when it exists.</summary>
    Merge,
}
