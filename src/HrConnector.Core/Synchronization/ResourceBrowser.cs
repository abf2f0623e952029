using System.Collections;
using System.Runtime.CompilerServices;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>
/// Reads what was synchronized: the resources of the resource store decoded with the connector's model, one resource
/// by its key, and the resources that point at one (a manager's reports). Writes nothing.
/// </summary>
/// <remarks>
/// Values are returned as stored, sensitive ones included (<see cref="EntityProperty.IsSensitive"/>): redact them
/// before showing them. Resources stored under an older model are decoded as the next run would transcode them.
/// </remarks>
/// <example>
/// <code>
/// var browser = job.Resources;   // job: the connector's SynchronizationJob
/// var person = await browser.GetAsync("Person", "P0001");
/// await foreach (var report in browser.ReadReferrersAsync("Person", "P0001"))
/// {
///     Console.WriteLine($"{report.EntityType}.{report.Property}: {report.Key}");
/// }
/// </code>
/// </example>
public sealed class ResourceBrowser
{
    private readonly ConnectorModel _connector;
    private readonly IResourceStore _store;

    /// <summary>Creates a browser (<c>SynchronizationJob.Resources</c>).</summary>
    /// <param name="connector">The connector whose model decodes the resources.</param>
    /// <param name="store">The resource store.</param>
    internal ResourceBrowser(ConnectorModel connector, IResourceStore store)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(store);
        _connector = connector;
        _store = store;
    }

    /// <summary>Streams the resources of an entity type, in the order of the store (by key for the in-memory and SQLite stores).</summary>
    /// <param name="entityType">The entity type identifier (case is ignored).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The resources, decoded.</returns>
    /// <exception cref="HrConnectorException">The connector has no such entity type.</exception>
    public async IAsyncEnumerable<ResourceValues> ReadAsync(string entityType, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var type = Find(entityType);
        var decode = await DecoderAsync(type, cancellationToken).ConfigureAwait(false);
        await foreach (var stored in _store.ReadAsync(_connector.Identifier, type.Identifier, cancellationToken).ConfigureAwait(false))
        {
            yield return new ResourceValues(type, stored.Key, decode(stored.Payload));
        }
    }

    /// <summary>Reads one resource.</summary>
    /// <param name="entityType">The entity type identifier (case is ignored).</param>
    /// <param name="key">The key (compared ordinally).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The resource, or <see langword="null"/> when it is not stored.</returns>
    /// <exception cref="HrConnectorException">The connector has no such entity type.</exception>
    public async Task<ResourceValues?> GetAsync(string entityType, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var type = Find(entityType);
        var decode = await DecoderAsync(type, cancellationToken).ConfigureAwait(false);
        await foreach (var stored in _store.ReadAsync(_connector.Identifier, type.Identifier, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(stored.Key, key, StringComparison.Ordinal))
            {
                return new ResourceValues(type, stored.Key, decode(stored.Payload));
            }
        }

        return null;
    }

    /// <summary>Streams the resources whose navigation properties point at a resource (such as the people whose Manager it is), by entity type, property and key.</summary>
    /// <param name="entityType">The entity type pointed at (case is ignored).</param>
    /// <param name="key">The key pointed at.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The references.</returns>
    /// <exception cref="HrConnectorException">The connector has no such entity type.</exception>
    public async IAsyncEnumerable<ResourceReference> ReadReferrersAsync(string entityType, string key, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var target = Find(entityType);
        foreach (var source in _connector.EntityTypes)
        {
            var navigations = source.Properties.Where(p => p.IsNavigation && string.Equals(p.TargetEntityType, target.Identifier, StringComparison.OrdinalIgnoreCase)).ToList();
            if (navigations.Count == 0)
            {
                continue;
            }

            var found = navigations.ToDictionary(p => p, _ => new List<string>());
            await foreach (var resource in ReadAsync(source.Identifier, cancellationToken).ConfigureAwait(false))
            {
                foreach (var navigation in navigations)
                {
                    if (PointsAt(resource.Values[navigation.Index], key))
                    {
                        found[navigation].Add(resource.Key);
                    }
                }
            }

            foreach (var navigation in navigations)
            {
                foreach (var referrer in found[navigation].Order(StringComparer.Ordinal))
                {
                    yield return new ResourceReference(source.Identifier, navigation.Identifier, referrer);
                }
            }
        }
    }

    private static bool PointsAt(object? value, string key) => value switch
    {
        string one => string.Equals(one, key, StringComparison.Ordinal),
        IEnumerable many => many.Cast<object?>().Any(v => v is string s && string.Equals(s, key, StringComparison.Ordinal)),
        _ => false,
    };

    private EntityType Find(string entityType)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        return _connector.EntityTypes.FirstOrDefault(e => string.Equals(e.Identifier, entityType, StringComparison.OrdinalIgnoreCase))
            ?? throw new HrConnectorException($"The connector '{_connector.Identifier}' has no entity type '{entityType}'; its entity types: {string.Join(", ", _connector.EntityTypes.Select(e => e.Identifier))}.");
    }

    private async Task<Func<ReadOnlyMemory<byte>, object?[]>> DecoderAsync(EntityType type, CancellationToken cancellationToken)
    {
        var stored = await _store.GetSchemaAsync(_connector.Identifier, type.Identifier, cancellationToken).ConfigureAwait(false);
        if (stored is null || string.Equals(ResourceSchema.Split(stored).Properties, ResourceSchema.Of(type).Text, StringComparison.Ordinal))
        {
            return payload => ResourcePayload.GetValues(payload.Span, type);
        }

        var transcode = ResourceSchema.Parse(stored).TranscoderTo(type);
        return payload => ResourcePayload.GetValues(transcode(payload), type);
    }
}

/// <summary>A stored resource, decoded: its values in the order of its entity type's properties.</summary>
public sealed record ResourceValues
{
    /// <summary>Creates the values of a resource.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="key">The key.</param>
    /// <param name="values">The values, one per property of <paramref name="entityType"/>, in order: <see langword="null"/>, one value, or a read-only list for a multi-valued property. A navigation property holds the key of its target.</param>
    public ResourceValues(EntityType entityType, string key, IReadOnlyList<object?> values)
    {
        EntityType = entityType;
        Key = key;
        Values = values;
    }

    /// <summary>Gets the entity type.</summary>
    public EntityType EntityType { get; init; }

    /// <summary>Gets the key.</summary>
    public string Key { get; init; }

    /// <summary>Gets the values, one per property of <see cref="EntityType"/>, in order: <see langword="null"/>, one value, or a read-only list for a multi-valued property. A navigation property holds the key of its target.</summary>
    public IReadOnlyList<object?> Values { get; init; }

    /// <summary>Gets the value of a property.</summary>
    /// <param name="property">The property identifier (case is ignored).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The entity type has no such property.</exception>
    public object? GetValue(string property) => Values[EntityType.GetProperty(property).Index];
}

/// <summary>A resource that points at another through a navigation property.</summary>
/// <param name="EntityType">The entity type of the resource pointing.</param>
/// <param name="Property">Its navigation property, such as Manager.</param>
/// <param name="Key">Its key.</param>
public sealed record ResourceReference(string EntityType, string Property, string Key);
