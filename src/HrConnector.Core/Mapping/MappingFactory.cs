using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>Validates the declared mappings and builds them: each entity type's connection, key column, and property mappings with their conversions.</summary>
/// <param name="options">The declared mappings.</param>
/// <param name="entityTypeOptions">The declared entity types (to tell an undeclared entity type from one that failed validation).</param>
/// <param name="connectionOptions">The declared connections (to tell an undeclared connection from one that failed validation, and their cultures).</param>
/// <param name="errors">Where problems are gathered.</param>
internal sealed class MappingFactory(IList<EntityTypeMappingOptions> options, IList<EntityTypeOptions> entityTypeOptions, IList<CsvConnectionOptions> connectionOptions, OptionErrors errors)
{
    private readonly IList<EntityTypeMappingOptions> _options = options;
    private readonly IList<EntityTypeOptions> _entityTypeOptions = entityTypeOptions;
    private readonly IList<CsvConnectionOptions> _connectionOptions = connectionOptions;
    private readonly OptionErrors _errors = errors;

    public Dictionary<string, EntityTypeMapping> Build(Dictionary<string, EntityType> entityTypes, Dictionary<string, CsvConnection> connections)
    {
        var result = new Dictionary<string, EntityTypeMapping>(StringComparer.OrdinalIgnoreCase);
        var mappedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var declaredConnections = new HashSet<string>(_connectionOptions.Select(c => c.Identifier ?? string.Empty), StringComparer.OrdinalIgnoreCase);
        for (var m = 0; m < _options.Count; m++)
        {
            var options = _options[m];
            var owner = string.IsNullOrWhiteSpace(options.EntityType) ? $"The mapping #{m + 1}" : $"The mapping of '{options.EntityType}'";
            var errorCount = _errors.Count;
            entityTypes.TryGetValue(options.EntityType ?? string.Empty, out var entityType);
            if (string.IsNullOrWhiteSpace(options.EntityType))
            {
                _errors.Add($"{owner} names no entity type.");
            }
            else if (entityType is null)
            {
                if (!_entityTypeOptions.Any(e => string.Equals(e.Identifier, options.EntityType, StringComparison.OrdinalIgnoreCase)))
                {
                    _errors.Add($"{owner} names the entity type '{options.EntityType}', which the connector does not declare.");
                }
            }
            else if (!mappedTypes.Add(entityType.Identifier))
            {
                _errors.Add($"{owner} is declared more than once: an entity type is read from one file.");
                continue;
            }

            connections.TryGetValue(options.Connection ?? string.Empty, out var connection);
            if (string.IsNullOrWhiteSpace(options.Connection))
            {
                _errors.Add($"{owner} names no connection.");
            }
            else if (!declaredConnections.Contains(options.Connection))
            {
                _errors.Add($"{owner} names the connection '{options.Connection}', which the connector does not declare.");
            }

            if (string.IsNullOrWhiteSpace(options.KeyColumn))
            {
                _errors.Add($"{owner} has no KeyColumn (the primary key column is required).");
            }
            else if (connection is not null)
            {
                CheckColumn(owner, connection, options.KeyColumn);
            }

            if (options.CommandColumn is not null)
            {
                if (string.IsNullOrWhiteSpace(options.CommandColumn))
                {
                    _errors.Add($"{owner} has an empty CommandColumn.");
                }
                else if (connection is not null)
                {
                    CheckColumn(owner, connection, options.CommandColumn);
                }
            }

            var properties = entityType is null ? [] : BuildPropertyMappings(owner, entityType, connection, options);
            if (_errors.Count == errorCount && entityType is not null && connection is not null)
            {
                result.Add(entityType.Identifier, new EntityTypeMapping(entityType, connection, options.KeyColumn, options.CommandColumn, properties));
            }
        }

        return result;
    }

    private void CheckColumn(string owner, CsvConnection connection, string column)
    {
        if (!connection.HasHeader && !connection.ColumnNames.Contains(connection.CaseInsensitiveHeaders ? column.Trim() : column, connection.HeaderComparer))
        {
            _errors.Add($"{owner} reads the column '{column}', which is not among the ColumnNames of the connection '{connection.Identifier}'.");
        }
    }

    private List<PropertyMapping> BuildPropertyMappings(string owner, EntityType entityType, CsvConnection? connection, EntityTypeMappingOptions options)
    {
        var result = new List<PropertyMapping>();
        var mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var options1 in options.Properties)
        {
            if (string.IsNullOrWhiteSpace(options1.Property))
            {
                _errors.Add($"{owner} has a property mapping that names no property.");
                continue;
            }

            if (!entityType.TryGetProperty(options1.Property, out var property))
            {
                _errors.Add($"{owner} maps the property '{options1.Property}', which the entity type '{entityType.Identifier}' does not declare.");
                continue;
            }

            if (!mapped.Add(property.Identifier))
            {
                _errors.Add($"{owner} maps the property '{property.Identifier}' more than once.");
                continue;
            }

            var mapping = BuildPropertyMapping($"{owner}, property '{property.Identifier}',", property, connection, options.Connection, options1);
            if (mapping is not null)
            {
                result.Add(mapping);
            }
        }

        foreach (var property in entityType.Properties.Where(p => p.IsRequired && !mapped.Contains(p.Identifier)))
        {
            _errors.Add($"{owner} does not map the property '{property.Identifier}', which is required.");
        }

        return result;
    }

    private CultureInfo DeclaredCulture(string? connection)
    {
        var name = _connectionOptions.FirstOrDefault(c => string.Equals(c.Identifier, connection, StringComparison.OrdinalIgnoreCase))?.Culture;
        try
        {
            return string.IsNullOrEmpty(name) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private PropertyMapping? BuildPropertyMapping(string owner, EntityProperty property, CsvConnection? connection, string? connectionIdentifier, PropertyMappingOptions options)
    {
        var errorCount = _errors.Count;
        var sources = (options.Column is null ? 0 : 1) + (options.Compute is null ? 0 : 1);
        if (options.Column is not null && string.IsNullOrWhiteSpace(options.Column))
        {
            _errors.Add($"{owner} has an empty Column.");
        }

        if (sources == 0 && options.DefaultValue is null)
        {
            _errors.Add($"{owner} has no source: set a Column, a DefaultValue, or a Compute function.");
        }
        else if (sources == 2)
        {
            _errors.Add($"{owner} sets both a Column and a Compute function; choose one.");
        }

        if (options.Column is { Length: > 0 } column && connection is not null)
        {
            CheckColumn(owner, connection, column);
        }

        var isDate = property.Type is PropertyType.Date or PropertyType.DateTime;
        if (options.Formats.Count > 0 && !isDate)
        {
            _errors.Add($"{owner} sets Formats, which only apply to Date and DateTime properties.");
        }

        if (options.Formats.Any(string.IsNullOrWhiteSpace))
        {
            _errors.Add($"{owner} has an empty format in Formats.");
        }

        if ((options.TrueValues.Count > 0 || options.FalseValues.Count > 0) && property.Type != PropertyType.Boolean)
        {
            _errors.Add($"{owner} sets TrueValues or FalseValues, which only apply to Boolean properties.");
        }

        var overlap = options.TrueValues.Intersect(options.FalseValues, StringComparer.OrdinalIgnoreCase).ToList();
        if (overlap.Count > 0)
        {
            _errors.Add($"{owner} has tokens that are both true and false: {string.Join(", ", overlap.Select(t => $"'{t}'"))}.");
        }

        if (property.IsMultiValued && options.Column is not null && string.IsNullOrEmpty(options.Separator))
        {
            _errors.Add($"{owner} reads a multi-valued property from a column but has no Separator.");
        }
        else if (!property.IsMultiValued && options.Separator is not null)
        {
            _errors.Add($"{owner} sets a Separator, but the property is not multi-valued.");
        }

        // Without a valid connection, the culture it declares (or the invariant one) stands in so that values are still checked.
        var culture = options.Culture is null ? connection?.Culture ?? DeclaredCulture(connectionIdentifier) : _errors.ResolveCulture(owner, options.Culture);
        if (_errors.Count != errorCount || culture is null)
        {
            return null;
        }

        var mapping = new PropertyMapping(property, options, culture);
        CheckConvertible(owner, mapping, "DefaultValue", options.DefaultValue);
        foreach (var (from, to) in options.ValueMap)
        {
            CheckConvertible(owner, mapping, $"the value map entry '{from}'", to);
        }

        return _errors.Count == errorCount ? mapping : null;
    }

    private void CheckConvertible(string owner, PropertyMapping mapping, string what, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!mapping.Converter.TryWrite(Encoding.UTF8.GetBytes(text), new PayloadBuffer(64), out var failure))
        {
            _errors.Add($"{owner} has {what} '{text}' that does not convert to {mapping.Property.Type}: {failure}");
        }
    }
}
