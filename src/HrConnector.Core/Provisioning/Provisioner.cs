using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>
/// Decides the provisioning orders of a plan: HR changes propagated under each property's ownership policy,
/// authoritative drift corrected, unlinked records correlated or created, leavers deactivated or deleted, rehires
/// reactivated, future hires deferred. Computes only; the job writes.
/// </summary>
internal sealed class Provisioner
{
    private readonly Connector _connector;
    private readonly ProvisioningModel _model;
    private readonly IResourceStore _store;
    private readonly IIdentityRepository _repository;
    private readonly TimeProvider _clock;
    private readonly bool _hasAuthoritative;

    public Provisioner(Connector connector, ProvisioningModel model, IResourceStore store, IIdentityRepository repository, TimeProvider clock)
    {
        _connector = connector;
        _model = model;
        _store = store;
        _repository = repository;
        _clock = clock;
        _hasAuthoritative = model.Properties.Any(p => p.Policy == OwnershipPolicy.Authoritative);
    }

    public async Task<ProvisioningDecision> DecideAsync(SyncPlan plan, IReadOnlyDictionary<string, IdentityLink> links, IReadOnlyList<JournalEntry> openEntries, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var activeLinks = links.Values.Count(l => l.State == IdentityState.Active);
        var identities = await IdentityReader.CreateAsync(_repository, _hasAuthoritative ? activeLinks : 0, cancellationToken).ConfigureAwait(false);
        var context = new Context(this, plan, links, openEntries, identities);
        var entityType = _model.EntityType;
        var typePlan = plan.EntityTypes.FirstOrDefault(e => ReferenceEquals(e.EntityType, entityType));
        var updates = typePlan?.Updates.ToDictionary(u => u.Key, StringComparer.Ordinal) ?? [];
        var inserts = typePlan?.Inserts.Select(i => i.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var deletes = typePlan?.Deletes.Select(d => d.Key).ToHashSet(StringComparer.Ordinal) ?? [];

        long done = 0;
        await foreach (var (key, payload) in CurrentStateAsync(typePlan, cancellationToken).ConfigureAwait(false))
        {
            await context.VisitAsync(key, payload, updates.GetValueOrDefault(key), inserts.Contains(key), cancellationToken).ConfigureAwait(false);
            if ((++done & 0x3FF) == 0)
            {
                progress?.Report(new JobProgress("Provision", done, null));
            }
        }

        foreach (var key in deletes.Order(StringComparer.Ordinal))
        {
            context.Leave(key);
        }

        progress?.Report(new JobProgress("Provision", done, done));
        return context.ToDecision();
    }

    /// <summary>The HR state after the plan, as payloads: the stored resources with the plan's changes laid over them.</summary>
    private async IAsyncEnumerable<(string Key, ReadOnlyMemory<byte> Payload)> CurrentStateAsync(EntityTypePlan? typePlan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entityType = _model.EntityType;
        if (typePlan is { ReplaceAll: true, FullState: { } fullState })
        {
            foreach (var stored in fullState)
            {
                yield return (stored.Key, stored.Payload);
            }

            yield break;
        }

        var changed = new Dictionary<string, Resource?>(StringComparer.Ordinal);
        if (typePlan is not null)
        {
            foreach (var change in typePlan.Updates.Concat(typePlan.Deletes))
            {
                changed[change.Key] = change.NewResource;
            }
        }

        await foreach (var stored in _store.ReadAsync(_connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false))
        {
            if (!changed.TryGetValue(stored.Key, out var resource))
            {
                yield return (stored.Key, stored.Payload);
            }
            else if (resource is not null)
            {
                yield return (stored.Key, resource.PayloadMemory);
            }
        }

        foreach (var insert in typePlan?.Inserts ?? [])
        {
            yield return (insert.Key, insert.NewResource!.PayloadMemory);
        }
    }

    /// <summary>The decisions of one plan, record by record.</summary>
    private sealed class Context
    {
        private readonly Provisioner _owner;
        private readonly SyncPlan _plan;
        private readonly IReadOnlyDictionary<string, IdentityLink> _links;
        private readonly Dictionary<string, List<JournalEntry>> _open = new(StringComparer.Ordinal);
        private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
        private readonly List<ProvisioningOrder> _orders = [];
        private readonly List<string> _cancelled = [];
        private readonly Dictionary<CorrelationSituation, int> _situations = Enum.GetValues<CorrelationSituation>().ToDictionary(s => s, _ => 0);
        private readonly List<CorrelationCase> _review = [];
        private readonly List<string> _warnings = [];
        private readonly DateTimeOffset _now;
        private readonly IdentityReader _identities;
        private readonly string _idScope;
        private int _deferred;

        public Context(Provisioner owner, SyncPlan plan, IReadOnlyDictionary<string, IdentityLink> links, IReadOnlyList<JournalEntry> openEntries, IdentityReader identities)
        {
            _identities = identities;
            _idScope = OrderIds.Scope(owner._connector.Identifier, owner._model.EntityType.Identifier);
            _owner = owner;
            _plan = plan;
            _links = links;
            _now = owner._clock.GetUtcNow();
            foreach (var link in links.Values)
            {
                _claimed.Add(link.IdentityId);
            }

            foreach (var entry in openEntries.Where(e => e.IsOpen && e.State != OrderState.Staged))
            {
                if (!_open.TryGetValue(entry.Order.ResourceKey, out var list))
                {
                    _open[entry.Order.ResourceKey] = list = [];
                }

                list.Add(entry);
                if (entry.Order is { Kind: OrderKind.Linked, IdentityId: { } claimed })
                {
                    _claimed.Add(claimed);
                }
            }
        }

        private ProvisioningModel Model => _owner._model;

        public ProvisioningDecision ToDecision() => new(_orders, _cancelled, _situations, _review, _deferred, _warnings);

        public async Task VisitAsync(string key, ReadOnlyMemory<byte> payload, ResourceChange? update, bool inserted, CancellationToken cancellationToken)
        {
            var open = _open.GetValueOrDefault(key) ?? [];
            if (_links.TryGetValue(key, out var link))
            {
                _situations[CorrelationSituation.Linked]++;

                // Most records of a daily run are linked and unchanged: with no authoritative property to check, nothing is decoded.
                if (update is not null || inserted || (_owner._hasAuthoritative && open.Count == 0 && link.State == IdentityState.Active))
                {
                    await VisitLinkedAsync(key, link, Decode(payload), update, inserted, open, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var creating = open.FirstOrDefault(e => e.Order.Kind is OrderKind.Added or OrderKind.Linked);
            if (creating is not null && (update is null || IsUnderway(creating)))
            {
                // The identity is being created or linked: HR's changes follow that order, they do not replace it.
                _situations[CorrelationSituation.Linked]++;
                if (update is not null && HrChanges(update) is { Count: > 0 } changes)
                {
                    Add(key, OrderKind.Modified, creating.Order.IdentityId, changes);
                }

                return;
            }

            if (creating is not null)
            {
                // Not dispatched yet and HR changed the record: decide again from today's values.
                Cancel(open.Where(e => !IsUnderway(e)));
            }

            await VisitUnlinkedAsync(key, Decode(payload), cancellationToken).ConfigureAwait(false);
        }

        public void Leave(string key)
        {
            var open = _open.GetValueOrDefault(key) ?? [];
            var pending = open.Where(e => !IsUnderway(e)).ToList();
            Cancel(pending);
            var linked = _links.TryGetValue(key, out var link);
            var underway = open.Any(e => IsUnderway(e) && e.Order.Kind is OrderKind.Added or OrderKind.Linked);
            if ((!linked || link!.State != IdentityState.Active) && !underway)
            {
                return;
            }

            var identityId = link?.IdentityId;
            if (Model.Leavers == LeaverAction.Delete)
            {
                Add(key, OrderKind.Deleted, identityId, []);
                return;
            }

            Add(key, OrderKind.Deactivated, identityId, []);
            if (Model.DeleteAfterDays is { } days)
            {
                Add(key, OrderKind.Deleted, identityId, [], _now.AddDays(days));
            }
        }

        private async Task VisitLinkedAsync(string key, IdentityLink link, object?[] values, ResourceChange? update, bool inserted, List<JournalEntry> open, CancellationToken cancellationToken)
        {
            if (inserted)
            {
                // A record that comes back: a rehire. Stop the leaver orders not dispatched yet, reactivate, and bring every HR-owned value back.
                Cancel(open.Where(e => !IsUnderway(e) && e.Order.Kind is OrderKind.Deactivated or OrderKind.Deleted));
                var identity = await _identities.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
                var rehire = link.State == IdentityState.Inactive || open.Any(e => IsUnderway(e) && e.Order.Kind == OrderKind.Deactivated);
                var changes = Differences(values, identity, p => p.Policy is OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative);
                if (rehire)
                {
                    Add(key, OrderKind.Reactivated, link.IdentityId, changes, force: true);
                }
                else if (changes.Count > 0)
                {
                    Add(key, OrderKind.Modified, link.IdentityId, changes);
                }

                return;
            }

            if (link.State != IdentityState.Active)
            {
                return;
            }

            var hrChanges = update is null ? [] : HrChanges(update);
            if (_owner._hasAuthoritative && open.Count == 0)
            {
                var identity = await _identities.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
                if (identity is null)
                {
                    _warnings.Add($"The identity '{link.IdentityId}' linked to a record of '{Model.EntityType.Identifier}' no longer exists in the repository.");
                    return;
                }

                foreach (var drift in Differences(values, identity, p => p.Policy == OwnershipPolicy.Authoritative))
                {
                    if (!hrChanges.Any(c => string.Equals(c.Property, drift.Property, StringComparison.OrdinalIgnoreCase)))
                    {
                        hrChanges.Add(drift);
                    }
                }
            }

            if (hrChanges.Count > 0)
            {
                Add(key, OrderKind.Modified, link.IdentityId, hrChanges);
            }
        }

        private async Task VisitUnlinkedAsync(string key, object?[] values, CancellationToken cancellationToken)
        {
            if (Model.StartDate is { } startProperty && StartsAfterWindow(values[startProperty.Index]))
            {
                _deferred++;
                return;
            }

            foreach (var rule in Model.Correlation)
            {
                var criteria = new List<IdentityCriterion>(rule.Conditions.Count);
                foreach (var condition in rule.Conditions)
                {
                    if (values[condition.Source.Index] is { } value)
                    {
                        criteria.Add(new IdentityCriterion(condition.Identity, value));
                    }
                }

                if (criteria.Count < rule.Conditions.Count)
                {
                    continue;
                }

                var found = await _owner._repository.FindAsync(new IdentityQuery(criteria, rule.Normalization), cancellationToken).ConfigureAwait(false);
                var candidates = found.Where(i => !_claimed.Contains(i.Id)).ToList();
                if (candidates.Count == 0)
                {
                    continue;
                }

                if (candidates.Count == 1 && rule.Confidence >= 100)
                {
                    _situations[CorrelationSituation.Unlinked]++;
                    _claimed.Add(candidates[0].Id);
                    Add(key, OrderKind.Linked, candidates[0].Id, Differences(values, candidates[0], p => p.Policy == OwnershipPolicy.Authoritative), force: true);
                }
                else
                {
                    _situations[CorrelationSituation.Disputed]++;
                    _review.Add(new CorrelationCase(Model.EntityType.Identifier, key, rule.Name, rule.Confidence, [.. candidates.Select(c => c.Id).Order(StringComparer.Ordinal)]));
                }

                return;
            }

            _situations[CorrelationSituation.Unmatched]++;
            var changes = Model.Properties
                .Where(p => p.Policy != OwnershipPolicy.Ignored && values[p.Source.Index] is not null)
                .Select(p => new IdentityValueChange(p.Identity, null, values[p.Source.Index], p.Policy))
                .ToList();
            Add(key, OrderKind.Added, null, changes, force: true);
        }

        private object?[] Decode(ReadOnlyMemory<byte> payload) => ResourcePayload.GetValues(payload.Span, Model.EntityType);

        private bool StartsAfterWindow(object? start)
        {
            var startDay = start switch
            {
                DateOnly date => date,
                DateTime dateTime => DateOnly.FromDateTime(dateTime),
                _ => (DateOnly?)null,
            };
            return startDay is { } day && day > DateOnly.FromDateTime(_now.UtcDateTime).AddDays(Model.PreStartDays);
        }

        /// <summary>HR's own changes to properties it may propagate (OnChange and Authoritative).</summary>
        private List<IdentityValueChange> HrChanges(ResourceChange update)
        {
            var changes = new List<IdentityValueChange>();
            foreach (var property in Model.Properties.Where(p => p.Policy is OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative))
            {
                foreach (var change in update.Changes)
                {
                    if (ReferenceEquals(change.Property, property.Source) && !IdentityValues.AreEqual(change.OldValue, change.NewValue))
                    {
                        changes.Add(new IdentityValueChange(property.Identity, change.OldValue, change.NewValue, property.Policy));
                    }
                }
            }

            return changes;
        }

        /// <summary>The HR values of the selected properties that differ from the identity's.</summary>
        private List<IdentityValueChange> Differences(object?[] values, Identity? identity, Func<IdentityPropertyModel, bool> select)
        {
            var changes = new List<IdentityValueChange>();
            foreach (var property in Model.Properties.Where(select))
            {
                var current = identity?.GetValue(property.Identity);
                var value = values[property.Source.Index];
                if (!IdentityValues.AreEqual(current, value))
                {
                    changes.Add(new IdentityValueChange(property.Identity, current, value, property.Policy));
                }
            }

            return changes;
        }

        private void Add(string key, OrderKind kind, string? identityId, List<IdentityValueChange> changes, DateTimeOffset? notBefore = null, bool force = false)
        {
            string? workflow = null;
            if (Model.Target == ProvisioningTarget.Workflows)
            {
                var (name, carried) = Model.Workflows[kind];
                workflow = name;
                if (carried.Count > 0)
                {
                    changes = [.. changes.Where(c => carried.Contains(c.Property))];
                }
            }

            if (changes.Count == 0 && kind == OrderKind.Modified && !force)
            {
                return;
            }

            var connector = _owner._connector.Identifier;
            var entityType = Model.EntityType.Identifier;
            var id = OrderIds.Create(_idScope, key, kind, _plan.BaseRunId, changes, notBefore);
            _orders.Add(new ProvisioningOrder(id, connector, entityType, key, kind, identityId, workflow, changes, _plan.RunId, _now, notBefore));
        }

        private void Cancel(IEnumerable<JournalEntry> entries) => _cancelled.AddRange(entries.Select(e => e.Order.Id));

        /// <summary>Whether an order may already have reached the host: its dispatch was attempted, or its workflow runs.</summary>
        private static bool IsUnderway(JournalEntry entry) => entry.State == OrderState.Transmitted || entry.Attempts > 0;
    }
}
