using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HrConnector.Modeling;

/// <summary>Validates the declared entity types and builds them (scalar and navigation properties, keys, references between them).</summary>
/// <param name="options">The declared entity types.</param>
/// <param name="errors">Where problems are gathered.</param>
internal sealed class EntityTypeFactory(IList<EntityTypeOptions> options, OptionErrors errors)
{
    private readonly IList<EntityTypeOptions> _options = options;
    private readonly OptionErrors _errors = errors;

    public Dictionary<string, EntityType> Build()
    {
        var result = new Dictionary<string, EntityType>(StringComparer.OrdinalIgnoreCase);
        if (_options.Count == 0)
        {
            _errors.Add("The connector declares no entity type.");
        }

        var known = new HashSet<string>(_options.Select(e => e.Identifier ?? string.Empty), StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < _options.Count; e++)
        {
            var options = _options[e];
            if (!_errors.CheckIdentifier($"The entity type #{e + 1}", options.Identifier))
            {
                continue;
            }

            var owner = $"The entity type '{options.Identifier}'";
            if (result.ContainsKey(options.Identifier))
            {
                _errors.Add($"{owner} is declared more than once (identifiers are compared ignoring case).");
                continue;
            }

            var properties = new List<EntityProperty>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var scalar in options.Properties)
            {
                if (_errors.CheckIdentifier($"A property of {owner[4..]}", scalar.Identifier) && _errors.AddName(names, owner, scalar.Identifier))
                {
                    if (!Enum.IsDefined(scalar.Type))
                    {
                        _errors.Add($"The property '{options.Identifier}.{scalar.Identifier}' has an unknown type '{scalar.Type}'; use one of {string.Join(", ", Enum.GetNames<PropertyType>())}.");
                    }

                    properties.Add(new EntityProperty(scalar.Identifier, properties.Count, scalar.Type, null, scalar.IsMultiValued, scalar.IsRequired, scalar.IsSensitive));
                }
            }

            foreach (var navigation in options.NavigationProperties)
            {
                if (!_errors.CheckIdentifier($"A navigation property of {owner[4..]}", navigation.Identifier) || !_errors.AddName(names, owner, navigation.Identifier))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(navigation.TargetEntityType))
                {
                    _errors.Add($"The navigation property '{options.Identifier}.{navigation.Identifier}' has no target entity type.");
                }
                else if (!known.Contains(navigation.TargetEntityType))
                {
                    _errors.Add($"The navigation property '{options.Identifier}.{navigation.Identifier}' refers to the entity type '{navigation.TargetEntityType}', which the connector does not declare.");
                }

                var target = _options.FirstOrDefault(t => string.Equals(t.Identifier, navigation.TargetEntityType, StringComparison.OrdinalIgnoreCase))?.Identifier ?? navigation.TargetEntityType ?? string.Empty;
                properties.Add(new EntityProperty(navigation.Identifier, properties.Count, PropertyType.String, target, navigation.IsMultiValued, navigation.IsRequired, isSensitive: false));
            }

            if (options.Thresholds is not null)
            {
                _errors.CheckThresholds(owner, options.Thresholds);
            }

            result.Add(options.Identifier, new EntityType(options.Identifier, options.DisplayName, properties, options.Thresholds is null ? null : ThresholdLimits.From(options.Thresholds)));
        }

        return result;
    }
}
