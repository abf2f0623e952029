using System.IO.Hashing;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>
/// One HR record as the connector understands it: the primary key and the typed values of the properties of its
/// entity type. Values are held in one compact, canonical byte array and decoded on demand, so that a million
/// resources fit in memory and two resources compare by a byte comparison.
/// </summary>
public sealed class Resource
{
    private readonly ReadOnlyMemory<byte> _payload;

    internal Resource(EntityType entityType, string key, ReadOnlyMemory<byte> payload, long line, int navigationStart = -1, ulong sourceHash = 0)
    {
        SourceHash = sourceHash;
        NavigationStart = navigationStart;
        EntityType = entityType;
        Key = key;
        _payload = payload;
        Line = line;
    }

    /// <summary>Gets the entity type of the resource.</summary>
    public EntityType EntityType { get; }

    /// <summary>Gets the primary key.</summary>
    public string Key { get; }

    /// <summary>Gets the 1-based physical line of the file where the record starts; 0 when it did not come from a file.</summary>
    public long Line { get; }

    /// <summary>Gets the hash of the raw record the resource was mapped from, or 0 (see <see cref="ResourceTable.HashRecord"/>).</summary>
    internal ulong SourceHash { get; }

    /// <summary>Gets the offset in the payload of the first navigation property, or -1 when unknown (reference checks start there).</summary>
    internal int NavigationStart { get; }

    /// <summary>Gets or sets the position of the resource in <see cref="MappingResult.Resources"/>, or -1.</summary>
    internal int Index { get; set; } = -1;

    /// <summary>Gets the encoded values (see the remarks of <see cref="ContentHash"/>).</summary>
    internal ReadOnlySpan<byte> Payload => _payload.Span;

    /// <summary>Gets the encoded values as memory, for resource stores.</summary>
    internal ReadOnlyMemory<byte> PayloadMemory => _payload;

    /// <summary>
    /// Gets a 64-bit hash (XxHash3) of the values, key excluded: resources with equal values have equal hashes, so a
    /// change can be detected without decoding anything.
    /// </summary>
    public ulong ContentHash => XxHash3.HashToUInt64(_payload.Span);

    /// <summary>Gets the value of a property: <see langword="null"/>, a value of the property's CLR type, or for a multi-valued property a read-only list.</summary>
    /// <param name="property">The identifier of the property, matched ignoring case.</param>
    /// <exception cref="KeyNotFoundException">The entity type has no such property.</exception>
    public object? this[string property] => GetValue(EntityType.GetProperty(property));

    /// <summary>Gets the value of a property.</summary>
    /// <param name="property">A property of <see cref="EntityType"/>.</param>
    /// <returns><see langword="null"/>, a value of the property's CLR type, or for a multi-valued property a read-only list.</returns>
    public object? GetValue(EntityProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.Index >= EntityType.Properties.Count || !ReferenceEquals(EntityType.Properties[property.Index], property))
        {
            throw new ArgumentException($"The property '{property.Identifier}' is not a property of the entity type '{EntityType.Identifier}'.", nameof(property));
        }

        return ResourcePayload.GetValue(_payload.Span, EntityType, property.Index);
    }

    /// <summary>Gets the value of a property as <typeparamref name="T"/>, or the default of <typeparamref name="T"/> when it has none.</summary>
    /// <typeparam name="T">The CLR type of the property, such as <see cref="DateOnly"/>.</typeparam>
    /// <param name="property">The identifier of the property, matched ignoring case.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidCastException">The property's values are not of type <typeparamref name="T"/>.</exception>
    public T? Get<T>(string property) => this[property] is { } value ? (T)value : default;

    /// <summary>Gets the values of every property, keyed by property identifier, in entity type order.</summary>
    /// <returns>A new dictionary (case-insensitive keys).</returns>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var values = ResourcePayload.GetValues(_payload.Span, EntityType);
        var result = new Dictionary<string, object?>(values.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Length; i++)
        {
            result.Add(EntityType.Properties[i].Identifier, values[i]);
        }

        return result;
    }

    /// <summary>Determines whether another resource of the same entity type (by identifier, so across connectors built alike) has the same key and the same values.</summary>
    /// <param name="other">The other resource.</param>
    /// <returns><see langword="true"/> when key and every value are equal (multi-valued properties as sets).</returns>
    public bool ContentEquals(Resource? other)
        => other is not null
            && string.Equals(EntityType.Identifier, other.EntityType.Identifier, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Key, other.Key, StringComparison.Ordinal)
            && _payload.Span.SequenceEqual(other._payload.Span);

    /// <inheritdoc/>
    public override string ToString() => $"{EntityType.Identifier}:{Key}";
}
