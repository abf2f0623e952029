using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>
/// The diff engine: joins what HR says now (the mapping results) with what it said last time (the resource store) by
/// primary key, streaming the store. Unchanged resources cost a byte comparison of their payloads; property-level
/// changes are built only for the resources that differ. Then it resolves references across entity types, applies
/// the dangling-reference policy, the safety rules and the thresholds, and returns the complete plan.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly Connector _connector;
    private readonly IResourceStore _store;
    private readonly SynchronizationMode _mode;
    private readonly List<string> _failures = [];
    private readonly List<string> _blocks = [];

    private PlanBuilder(Connector connector, IResourceStore store, SynchronizationMode mode)
    {
        _connector = connector;
        _store = store;
        _mode = mode;
    }

    public static async Task<SyncPlan> BuildAsync(
        Connector connector,
        IReadOnlyList<MappingResult> snapshot,
        IResourceStore store,
        SynchronizationMode mode,
        string runId,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var builder = new PlanBuilder(connector, store, mode);
        var baseRunId = await store.GetLastRunIdAsync(connector.Identifier, cancellationToken).ConfigureAwait(false);
        var ordered = DependencyOrder(connector, snapshot);
        var diffs = new List<EntityTypeDiff>();
        foreach (var result in ordered)
        {
            diffs.Add(await builder.DiffAsync(result, cancellationToken).ConfigureAwait(false));
        }

        builder.ResolveReferences(diffs);
        var plans = diffs.Select(builder.Finish).ToList();
        var status = builder._failures.Count > 0 ? PlanStatus.Failed : builder._blocks.Count > 0 ? PlanStatus.Blocked : PlanStatus.Ready;
        return new SyncPlan(connector, runId, baseRunId, mode, now, status, [.. builder._failures, .. builder._blocks], plans);
    }

    /// <summary>Referenced entity types first (a department before the people in it); cycles keep declaration order.</summary>
    private static List<MappingResult> DependencyOrder(Connector connector, IReadOnlyList<MappingResult> snapshot)
    {
        var byType = snapshot.ToDictionary(r => r.EntityType.Identifier, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<MappingResult>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var entityType in connector.EntityTypes)
        {
            Visit(entityType);
        }

        return ordered;

        void Visit(EntityType entityType)
        {
            if (state.ContainsKey(entityType.Identifier))
            {
                return;
            }

            state[entityType.Identifier] = false;
            foreach (var target in entityType.Properties.Where(p => p.IsNavigation).Select(p => p.TargetEntityType!))
            {
                Visit(connector.GetEntityType(target));
            }

            state[entityType.Identifier] = true;
            if (byType.TryGetValue(entityType.Identifier, out var result))
            {
                ordered.Add(result);
            }
        }
    }

    private async Task<EntityTypeDiff> DiffAsync(MappingResult result, CancellationToken cancellationToken)
    {
        var entityType = result.EntityType;
        var schema = ResourceSchema.Stored(entityType, result.SourceFingerprint);
        var storedSchema = await _store.GetSchemaAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false);
        var transcode = storedSchema is not null && !string.Equals(ResourceSchema.Split(storedSchema).Properties, ResourceSchema.Of(entityType).Text, StringComparison.Ordinal)
            ? ResourceSchema.Parse(storedSchema).TranscoderTo(entityType)
            : null;
        var diff = new EntityTypeDiff(result, schema, replaceAll: transcode is not null, _mode)
        {
            StoredKeys = _mode == SynchronizationMode.Incremental ? new HashSet<string>(StringComparer.Ordinal) : null,
        };
        diff.StoredCount = await _store.CountAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false);
        if (_mode == SynchronizationMode.Initial && diff.StoredCount > 0)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{entityType.Identifier}: Initial mode loads an empty store, but {diff.StoredCount} resources are stored; use Complete mode."));
        }

        var commands = _mode == SynchronizationMode.Incremental ? result.Commands : null;
        var deletions = commands is null ? null : result.Deletions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        var matched = new BitArray(result.Resources.Count);
        // The in-memory store is walked through its own index; other stores are streamed.
        if (_store is InMemoryResourceStore memory && memory.Snapshot(_connector.Identifier, entityType.Identifier) is { } index)
        {
            var visited = 0;
            foreach (var (key, (payload, hash)) in index)
            {
                if ((++visited & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Visit(new StoredResource(key, payload, hash));
            }
        }
        else
        {
            await foreach (var stored in _store.ReadAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false))
            {
                Visit(stored);
            }
        }

        for (var i = 0; i < result.Resources.Count; i++)
        {
            if (matched[i])
            {
                continue;
            }

            var resource = result.Resources[i];
            if (commands is not null && commands[resource.Key] == ChangeCommand.Update)
            {
                diff.Rejects.Add(CommandConflict(result, resource.Key, resource.Line, "the row updates a key that HR does not have; nothing is inserted. Use insert or merge."));
                continue;
            }

            diff.Inserts.Add(new PendingChange(ChangeKind.Insert, resource.Key, resource.Line, ReadOnlyMemory<byte>.Empty, resource));
        }

        foreach (var deletion in deletions?.Values ?? Enumerable.Empty<Deletion>())
        {
            diff.Rejects.Add(CommandConflict(result, deletion.Key, deletion.Line, "the row deletes a key that HR does not have; nothing to do."));
        }

        return diff;

        void Visit(StoredResource stored)
        {
            var payload = transcode is null ? stored.Payload : transcode(stored.Payload);

            // A payload rewritten for a new model no longer matches the raw record it came from.
            var sourceHash = transcode is null ? stored.SourceHash : 0;
            diff.StoredKeys?.Add(stored.Key);
            if (result.TryGetResource(stored.Key, out var resource))
            {
                matched[resource.Index] = true;
                if (commands is not null && commands[stored.Key] == ChangeCommand.Insert)
                {
                    diff.Rejects.Add(CommandConflict(result, resource.Key, resource.Line, "the row inserts a key that HR already has; the stored resource is kept. Use update or merge."));
                    diff.Keep(stored.Key, payload, sourceHash);
                }
                else if (payload.Span.SequenceEqual(resource.Payload))
                {
                    diff.Unchanged(resource, payload);
                }
                else
                {
                    diff.Updates.Add(new PendingChange(ChangeKind.Update, resource.Key, resource.Line, payload, resource) { OldSourceHash = sourceHash });
                }
            }
            else if (deletions is not null && deletions.Remove(stored.Key, out var deletion))
            {
                diff.Deletes.Add(new PendingChange(ChangeKind.Delete, stored.Key, deletion.Line, payload, null));
            }
            else if (result.RejectedKeys.Contains(stored.Key))
            {
                diff.Keep(stored.Key, payload, sourceHash);
            }
            else if (_mode == SynchronizationMode.Complete)
            {
                diff.Deletes.Add(new PendingChange(ChangeKind.Delete, stored.Key, 0, payload, null));
            }
            else
            {
                diff.Unchanged(null, payload, stored.Key, sourceHash);
            }
        }
    }

    private static Reject CommandConflict(MappingResult result, string key, long line, string detail)
        => new(result.EntityType.Identifier, Path.GetFileName(result.File), line, null, RejectReason.CommandConflict, $"{Path.GetFileName(result.File)}:{line.ToString(CultureInfo.InvariantCulture)}: {detail}", key);

    /// <summary>Finds references to resources that exist nowhere and applies the connector's policy.</summary>
    private void ResolveReferences(List<EntityTypeDiff> diffs)
    {
        var byType = diffs.ToDictionary(d => d.Result.EntityType.Identifier, StringComparer.OrdinalIgnoreCase);
        var typesWithDeletes = diffs.Where(d => d.Deletes.Count > 0).Select(d => d.Result.EntityType.Identifier).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var diff in diffs)
        {
            var navigations = diff.Result.EntityType.Properties
                .Where(p => p.IsNavigation && byType.ContainsKey(p.TargetEntityType!))
                .ToList();
            if (navigations.Count == 0)
            {
                continue;
            }

            // Changed resources are checked against everything that exists after the run. Unchanged resources were
            // checked when they were stored: they can only dangle now through a target deleted in this run.
            var indexes = navigations.Select(p => p.Index).ToArray();
            var keys = new List<(int Index, string Key)>();
            foreach (var change in diff.Inserts.Concat(diff.Updates).ToList())
            {
                Check(diff, change, change.NewResource!, (property, target) => !byType[property.TargetEntityType!].Exists(target, _mode));
            }

            var deleting = navigations.Where(p => typesWithDeletes.Contains(p.TargetEntityType!)).ToArray();
            if (deleting.Length > 0)
            {
                // A million unchanged resources are scanned here: their keys are tested by hash, straight from the
                // payload bytes, and decoded only on a hash hit.
                var hashes = deleting.Select(p => byType[p.TargetEntityType!].DeletedKeyHashes()).ToArray();
                var scan = deleting.Select(p => p.Index).ToArray();
                ResourcePayload.Utf8Predicate isDeleted = (slot, key) => hashes[slot].Contains(XxHash3.HashToUInt64(key));
                foreach (var resource in diff.UnchangedResources.Concat(diff.UnchangedStored).ToList())
                {
                    var known = resource.NavigationStart >= 0;
                    if (ResourcePayload.AnyString(resource.Payload, resource.EntityType, scan, isDeleted, known ? resource.EntityType.FirstNavigationIndex : 0, known ? resource.NavigationStart : 0))
                    {
                        Check(diff, null, resource, (property, target) => byType[property.TargetEntityType!].IsDeleted(target));
                    }
                }
            }

            void Check(EntityTypeDiff diff, PendingChange? change, Resource resource, Func<EntityProperty, string, bool> dangles)
            {
                keys.Clear();
                ResourcePayload.GetStrings(resource.Payload, resource.EntityType, indexes, keys);
                List<(EntityProperty Property, string Target)>? dangling = null;
                foreach (var (index, key) in keys)
                {
                    var property = resource.EntityType.Properties[index];
                    if (dangles(property, key))
                    {
                        (dangling ??= []).Add((property, key));
                    }
                }

                if (dangling is not null)
                {
                    ApplyPolicy(diff, change, resource, dangling);
                }
            }
        }
    }

    private void ApplyPolicy(EntityTypeDiff diff, PendingChange? change, Resource resource, List<(EntityProperty Property, string Target)> dangling)
    {
        var policy = _connector.DanglingReferences;
        var entityType = resource.EntityType;
        var file = Path.GetFileName(diff.Result.File);
        var mapping = _connector.GetMapping(entityType.Identifier);
        foreach (var (property, target) in dangling)
        {
            diff.Dangling.Add(new DanglingReference(entityType.Identifier, resource.Key, resource.Line, property.Identifier, property.TargetEntityType!, target, policy));
            var column = mapping.Properties.FirstOrDefault(p => ReferenceEquals(p.Property, property))?.Column ?? property.Identifier;
            var message = $"{file}:{resource.Line.ToString(CultureInfo.InvariantCulture)}: column '{column}': the {property.TargetEntityType} referred to by '{property.Identifier}' exists nowhere.";
            if (policy == DanglingReferencePolicy.RejectRow)
            {
                diff.Rejects.Add(new Reject(entityType.Identifier, file, resource.Line, column, RejectReason.DanglingReference, message + " The row is rejected; the resource stays as it was.", resource.Key));
            }
            else if (policy == DanglingReferencePolicy.FailRun)
            {
                _failures.Add($"{entityType.Identifier}: {message}");
            }
        }

        if (policy == DanglingReferencePolicy.RejectRow && change is not null)
        {
            diff.Drop(change);
        }
        else if (policy == DanglingReferencePolicy.RemoveLink)
        {
            var values = ResourcePayload.GetValues(resource.Payload, entityType);
            foreach (var group in dangling.GroupBy(d => d.Property))
            {
                var missing = group.Select(d => d.Target).ToHashSet(StringComparer.Ordinal);
                values[group.Key.Index] = values[group.Key.Index] is IEnumerable<object> many
                    ? many.Where(v => !missing.Contains((string)v)).ToList()
                    : null;
            }

            var stripped = new Resource(entityType, resource.Key, ResourcePayload.Encode(entityType, values), resource.Line);
            diff.Replace(change, resource, stripped);
        }
    }

    private EntityTypePlan Finish(EntityTypeDiff diff)
    {
        var result = diff.Result;
        var entityType = result.EntityType;
        var inserts = diff.Inserts.Where(c => !c.Dropped).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Describe(entityType, c)).ToList();
        var updates = diff.Updates.Where(c => !c.Dropped).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Describe(entityType, c)).ToList();
        var deletes = diff.Deletes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Describe(entityType, c)).ToList();
        var name = entityType.Identifier;

        if (_mode == SynchronizationMode.Complete && deletes.Count > 0)
        {
            if (result.RowCount == 0)
            {
                _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: the file has no data rows, so all {deletes.Count} stored resources would be deleted; a blank or emptied HR file is never trusted. Check the file, or force the run."));
            }

            if (result.IsTruncated)
            {
                _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: the file is incomplete (a quoted field is never closed), so its {deletes.Count} deletions are held back. Fix the file, or force the run."));
            }

            if (result.UnidentifiedRejectedRowCount > 0)
            {
                _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {result.UnidentifiedRejectedRowCount} rejected rows have no readable key, so the {deletes.Count} deletions may remove the resources of those rows. Fix the rows, or force the run."));
            }
        }

        var breaches = _mode == SynchronizationMode.Initial ? [] : Thresholds.Check(_connector.Thresholds, entityType, diff.StoredCount, inserts.Count, updates.Count, deletes.Count);
        foreach (var breach in breaches)
        {
            _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {breach.Count} {Verb(breach.Kind)} exceed the threshold of {breach.Limit} ({breach.Setting}). Review the plan, then force the run if it is right."));
        }

        var rejects = result.Rejects.Concat(diff.Rejects).ToList();
        var fullState = diff.ReplaceAll ? diff.FullState() : null;
        return new EntityTypePlan(entityType, diff.Schema, diff.ReplaceAll, diff.StoredCount, result.RowCount, inserts, updates, deletes, diff.UnchangedCount, [.. diff.Kept.Keys.Order(StringComparer.Ordinal)], rejects, diff.Dangling, breaches, fullState);
    }

    private static string Verb(ChangeKind kind) => kind switch
    {
        ChangeKind.Insert => "inserts",
        ChangeKind.Update => "updates",
        _ => "deletes",
    };

    private static ResourceChange Describe(EntityType entityType, PendingChange change)
        => new(change.Kind, change.Key, change.Line, entityType, change.OldPayload, change.NewResource);

    /// <summary>A change before it is described property by property.</summary>
    private sealed class PendingChange(ChangeKind kind, string key, long line, ReadOnlyMemory<byte> oldPayload, Resource? newResource)
    {
        public ChangeKind Kind { get; } = kind;

        public string Key { get; } = key;

        public long Line { get; } = line;

        public ReadOnlyMemory<byte> OldPayload { get; } = oldPayload;

        /// <summary>Gets the source hash of the stored resource an update replaces (kept if the update is dropped).</summary>
        public ulong OldSourceHash { get; init; }

        public Resource? NewResource { get; set; } = newResource;

        /// <summary>Gets or sets a value indicating whether the change was dropped (its row rejected for a dangling reference).</summary>
        public bool Dropped { get; set; }
    }

    /// <summary>The diff of one entity type while the plan is being built.</summary>
    private sealed class EntityTypeDiff
    {
        // Stored resources that stay as they are without being in the file (incremental runs): kept for reference
        // checks against today's deletes, and for a store rewritten after a model change.
        private readonly List<StoredResource>? _unchangedStored;
        private HashSet<string>? _deletedKeys;
        private HashSet<string>? _promoted;

        public EntityTypeDiff(MappingResult result, string schema, bool replaceAll, SynchronizationMode mode)
        {
            Result = result;
            Schema = schema;
            ReplaceAll = replaceAll;
            _unchangedStored = replaceAll || mode == SynchronizationMode.Incremental ? [] : null;
        }

        public MappingResult Result { get; }

        public string Schema { get; }

        public long StoredCount { get; set; }

        public bool ReplaceAll { get; }

        public List<PendingChange> Inserts { get; } = [];

        public List<PendingChange> Updates { get; } = [];

        public List<PendingChange> Deletes { get; } = [];

        public long UnchangedCount { get; private set; }

        public List<Resource> UnchangedResources { get; } = [];

        /// <summary>Gets the stored resources that an incremental file leaves as they are, as resources (line 0).</summary>
        public IEnumerable<Resource> UnchangedStored => _unchangedStored?.Select(s => new Resource(Result.EntityType, s.Key, s.Payload, 0)) ?? [];

        public Dictionary<string, StoredResource> Kept { get; } = new(StringComparer.Ordinal);

        public List<Reject> Rejects { get; } = [];

        public List<DanglingReference> Dangling { get; } = [];

        /// <summary>Gets the stored keys, gathered in incremental mode where they decide whether a reference resolves.</summary>
        public HashSet<string>? StoredKeys { get; init; }

        public void Unchanged(Resource? resource, ReadOnlyMemory<byte> payload, string? key = null, ulong sourceHash = 0)
        {
            UnchangedCount++;
            if (resource is not null)
            {
                UnchangedResources.Add(resource);
            }
            else
            {
                _unchangedStored?.Add(new StoredResource(key!, payload, sourceHash));
            }
        }

        public void Keep(string key, ReadOnlyMemory<byte> payload, ulong sourceHash) => Kept[key] = new StoredResource(key, payload, sourceHash);

        /// <summary>Drops a change whose row was rejected: the stored resource, if any, is kept as it was.</summary>
        public void Drop(PendingChange change)
        {
            change.Dropped = true;
            if (change.Kind == ChangeKind.Update)
            {
                Keep(change.Key, change.OldPayload, change.OldSourceHash);
            }
        }

        /// <summary>Replaces the new resource of a change (or turns an unchanged resource into an update).</summary>
        public void Replace(PendingChange? change, Resource resource, Resource replacement)
        {
            if (change is null)
            {
                UnchangedCount--;
                (_promoted ??= new(StringComparer.Ordinal)).Add(resource.Key);
                Updates.Add(new PendingChange(ChangeKind.Update, resource.Key, resource.Line, resource.PayloadMemory, replacement));
                return;
            }

            change.NewResource = replacement;
        }

        /// <summary>Whether a key exists after the run, for references.</summary>
        /// <summary>Gets the hashes (XxHash3 of the UTF-8 bytes) of the deleted keys, to test payload bytes without decoding them.</summary>
        public HashSet<ulong> DeletedKeyHashes() => [.. Deletes.Select(d => XxHash3.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(d.Key)))];

        public bool IsDeleted(string key) => (_deletedKeys ??= Deletes.Select(d => d.Key).ToHashSet(StringComparer.Ordinal)).Contains(key);

        public bool Exists(string key, SynchronizationMode mode)
        {
            if (IsDeleted(key))
            {
                return false;
            }

            // A rejected row exists only if its resource is stored (kept): a rejected new row is not inserted.
            return Result.TryGetResource(key, out _)
                || Kept.ContainsKey(key)
                || (mode == SynchronizationMode.Incremental && StoredKeys!.Contains(key));
        }

        /// <summary>The whole state after the run, for a store rewritten after a model change.</summary>
        public List<StoredResource> FullState()
        {
            var state = new List<StoredResource>();
            state.AddRange(Inserts.Concat(Updates).Where(c => !c.Dropped).Select(c => c.NewResource!.ToStored()));
            state.AddRange(UnchangedResources.Where(r => _promoted is null || !_promoted.Contains(r.Key)).Select(r => r.ToStored()));
            state.AddRange(_unchangedStored!.Where(r => _promoted is null || !_promoted.Contains(r.Key)));
            state.AddRange(Kept.Values);
            return state;
        }
    }
}
