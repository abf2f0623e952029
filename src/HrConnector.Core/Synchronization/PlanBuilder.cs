using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Synchronization;

/// <summary>
/// The diff engine: joins what HR says now (the mapping results) with what it said last time (the resource store) by
/// primary key, streaming the store. Unchanged resources cost a byte comparison of their payloads; property-level
/// changes are built only for the resources that differ. Then it resolves references across entity types, applies
/// the dangling-reference policy, the safety rules and the thresholds, and returns the complete plan.
/// </summary>
internal sealed class PlanBuilder
{
    /// <summary>The most reasons a plan gives for one repeated problem of one entity type; the rest are counted.</summary>
    internal const int MaxListedProblems = 10;

    private readonly ConnectorModel _connector;
    private readonly IResourceStore _store;
    private readonly SynchronizationMode _mode;
    private readonly List<string> _failures = [];
    private readonly List<string> _blocks = [];

    // The dangling references found per entity type under FailRun, of which the first MaxListedProblems are reasons.
    private readonly Dictionary<string, long> _failRunCounts = new(StringComparer.OrdinalIgnoreCase);

    private PlanBuilder(ConnectorModel connector, IResourceStore store, SynchronizationMode mode)
    {
        _connector = connector;
        _store = store;
        _mode = mode;
    }

    public static async Task<SyncPlan> BuildAsync(
        ConnectorModel connector,
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
    private static List<MappingResult> DependencyOrder(ConnectorModel connector, IReadOnlyList<MappingResult> snapshot)
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
        var diff = new EntityTypeDiff(result, schema, replaceAll: transcode is not null, _mode);
        diff.StoredCount = await _store.CountAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false);
        if (_mode == SynchronizationMode.Initial && diff.StoredCount > 0)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{entityType.Identifier}: Initial mode loads an empty store, but {diff.StoredCount} resources are stored; use Complete mode."));
        }

        var commands = _mode == SynchronizationMode.Incremental ? result.Commands : null;
        var deletions = commands is null ? null : result.Deletions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        var rows = result.Rows;
        var matched = new BitArray(rows.Count);
        // The in-memory store is walked through its own index; other stores are streamed.
        if (_store is InMemoryResourceStore memory && memory.Snapshot(_connector.Identifier, entityType.Identifier) is { } index)
        {
            diff.StoredIndex = index;

            // The row of each stored key. Rows read against this very index already know it (see ResourceRows);
            // others are looked up by their key bytes. No key string is made either way.
            var known = ReferenceEquals(rows.Previous, index);
            var rowOf = new int[index.Count];
            Array.Fill(rowOf, -1);
            for (var row = 0; row < rows.Count; row++)
            {
                var entry = known ? rows.StoredIndex(row, index) : index.Keys.Find(rows.Key(row));

                if (entry >= 0)
                {
                    rowOf[entry] = row;
                }
            }

            for (var entry = 0; entry < index.Count; entry++)
            {
                if ((entry & 0xFFFF) == 0xFFFF)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Visit(rowOf[entry], index.Payload(entry), index.SourceHash(entry), index, entry, null);
            }
        }
        else
        {
            diff.StoredKeys = _mode == SynchronizationMode.Incremental ? new HashSet<string>(StringComparer.Ordinal) : null;
            await foreach (var stored in _store.ReadAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false))
            {
                diff.StoredKeys?.Add(stored.Key);
                Visit(rows.Find(stored.Key), stored.Payload, stored.SourceHash, null, -1, stored.Key);
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (matched[i])
            {
                continue;
            }

            var resource = result.ResourceAt(i);
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

        // A stored resource and the row with its key (-1 when none); its key is a string only when something needs it.
        void Visit(int row, ReadOnlyMemory<byte> storedPayload, ulong storedSourceHash, StoredPayloads? index, int entry, string? key)
        {
            var payload = transcode is null ? storedPayload : transcode(storedPayload);

            // A payload rewritten for a new model no longer matches the raw record it came from.
            var sourceHash = transcode is null ? storedSourceHash : 0;
            if (row >= 0)
            {
                matched[row] = true;
                if (commands is not null && commands[Key()] == ChangeCommand.Insert)
                {
                    var resource = result.ResourceAt(row);
                    diff.Rejects.Add(CommandConflict(result, resource.Key, resource.Line, "the row inserts a key that HR already has; the stored resource is kept. Use update or merge."));
                    diff.Keep(Key(), payload, sourceHash);
                }
                else if (payload.Span.SequenceEqual(rows.Payload(row).Span))
                {
                    diff.Unchanged(row);
                }
                else
                {
                    var resource = result.ResourceAt(row);
                    diff.Updates.Add(new PendingChange(ChangeKind.Update, resource.Key, resource.Line, payload, resource) { OldSourceHash = sourceHash });
                }
            }
            else if (deletions is not null && deletions.Remove(Key(), out var deletion))
            {
                diff.Deletes.Add(new PendingChange(ChangeKind.Delete, Key(), deletion.Line, payload, null));
            }
            else if (result.RejectedKeys.Count > 0 && result.RejectedKeys.Contains(Key()))
            {
                diff.Keep(Key(), payload, sourceHash);
            }
            else if (_mode == SynchronizationMode.Complete)
            {
                diff.Deletes.Add(new PendingChange(ChangeKind.Delete, Key(), 0, payload, null));
            }
            else if (key is null && transcode is null)
            {
                diff.UnchangedStored(entry);
            }
            else
            {
                diff.UnchangedStored(new StoredResource(Key(), payload, sourceHash));
            }

            string Key() => key ??= index!.Keys.GetString(entry);
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
                var rows = diff.Result.Rows;
                foreach (var row in diff.UnchangedRows)
                {
                    var start = rows.NavigationStart(row);
                    if (ResourcePayload.AnyString(rows.Payload(row).Span, diff.Result.EntityType, scan, isDeleted, start >= 0 ? diff.Result.EntityType.FirstNavigationIndex : 0, Math.Max(start, 0)))
                    {
                        Check(diff, null, diff.Result.ResourceAt(row), (property, target) => byType[property.TargetEntityType!].IsDeleted(target));
                    }
                }

                foreach (var resource in diff.UnchangedStoredResources().ToList())
                {
                    var known = resource.NavigationStart >= 0;
                    if (ResourcePayload.AnyString(resource.Payload, resource.EntityType, scan, isDeleted, known ? resource.EntityType.FirstNavigationIndex : 0, known ? resource.NavigationStart : 0))
                    {
                        Check(diff, null, resource, (property, target) => byType[property.TargetEntityType!].IsDeleted(target));
                    }
                }
            }

            SummarizeFailRun(diff.Result.EntityType.Identifier);

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

    /// <summary>Ends the capped list of an entity type's dangling references under FailRun with how many were left out.</summary>
    private void SummarizeFailRun(string entityType)
    {
        if (_failRunCounts.TryGetValue(entityType, out var count) && count > MaxListedProblems)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{entityType}: … and {count - MaxListedProblems:N0} more references that exist nowhere (DanglingReferences FailRun)."));
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
                // Only an insert has no stored resource: updates and unchanged resources keep the stored one.
                var outcome = change is { Kind: ChangeKind.Insert } ? " The row is rejected; nothing is stored for it." : " The row is rejected; the resource stays as it was.";
                diff.Rejects.Add(new Reject(entityType.Identifier, file, resource.Line, column, RejectReason.DanglingReference, message + outcome, resource.Key));
            }
            else if (policy == DanglingReferencePolicy.FailRun)
            {
                // A long list of the same problem is capped: the first few, then how many more (SummarizeFailRun).
                var listed = _failRunCounts.GetValueOrDefault(entityType.Identifier);
                _failRunCounts[entityType.Identifier] = listed + 1;
                if (listed < MaxListedProblems)
                {
                    _failures.Add($"{entityType.Identifier}: {message}");
                }
            }
        }

        if (policy == DanglingReferencePolicy.RejectRow && change is not null)
        {
            diff.Drop(change);
        }
        else if (policy == DanglingReferencePolicy.RejectRow)
        {
            diff.RejectUnchanged(resource);
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

        var holds = new List<SafetyHold>();
        if (_mode == SynchronizationMode.Complete && deletes.Count > 0)
        {
            if (result.RowCount == 0)
            {
                holds.Add(new SafetyHold(name, SafetyRule.EmptySource, deletes.Count));
                _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: the file has no data rows, so all {deletes.Count} stored resources would be deleted; a blank or emptied HR file is never trusted. Check the file; if it is right, accept it (--accept-empty-source)."));
            }

            if (result.IsTruncated)
            {
                holds.Add(new SafetyHold(name, SafetyRule.IncompleteFile, deletes.Count));
                _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: the file is incomplete ({result.IncompleteBecause ?? "a quoted field is never closed"}), so its {deletes.Count} deletions are held back. Fix the file, or accept them (--accept-empty-source)."));
            }

            if (result.UnidentifiedRejectedRowCount > 0)
            {
                holds.Add(new SafetyHold(name, SafetyRule.UnreadableKeys, deletes.Count));
                _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {result.UnidentifiedRejectedRowCount} rejected rows have no readable key, so the {deletes.Count} deletions may remove the resources of those rows. Fix the rows, or accept the deletions (--accept-empty-source)."));
            }
        }

        var breaches = _mode == SynchronizationMode.Initial ? [] : Thresholds.Check(_connector.Thresholds, entityType, diff.StoredCount, inserts.Count, updates.Count, deletes.Count);
        foreach (var breach in breaches)
        {
            _blocks.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {breach.Count} {Verb(breach.Kind)} exceed the threshold of {breach.Limit} ({breach.Setting}). Review the plan, then accept them if they are right (--accept {Verb(breach.Kind)})."));
        }

        var rejects = result.Rejects.Concat(diff.Rejects).ToList();
        CheckRejects(diff, rejects);
        var fullState = diff.ReplaceAll ? diff.FullState() : null;
        return new EntityTypePlan(entityType, diff.Schema, diff.ReplaceAll, diff.StoredCount, result.RowCount, inserts, updates, deletes, diff.UnchangedCount, [.. diff.Kept.Keys.Order(StringComparer.Ordinal)], rejects, diff.Dangling, breaches, fullState) { Holds = holds };
    }

    /// <summary>
    /// Counts every kind of reject (the file's, dangling references, command conflicts) against the reject limits of
    /// the entity type's connection, and refuses a first load that keeps no row: either fails the plan.
    /// </summary>
    private void CheckRejects(EntityTypeDiff diff, List<Reject> rejects)
    {
        var result = diff.Result;
        var name = result.EntityType.Identifier;
        var rows = result.RowCount;
        var rejected = EntityTypePlan.CountRejectedRows(rejects);
        if (rejected == 0 || rows == 0)
        {
            return;
        }

        var first = rejects[0].Message;
        var failures = _failures.Count;
        var connection = _connector.GetMapping(name).Connection;
        if (result.LimitsEnforced && connection.MaxRejects > 0 && rejected > connection.MaxRejects)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {rejected} of {rows} rows were rejected, dangling references included, more than the {connection.MaxRejects} allowed (MaxRejects); nothing is applied. First reject: {first}"));
        }
        else if (result.LimitsEnforced && connection.MaxRejectPercent > 0 && 100.0 * rejected / rows > connection.MaxRejectPercent)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {rejected} of {rows} rows ({100.0 * rejected / rows:0.##}%) were rejected, dangling references included, more than the {connection.MaxRejectPercent}% allowed (MaxRejectPercent); nothing is applied. First reject: {first}"));
        }

        if (_failures.Count == failures && diff.StoredCount == 0 && rejected >= rows)
        {
            _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: all {rows} rows were rejected and none is stored yet; a first load that keeps nothing is never trusted, so nothing is applied. First reject: {first}"));
        }
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

        // The same, when they come from the in-memory store's index: by position, so that no key string is made.
        private readonly List<int>? _unchangedEntries;
        private HashSet<string>? _deletedKeys;
        // Keys no longer counted unchanged: promoted to an update (links removed), or rejected and kept.
        private HashSet<string>? _promoted;

        public EntityTypeDiff(MappingResult result, string schema, bool replaceAll, SynchronizationMode mode)
        {
            Result = result;
            Schema = schema;
            ReplaceAll = replaceAll;
            _unchangedStored = replaceAll || mode == SynchronizationMode.Incremental ? [] : null;
            _unchangedEntries = _unchangedStored is null ? null : [];
        }

        public MappingResult Result { get; }

        public string Schema { get; }

        public long StoredCount { get; set; }

        public bool ReplaceAll { get; }

        public List<PendingChange> Inserts { get; } = [];

        public List<PendingChange> Updates { get; } = [];

        public List<PendingChange> Deletes { get; } = [];

        public long UnchangedCount { get; private set; }

        /// <summary>Gets the rows (of <see cref="Result"/>) whose resource did not change.</summary>
        public List<int> UnchangedRows { get; } = [];

        /// <summary>Gets the index of the in-memory store the diff was made against, or <see langword="null"/>.</summary>
        public StoredPayloads? StoredIndex { get; set; }

        public Dictionary<string, StoredResource> Kept { get; } = new(StringComparer.Ordinal);

        public List<Reject> Rejects { get; } = [];

        public List<DanglingReference> Dangling { get; } = [];

        /// <summary>Gets the stored keys, gathered in incremental mode where they decide whether a reference resolves.</summary>
        public HashSet<string>? StoredKeys { get; set; }

        public void Unchanged(int row)
        {
            UnchangedCount++;
            UnchangedRows.Add(row);
        }

        public void UnchangedStored(StoredResource stored)
        {
            UnchangedCount++;
            _unchangedStored?.Add(stored);
        }

        /// <summary>Notes that entry <paramref name="entry"/> of <see cref="StoredIndex"/> stays as it is.</summary>
        public void UnchangedStored(int entry)
        {
            UnchangedCount++;
            _unchangedEntries?.Add(entry);
        }

        /// <summary>Gets the stored resources that an incremental file leaves as they are.</summary>
        public IEnumerable<StoredResource> UnchangedStoredState()
        {
            foreach (var stored in _unchangedStored ?? [])
            {
                yield return stored;
            }

            foreach (var entry in _unchangedEntries ?? [])
            {
                yield return new StoredResource(StoredIndex!.Keys.GetString(entry), StoredIndex.Payload(entry), StoredIndex.SourceHash(entry));
            }
        }

        /// <summary>Gets the stored resources that an incremental file leaves as they are, as resources (line 0).</summary>
        public IEnumerable<Resource> UnchangedStoredResources() => UnchangedStoredState().Select(s => new Resource(Result.EntityType, s.Key, s.Payload, 0));

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

        /// <summary>Rejects the row of a resource that did not change: one row, one outcome, so it is counted rejected and kept, no longer unchanged.</summary>
        public void RejectUnchanged(Resource resource)
        {
            UnchangedCount--;
            (_promoted ??= new(StringComparer.Ordinal)).Add(resource.Key);
            Keep(resource.Key, resource.PayloadMemory, resource.SourceHash);
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
            return Result.Rows.Find(key) >= 0
                || Kept.ContainsKey(key)
                || (mode == SynchronizationMode.Incremental && (StoredIndex is { } index ? index.Keys.Find(key) >= 0 : StoredKeys!.Contains(key)));
        }

        /// <summary>The whole state after the run, for a store rewritten after a model change.</summary>
        public List<StoredResource> FullState()
        {
            var state = new List<StoredResource>();
            state.AddRange(Inserts.Concat(Updates).Where(c => !c.Dropped).Select(c => StoredResource.From(c.NewResource!)));
            state.AddRange(UnchangedRows.Select(Result.ResourceAt).Where(r => _promoted is null || !_promoted.Contains(r.Key)).Select(StoredResource.From));
            state.AddRange(UnchangedStoredState().Where(r => _promoted is null || !_promoted.Contains(r.Key)));
            state.AddRange(Kept.Values);
            return state;
        }
    }
}
