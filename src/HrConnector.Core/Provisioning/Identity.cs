namespace HrConnector.Provisioning;

/// <summary>Whether an identity can be used.</summary>
public enum IdentityState
{
    /// <summary>Active.</summary>
    Active = 0,

    /// <summary>Deactivated (a leaver kept for a while, or for good).</summary>
    Inactive,

    /// <summary>Deleted: only on an <see cref="IdentityLink"/>, which stays after the identity is deleted so that the orders of a later rehire get new ids. Never set on an identity.</summary>
    Deleted,
}

/// <summary>An identity of the host's repository, as the connector sees it.</summary>
public sealed class Identity
{
    /// <summary>Creates an identity.</summary>
    /// <param name="id">The repository's identifier of the identity.</param>
    /// <param name="properties">The values of its properties: <see langword="null"/>, a string, a number, a Boolean, a <see cref="DateOnly"/>, a <see cref="DateTime"/>, a <see cref="Guid"/>, or a read-only list of those.</param>
    /// <param name="state">Whether it is active.</param>
    public Identity(string id, IReadOnlyDictionary<string, object?> properties, IdentityState state = IdentityState.Active)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(properties);
        Id = id;
        Properties = properties;
        State = state;
    }

    /// <summary>Gets the repository's identifier of the identity.</summary>
    public string Id { get; }

    /// <summary>Gets the values of the identity's properties.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; }

    /// <summary>Gets whether the identity is active.</summary>
    public IdentityState State { get; }

    /// <summary>Gets the value of a property, or <see langword="null"/> when it has none.</summary>
    /// <param name="property">The property.</param>
    /// <returns>The value.</returns>
    public object? GetValue(string property) => Properties.TryGetValue(property, out var value) ? value : null;

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({State})";
}

/// <summary>One condition of an <see cref="IdentityQuery"/>: a property equals a value.</summary>
/// <param name="Property">The identity property.</param>
/// <param name="Value">The value, as HR has it.</param>
public sealed record IdentityCriterion(string Property, object? Value);

/// <summary>A query for the identities whose properties equal the given values after normalization.</summary>
public sealed record IdentityQuery
{
    /// <summary>Creates a query.</summary>
    /// <param name="criteria">The conditions, all of which must hold.</param>
    /// <param name="normalization">How values are normalized before they are compared; <see cref="IdentityValues.Normalize"/> does it for hosts.</param>
    public IdentityQuery(IReadOnlyList<IdentityCriterion> criteria, MatchNormalization normalization = MatchNormalization.None)
    {
        Criteria = criteria;
        Normalization = normalization;
    }

    /// <summary>Gets the conditions, all of which must hold.</summary>
    public IReadOnlyList<IdentityCriterion> Criteria { get; init; }

    /// <summary>Gets how values are normalized before they are compared; <see cref="IdentityValues.Normalize"/> does it for hosts.</summary>
    public MatchNormalization Normalization { get; init; }
}
