using HrConnector.Modeling;
namespace HrConnector.Modeling;

/// <summary>An entity type of a <see cref="Connector"/>, as validated: its scalar and navigation properties.</summary>
public sealed class EntityType
{
    private readonly Dictionary<string, EntityProperty> _byIdentifier;

    internal EntityType(string identifier, string? displayName, IReadOnlyList<EntityProperty> properties, Modeling.ThresholdLimits? thresholds = null)
    {
        Thresholds = thresholds;
        Identifier = identifier;
        DisplayName = displayName ?? identifier;
        Properties = properties;
        _byIdentifier = properties.ToDictionary(p => p.Identifier, StringComparer.OrdinalIgnoreCase);
        FirstNavigationIndex = properties.FirstOrDefault(p => p.IsNavigation)?.Index ?? properties.Count;
    }

    /// <summary>Gets the index of the first navigation property (they come after the scalar ones), or the property count.</summary>
    internal int FirstNavigationIndex { get; }

    /// <summary>Gets the identifier of the entity type.</summary>
    public string Identifier { get; }

    /// <summary>Gets the name shown to people (the identifier when none was declared).</summary>
    public string DisplayName { get; }

    /// <summary>Gets the thresholds of this entity type, or <see langword="null"/> when only the connector's apply.</summary>
    public Modeling.ThresholdLimits? Thresholds { get; }

    /// <summary>Gets every property: scalar properties first, then navigation properties, each in declaration order.</summary>
    public IReadOnlyList<EntityProperty> Properties { get; }

    /// <summary>Gets the property with the given identifier, matched ignoring case.</summary>
    /// <param name="identifier">The identifier of the property.</param>
    /// <returns>The property.</returns>
    /// <exception cref="KeyNotFoundException">The entity type has no such property.</exception>
    public EntityProperty GetProperty(string identifier)
        => TryGetProperty(identifier, out var property)
            ? property
            : throw new KeyNotFoundException($"The entity type '{Identifier}' has no property '{identifier}'.");

    /// <summary>Looks up a property by identifier, ignoring case.</summary>
    /// <param name="identifier">The identifier of the property.</param>
    /// <param name="property">The property, when found.</param>
    /// <returns>Whether the entity type has the property.</returns>
    public bool TryGetProperty(string identifier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EntityProperty? property)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return _byIdentifier.TryGetValue(identifier, out property);
    }

    /// <inheritdoc/>
    public override string ToString() => Identifier;
}
