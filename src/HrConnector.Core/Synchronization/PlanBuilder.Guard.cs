using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

// The guard: safety holds (empty, incomplete, unreadable keys), thresholds and reject limits, then the entity type's plan.
internal sealed partial class PlanBuilder
{
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
}
