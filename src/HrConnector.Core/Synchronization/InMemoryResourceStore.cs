using System.Runtime.CompilerServices;
using HrConnector.Mapping;

namespace HrConnector.Synchronization;

/// <summary>
/// The default <see cref="IResourceStore"/>: everything in memory, thread-safe. A commit builds the new state aside
/// and swaps it in under a lock, so readers see the state before or after a commit, never a mix. Lost when the
/// process ends: use it for tests, previews and hosts that persist elsewhere.
/// </summary>
public sealed class InMemoryResourceStore : IIndexedResourceStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ConnectorState> _connectors = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Find(connector, entityType)?.Schema);

    /// <inheritdoc/>
    public ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default)
        => ValueTask.FromResult((long)(Find(connector, entityType)?.Resources.Count ?? 0));

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var state = Find(connector, entityType);
        if (state is null)
        {
            yield break;
        }

        var resources = state.Resources;
        for (var i = 0; i < resources.Count; i++)
        {
            if ((i & 0xFFF) == 0xFFF)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return new StoredResource(resources.Keys.GetString(i), resources.Payload(i), resources.SourceHash(i));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_connectors.TryGetValue(connector, out var state) ? state.LastRunId : null);
        }
    }

    /// <inheritdoc/>
    public Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default)
        => CommitAsync(commit, navigationStarts: null, cancellationToken);

    /// <inheritdoc cref="IIndexedResourceStore.CommitAsync"/>
    internal Task CommitAsync(ResourceStoreCommit commit, IReadOnlyList<int[]?>? navigationStarts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _connectors.TryGetValue(commit.Connector, out var current);
            if (!string.Equals(current?.LastRunId, commit.ExpectedLastRunId, StringComparison.Ordinal))
            {
                throw new ResourceStoreConcurrencyException(commit.Connector, commit.ExpectedLastRunId, current?.LastRunId);
            }

            // Build every entity type's new state first; swap them in only when all are built.
            var entityTypes = new Dictionary<string, EntityTypeState>(current?.EntityTypes ?? [], StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < commit.EntityTypes.Count; c++)
            {
                var change = commit.EntityTypes[c];
                var starts = navigationStarts?[c];
                entityTypes.TryGetValue(change.EntityType, out var before);
                // The table knows the mapping its payloads were made with, so that the next read can reuse them.
                var fingerprint = ResourceSchema.Split(change.Schema).Fingerprint;
                ResourceTable resources;
                if (change.ReplaceAll || before is null)
                {
                    resources = new ResourceTable(change.Upserts.Count) { Fingerprint = fingerprint };
                }
                else
                {
                    // The published state is immutable: the kept resources are copied into a new one.
                    var old = before.Resources;
                    var deleted = new bool[old.Count];
                    foreach (var key in change.Deletes)
                    {
                        if (old.Keys.Find(key) is var index and >= 0)
                        {
                            deleted[index] = true;
                        }
                    }

                    resources = new ResourceTable(old.Count + change.Upserts.Count) { Fingerprint = fingerprint };
                    for (var i = 0; i < old.Count; i++)
                    {
                        if (!deleted[i])
                        {
                            resources.Set(old.Keys[i], old.Payload(i), old.SourceHash(i), old.NavigationStart(i));
                        }
                    }
                }

                // Payloads are copied, so that the caller's buffers can change; into large chunks, so that a million
                // of them are not a million objects for the garbage collector.
                var arena = new PayloadArena();
                for (var i = 0; i < change.Upserts.Count; i++)
                {
                    var upsert = change.Upserts[i];
                    resources.Set(upsert.Key, arena.Add(upsert.Payload.Span), upsert.SourceHash, starts?[i] ?? -1);
                }

                entityTypes[change.EntityType] = new EntityTypeState(change.Schema, resources);
            }

            _connectors[commit.Connector] = new ConnectorState(commit.RunId, entityTypes);
        }

        return Task.CompletedTask;
    }

    /// <summary>Gets the stored resources of an entity type by key; never changed once published.</summary>
    internal ResourceTable? Snapshot(string connector, string entityType)
        => Find(connector, entityType)?.Resources;

    ResourceTable? IIndexedResourceStore.Snapshot(string connector, string entityType) => Snapshot(connector, entityType);

    Task IIndexedResourceStore.CommitAsync(ResourceStoreCommit commit, IReadOnlyList<int[]?>? navigationStarts, CancellationToken cancellationToken)
        => CommitAsync(commit, navigationStarts, cancellationToken);

    private EntityTypeState? Find(string connector, string entityType)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(entityType);
        lock (_lock)
        {
            return _connectors.TryGetValue(connector, out var state) && state.EntityTypes.TryGetValue(entityType, out var entity) ? entity : null;
        }
    }

    private sealed record ConnectorState(string LastRunId, Dictionary<string, EntityTypeState> EntityTypes);

    private sealed record EntityTypeState(string Schema, ResourceTable Resources);
}
