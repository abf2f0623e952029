using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Synchronization;

/// <summary>
/// Synchronizes a connector's HR files with its resource store: <see cref="PreviewAsync(SynchronizationMode, ReadOptions?, CancellationToken)"/>
/// reads the files and computes the complete plan without writing anything; <see cref="ApplyAsync"/> commits a plan
/// atomically, refusing a blocked plan unless forced. Thread-safe; the store serializes concurrent commits.
/// </summary>
/// <example>
/// <code>
/// var synchronizer = new Synchronizer(connector, store);
/// SyncPlan plan = await synchronizer.PreviewAsync();
/// File.WriteAllText("plan.json", plan.ToJson());
/// if (plan.Status == PlanStatus.Ready) await synchronizer.ApplyAsync(plan);
/// </code>
/// </example>
internal sealed class Synchronizer
{
    private readonly ConnectorModel _connector;
    private readonly IResourceStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a synchronizer.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="store">The resource store holding the last synchronized state.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for the system clock.</param>
    public Synchronizer(ConnectorModel connector, IResourceStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(store);
        _connector = connector;
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Reads the file of every mapped entity type and computes the plan. Nothing is written. A file that cannot be
    /// read as a whole (missing, no header, missing columns, too many rejects) gives a <see cref="PlanStatus.Failed"/>
    /// plan whose reasons name every such file.
    /// </summary>
    /// <param name="mode">The synchronization mode.</param>
    /// <param name="readOptions">Run-time read settings, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The plan.</returns>
    public async Task<SyncPlan> PreviewAsync(SynchronizationMode mode = SynchronizationMode.Complete, ReadOptions? readOptions = null, CancellationToken cancellationToken = default)
    {
        var (snapshot, failures) = await ReadAsync(mode, readOptions, cancellationToken).ConfigureAwait(false);
        return failures.Count > 0
            ? await FailedAsync(mode, failures, cancellationToken).ConfigureAwait(false)
            : await PlanAsync(snapshot, mode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the file of every mapped entity type; a file that cannot be read as a whole is listed in the failures.</summary>
    internal async Task<(List<MappingResult> Snapshot, List<string> Failures)> ReadAsync(SynchronizationMode mode, ReadOptions? readOptions, CancellationToken cancellationToken)
    {
        var snapshot = new List<MappingResult>();
        var failures = new List<string>();
        foreach (var mapping in _connector.Mappings)
        {
            try
            {
                var entityType = mapping.EntityType.Identifier;
                var previous = mode == SynchronizationMode.Initial ? null : await PreviousAsync(mapping.EntityType, cancellationToken).ConfigureAwait(false);
                snapshot.Add(await Task.Run(() => _connector.Read(entityType, readOptions, previous, cancellationToken, _timeProvider), cancellationToken).ConfigureAwait(false));
            }
            catch (HrConnectorException exception)
            {
                failures.Add($"{mapping.EntityType.Identifier}: {exception.Message}");
            }
        }

        return (snapshot, failures);
    }

    /// <summary>A plan that cannot be applied, for files that could not be read.</summary>
    internal async Task<SyncPlan> FailedAsync(SynchronizationMode mode, IReadOnlyList<string> failures, CancellationToken cancellationToken)
    {
        var baseRunId = await _store.GetLastRunIdAsync(_connector.Identifier, cancellationToken).ConfigureAwait(false);
        return new SyncPlan(_connector, NewRunId(), baseRunId, mode, _timeProvider.GetUtcNow(), PlanStatus.Failed, failures, []);
    }

    /// <summary>Computes the plan for mapping results the caller already has (from <see cref="Connector.MapText"/> in a test, for example). Nothing is written.</summary>
    /// <param name="snapshot">One mapping result per entity type to synchronize; entity types without one are left as they are.</param>
    /// <param name="mode">The synchronization mode.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    /// <returns>The plan.</returns>
    public Task<SyncPlan> PlanAsync(IReadOnlyList<MappingResult> snapshot, SynchronizationMode mode = SynchronizationMode.Complete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Any(r => !ReferenceEquals(_connector.GetEntityType(r.EntityType.Identifier), r.EntityType)))
        {
            throw new ArgumentException("Every mapping result must come from this synchronizer's connector.", nameof(snapshot));
        }

        return PlanBuilder.BuildAsync(_connector, snapshot, _store, mode, NewRunId(), _timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Commits a plan to the resource store, all or nothing. A failed plan is never applied; a blocked plan only when
    /// <paramref name="force"/> is set. The store refuses a plan computed against an older state.
    /// </summary>
    /// <param name="plan">The plan, from a preview of this synchronizer or read back from JSON.</param>
    /// <param name="force">Whether to apply a blocked plan.</param>
    /// <param name="cancellationToken">Stops the call before anything is written.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ResourceStoreConcurrencyException">The store changed since the plan was computed; nothing was written.</exception>
    /// <exception cref="InvalidOperationException">The plan is redacted, or rewrites the store after a model change and was read from JSON.</exception>
    public async Task<SyncResult> ApplyAsync(SyncPlan plan, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!ReferenceEquals(plan.Model, _connector))
        {
            throw new ArgumentException("The plan was computed for another connector.", nameof(plan));
        }

        if (plan.Status == PlanStatus.Failed)
        {
            return new SyncResult(plan, Applied: false, Forced: false);
        }

        if (plan.Status == PlanStatus.Blocked && !force)
        {
            return new SyncResult(plan, Applied: false, Forced: false);
        }

        if (plan.IsRedacted)
        {
            throw new InvalidOperationException("The plan was read from JSON without its sensitive values; it can be reviewed, not applied. Write it with includeSensitiveValues, or compute it again.");
        }

        var changes = new List<EntityTypeCommit>();
        var navigationStarts = new List<int[]?>();
        foreach (var entityType in plan.EntityTypes)
        {
            if (entityType.ReplaceAll && entityType.FullState is null)
            {
                throw new InvalidOperationException($"The plan rewrites the resources of '{entityType.EntityType.Identifier}' after a model change; apply it from the computed plan, not from JSON.");
            }

            List<StoredResource> upserts;
            if (entityType.ReplaceAll)
            {
                upserts = [.. entityType.FullState!];
                navigationStarts.Add(null);
            }
            else
            {
                var resources = entityType.Inserts.Concat(entityType.Updates).Select(c => c.NewResource!).ToList();
                upserts = [.. resources.Select(StoredResource.From)];
                navigationStarts.Add([.. resources.Select(r => r.NavigationStart)]);
            }

            changes.Add(new EntityTypeCommit(entityType.EntityType.Identifier, entityType.Schema, entityType.ReplaceAll, upserts, [.. entityType.Deletes.Select(c => c.Key)]));
        }

        var commit = new ResourceStoreCommit(_connector.Identifier, plan.RunId, plan.BaseRunId, changes);

        // An indexed (in-memory) store also keeps where each payload's navigation properties start (see ResourceTable).
        await (_store is IIndexedResourceStore memory
            ? memory.CommitAsync(commit, navigationStarts, cancellationToken)
            : _store.CommitAsync(commit, cancellationToken)).ConfigureAwait(false);
        return new SyncResult(plan, Applied: true, Forced: plan.Status == PlanStatus.Blocked);
    }

    /// <summary>
    /// Loads what the store holds of an entity type when it was mapped with the model of today, so that the read
    /// converts only the rows whose raw record changed; <see langword="null"/> when the model changed.
    /// </summary>
    private async Task<ResourceTable?> PreviousAsync(EntityType entityType, CancellationToken cancellationToken)
    {
        var schema = await _store.GetSchemaAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false);
        if (schema is null)
        {
            return null;
        }

        var (properties, fingerprint) = ResourceSchema.Split(schema);
        if (fingerprint == 0 || !string.Equals(properties, ResourceSchema.Of(entityType).Text, StringComparison.Ordinal))
        {
            return null;
        }

        // An indexed (in-memory) store already has a key index: use it rather than copying a million entries.
        if (_store is IIndexedResourceStore memory && memory.Snapshot(_connector.Identifier, entityType.Identifier) is { } index)
        {
            return index.Fingerprint == fingerprint ? index : null;
        }

        var count = await _store.CountAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false);
        var previous = new ResourceTable((int)Math.Min(count, int.MaxValue)) { Fingerprint = fingerprint };
        await foreach (var stored in _store.ReadAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false))
        {
            if (stored.SourceHash != 0)
            {
                previous.Set(stored.Key, stored.Payload, stored.SourceHash);
            }
        }

        return previous;
    }

    /// <summary>A run id that sorts by time and never repeats: the UTC time of the run and a random suffix.</summary>
    private string NewRunId()
        => string.Concat(_timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), "-", Guid.NewGuid().ToString("N").AsSpan(0, 12));
}
