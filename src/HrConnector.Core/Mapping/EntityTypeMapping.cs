using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>An entity-type mapping, as validated: the file an entity type is read from, its key column and its property mappings.</summary>
public sealed class EntityTypeMapping
{
    internal EntityTypeMapping(EntityType entityType, CsvConnection connection, string keyColumn, string? commandColumn, IReadOnlyList<PropertyMapping> properties)
    {
        CommandColumn = commandColumn;
        EntityType = entityType;
        Connection = connection;
        KeyColumn = keyColumn;
        Properties = properties;
    }

    /// <summary>Gets the entity type fed.</summary>
    public EntityType EntityType { get; }

    /// <summary>Gets the connection read.</summary>
    public CsvConnection Connection { get; }

    /// <summary>Gets the column holding the primary key.</summary>
    public string KeyColumn { get; }

    /// <summary>Gets the column holding the command of each row of a changes file, or <see langword="null"/> for a full file.</summary>
    public string? CommandColumn { get; }

    /// <summary>Gets the property mappings.</summary>
    public IReadOnlyList<PropertyMapping> Properties { get; }

    /// <summary>Gets every column the mapping reads, key column first, each once.</summary>
    public IEnumerable<string> Columns
        => new[] { KeyColumn }.Concat(CommandColumn is null ? [] : [CommandColumn]).Concat(Properties.Where(p => p.Column is not null).Select(p => p.Column!)).Distinct(Connection.HeaderComparer);
}
