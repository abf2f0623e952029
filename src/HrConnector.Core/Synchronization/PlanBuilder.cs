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
internal sealed partial class PlanBuilder
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
        // An indexed (in-memory) store is walked through its own index; other stores are streamed.
        if (_store is IIndexedResourceStore memory && memory.Snapshot(_connector.Identifier, entityType.Identifier) is { } index)
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
        void Visit(int row, ReadOnlyMemory<byte> storedPayload, ulong storedSourceHash, ResourceTable? index, int entry, string? key)
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
}
