using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

// Reference resolution: each navigation value against the resources of today's plan and the store, and the dangling-reference policy.
internal sealed partial class PlanBuilder
{
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
}
