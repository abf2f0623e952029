namespace HrConnector.Modeling;

/// <summary>A property of an <see cref="EntityType"/>, scalar or navigation, as validated.</summary>
public sealed class EntityProperty
{
    internal EntityProperty(
        string identifier,
        int index,
        PropertyType type,
        string? targetEntityType,
        bool isMultiValued,
        bool isRequired,
        bool isSensitive)
    {
        Identifier = identifier;
        Index = index;
        Type = type;
        TargetEntityType = targetEntityType;
        IsMultiValued = isMultiValued;
        IsRequired = isRequired;
        IsSensitive = isSensitive;
    }

    /// <summary>Gets the identifier of the property.</summary>
    public string Identifier { get; }

    /// <summary>Gets the position of the property in <see cref="EntityType.Properties"/>: scalar properties first, then navigation properties, each in declaration order.</summary>
    public int Index { get; }

    /// <summary>Gets the type of the values; <see cref="PropertyType.String"/> (the referenced keys) for a navigation property.</summary>
    public PropertyType Type { get; }

    /// <summary>Gets a value indicating whether this is a navigation property.</summary>
    public bool IsNavigation => TargetEntityType is not null;

    /// <summary>Gets the identifier of the referenced entity type of a navigation property; <see langword="null"/> for a scalar property.</summary>
    public string? TargetEntityType { get; }

    /// <summary>Gets a value indicating whether the property holds several values, compared as a set.</summary>
    public bool IsMultiValued { get; }

    /// <summary>Gets a value indicating whether every resource must have a value.</summary>
    public bool IsRequired { get; }

    /// <summary>Gets a value indicating whether the values are sensitive personal data, never copied into rejects or reports.</summary>
    public bool IsSensitive { get; }

    /// <summary>The text that stands for the value of a sensitive property in plans, reports and review pages.</summary>
    public const string RedactedValue = "***";

    /// <summary>
    /// Gets a value of this property as it may be shown to reviewers (a plan file, an HTML review): <see cref="RedactedValue"/>
    /// for a value of a sensitive property (<see cref="IsSensitive"/>), the value itself otherwise.
    /// </summary>
    /// <param name="value">A value of this property, or <see langword="null"/>.</param>
    /// <returns><see langword="null"/> for <see langword="null"/>; <see cref="RedactedValue"/> for a sensitive value; else <paramref name="value"/>.</returns>
    public object? Redact(object? value) => value is null ? null : IsSensitive ? RedactedValue : value;

    /// <inheritdoc/>
    public override string ToString() => Identifier;
}
