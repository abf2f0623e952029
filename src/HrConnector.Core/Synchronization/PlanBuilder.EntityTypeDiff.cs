using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

// The accumulator: the changes of one entity type while the plan is being built.
internal sealed partial class PlanBuilder
{
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
        public ResourceTable? StoredIndex { get; set; }

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
