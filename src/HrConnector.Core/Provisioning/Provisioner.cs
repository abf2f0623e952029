using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>
/// Decides the provisioning orders of a run by reconciliation (level-triggered): for every HR record of the provisioned
/// entity type, and every link whose record is gone, it computes the desired identity — whether it should exist, be
/// active, be deleted, and its values under each property's ownership policy — and compares it with what is known to be
/// applied (the link's fingerprint of the values last applied, its state, and for authoritative properties the identity
/// itself). Any difference becomes an order, whatever caused it: today's HR change, an order that failed or was lost, a
/// date crossed. Computes only; the job writes.
/// </summary>
internal sealed partial class Provisioner
{
    private readonly ConnectorModel _connector;
    private readonly ProvisioningModel _model;
    private readonly IResourceStore _store;
    private readonly IIdentityRepository _repository;
    private readonly TimeProvider _clock;
    private readonly bool _hasAuthoritative;

    public Provisioner(ConnectorModel connector, ProvisioningModel model, IResourceStore store, IIdentityRepository repository, TimeProvider clock)
    {
        _connector = connector;
        _model = model;
        _store = store;
        _repository = repository;
        _clock = clock;
        _hasAuthoritative = model.Properties.Any(p => p.Policy == OwnershipPolicy.Authoritative);
    }

    /// <summary>Gets the correlation decisions of the review, by resource key, or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, CorrelationDecision>? Decisions { get; init; }

    /// <summary>Decides the orders of a plan, before it is committed.</summary>
    public Task<ProvisioningDecision> DecideAsync(SyncPlan plan, IReadOnlyDictionary<string, IdentityLink> links, IReadOnlyList<JournalEntry> liveEntries, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
        => DecideAsync(plan, plan.RunId, null, links, liveEntries, progress, cancellationToken);

    /// <summary>
    /// The follow-up of a run whose dispatch created identities: the records whose references were pending
    /// (<see cref="ProvisioningDecision.PendingKeys"/>), read from the committed store, get the orders that set the
    /// references that resolve now (<see cref="OrderReason.ReferenceResolved"/>) — a manager created in the same run as
    /// their reports. Only linked, active records with nothing in flight are looked at; the rest is the next run's.
    /// </summary>
    public Task<ProvisioningDecision> FollowUpAsync(string runId, IReadOnlyDictionary<string, string> keys, IReadOnlyDictionary<string, IdentityLink> links, IReadOnlyList<JournalEntry> liveEntries, CancellationToken cancellationToken)
        => DecideAsync(null, runId, keys, links, liveEntries, null, cancellationToken);

    private async Task<ProvisioningDecision> DecideAsync(SyncPlan? plan, string runId, IReadOnlyDictionary<string, string>? followUp, IReadOnlyDictionary<string, IdentityLink> links, IReadOnlyList<JournalEntry> liveEntries, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var activeLinks = links.Values.Count(l => l.State == IdentityState.Active);
        // Only the authoritative values are kept of a million identities read at once (the rest is read again, one by
        // one, for the few records that need it): a full copy of every identity was most of a daily run's memory.
        var authoritative = _model.Properties.Where(p => p.Policy == OwnershipPolicy.Authoritative).Select(p => p.Identity).ToArray();
        var identities = await IdentityReader.CreateAsync(_repository, _hasAuthoritative ? (followUp?.Count ?? activeLinks) : 0, cancellationToken, authoritative).ConfigureAwait(false);
        var contracts = await ContractIndex.ReadAsync(_connector, _model, _store, plan, cancellationToken).ConfigureAwait(false);
        var context = new Context(this, runId, links, liveEntries, identities) { Contracts = contracts, FollowUp = followUp is not null };
        var entityType = _model.EntityType;
        var typePlan = plan?.EntityTypes.FirstOrDefault(e => ReferenceEquals(e.EntityType, entityType));
        var updates = typePlan?.Updates.ToDictionary(u => u.Key, StringComparer.Ordinal) ?? [];

        long done = 0;
        await foreach (var (key, payload) in AfterPlanState.ReadAsync(_store, _connector.Identifier, _model.EntityType, typePlan, cancellationToken).ConfigureAwait(false))
        {
            if (followUp is not null)
            {
                if (followUp.ContainsKey(key))
                {
                    await context.FollowUpAsync(key, payload, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await context.VisitAsync(key, payload, updates.GetValueOrDefault(key), cancellationToken).ConfigureAwait(false);
            if ((++done & 0x3FF) == 0)
            {
                progress?.Report(new JobProgress(JobStep.Provision, done, null));
            }
        }

        if (followUp is null)
        {
            await context.VisitRestAsync(cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new JobProgress(JobStep.Provision, done, done));
        return context.ToDecision(activeLinks);
    }

    /// <summary>
    /// The warning about the records whose reference points to a record without an identity, or <see langword="null"/>
    /// when none is left: one message however many (a first load has every manager pending), naming HR keys only.
    /// </summary>
    /// <param name="entityType">The provisioned entity type.</param>
    /// <param name="pending">The target of each record's pending reference, by the record's key.</param>
    /// <param name="resolved">Whether a target has an identity now (after a dispatch).</param>
    public static string? PendingMessage(string entityType, IReadOnlyDictionary<string, string> pending, Func<string, bool> resolved)
    {
        var count = 0;
        string? first = null;
        foreach (var (key, target) in pending)
        {
            if (!resolved(target))
            {
                count++;
                first = first is null || string.CompareOrdinal(key, first) < 0 ? key : first;
            }
        }

        return first is null
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{count} records of '{entityType}' reference a record without an identity (such as '{first}' referencing '{pending[first]}'): the reference is left empty until that record has an identity, and set by the first run after it has one.");
    }

    /// <summary>The decisions of one run, record by record.</summary>
    private sealed partial class Context
    {
        private readonly Provisioner _owner;
        private readonly IReadOnlyDictionary<string, IdentityLink> _links;
        private readonly Dictionary<string, List<JournalEntry>> _live = new(StringComparer.Ordinal);
        private readonly HashSet<string> _visited;
        private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
        private readonly List<ProvisioningOrder> _orders = [];
        private readonly List<string> _cancelled = [];
        private readonly List<IdentityLink> _refreshedLinks = [];
        private readonly List<JournalEntry> _stuck = [];
        private readonly Dictionary<CorrelationSituation, int> _situations = Enum.GetValues<CorrelationSituation>().ToDictionary(s => s, _ => 0);
        private readonly List<CorrelationCase> _review = [];
        private readonly List<string> _warnings = [];
        private readonly DateTimeOffset _now;
        private readonly DateOnly _today;
        private readonly IdentityReader _identities;
        private readonly string _idScope;
        private readonly References? _references;
        private readonly Dictionary<string, string> _pending = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _generated = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Key, Func<CancellationToken, Task<ProvisioningOrder?>> Decide)> _generating = [];
        private bool _joinerDeferred;
        private int _deferred;
        private int _waiting;
        private int _scheduled;

        public Context(Provisioner owner, string runId, IReadOnlyDictionary<string, IdentityLink> links, IReadOnlyList<JournalEntry> liveEntries, IdentityReader identities)
        {
            _identities = identities;
            _idScope = OrderIds.Scope(owner._connector.Identifier, owner._model.EntityType.Identifier);
            _owner = owner;
            RunId = runId;
            _links = links;
            _references = References.Of(owner._model, links);
            _visited = new HashSet<string>(links.Count, StringComparer.Ordinal);
            _now = owner._clock.GetUtcNow();
            _today = DateOnly.FromDateTime(_now.UtcDateTime);
            foreach (var link in links.Values.Where(l => l.State != IdentityState.Deleted))
            {
                _claimed.Add(link.IdentityId);
            }

            var entityType = owner._model.EntityType.Identifier;
            // Executed orders are on the links already; what is still open, errored or stuck is what a decision must take into account.
            foreach (var entry in liveEntries.Where(e => e.State is not (OrderState.Staged or OrderState.Executed or OrderState.Verified or OrderState.Cancelled) && string.Equals(e.Order.EntityType, entityType, StringComparison.OrdinalIgnoreCase)))
            {
                if (!_live.TryGetValue(entry.Order.ResourceKey, out var list))
                {
                    _live[entry.Order.ResourceKey] = list = [];
                }

                list.Add(entry);
                if (entry.IsOpen && entry.Order is { Kind: OrderKind.Linked, IdentityId: { } claimed })
                {
                    _claimed.Add(claimed);
                }

                if (InFlight(entry) && entry.Order.Kind == OrderKind.Added)
                {
                    // A creation that may have reached the host holds its generated values, whether the identity shows them yet or not.
                    foreach (var property in owner._model.Properties.Where(p => p.Generator is not null))
                    {
                        if (entry.Order.Changes.FirstOrDefault(c => string.Equals(c.Property, property.Identity, StringComparison.OrdinalIgnoreCase))?.NewValue is string value)
                        {
                            Generated(property.Identity).Add(value);
                        }
                    }
                }
            }
        }

        private string RunId { get; }

        /// <summary>Gets the contracts of every person after the plan, or <see langword="null"/> when the model has none.</summary>
        public ContractIndex? Contracts { get; init; }

        /// <summary>Gets a value indicating whether this is the follow-up pass of a run (<see cref="Provisioner.FollowUpAsync"/>).</summary>
        public bool FollowUp { get; init; }

        /// <summary>Whether an order may have reached the host: underway, or stuck while in doubt (it may have taken effect, so it is never replaced).</summary>
        private static bool InFlight(JournalEntry entry) => entry.IsUnderway || IsStuckInDoubt(entry);

        private static bool IsStuckInDoubt(JournalEntry entry) => entry is { State: OrderState.Stuck, InDoubt: true };

        private ProvisioningModel Model => _owner._model;

        public ProvisioningDecision ToDecision(int activeLinks)
        {
            if (PendingMessage(Model.EntityType.Identifier, _pending, _ => false) is { } message)
            {
                _warnings.Add(message);
            }

            return Decision(activeLinks);
        }

        private ProvisioningDecision Decision(int activeLinks) => new(_orders, _cancelled, _situations, _review, _deferred, _warnings)
        {
            PendingReferences = _pending.Count,
            PendingKeys = _pending,
            RefreshedLinks = _refreshedLinks,
            Stuck = _stuck,
            Waiting = _waiting,
            ScheduledDeletes = _scheduled,
            ActiveLinks = activeLinks,
        };

        public async Task VisitAsync(string key, ReadOnlyMemory<byte> payload, ResourceChange? update, CancellationToken cancellationToken)
        {
            _visited.Add(key);
            var link = _links.GetValueOrDefault(key);
            var live = _live.GetValueOrDefault(key);
            var contracts = Contracts?.Of(key, _today, Model.PreStartDays, Model.GraceDays) ?? default;
            var contract = contracts.Current;
            var (life, cause) = LifeOf(payload.Span, contracts.Life);
            if (link is { State: IdentityState.Active } && life == Life.NotYet)
            {
                // A linked person whose start date moved to the future keeps their identity.
                life = Life.Active;
            }

            if (life != Life.Left && Model.Scope is { } scope && !scope.Contains(payload.Span, _today))
            {
                // Out of scope: never provisioned; a linked record that left the scope is a leaver.
                (life, cause) = (Life.Left, OrderReason.LeaverOutOfScope);
            }

            if (life == Life.Active && _references?.Pending(payload.Span, contract.Span) is { } target)
            {
                // A reference to a record without an identity (yet): left empty, reported, set once that record has one.
                _pending[key] = target;
            }

            // The usual day: linked, active, nothing changed since it was applied, nothing in flight; then only the
            // authoritative properties are compared with the identity, decoded one by one.
            if (live is null && life == Life.Active && link is { State: IdentityState.Active } && Fingerprint.IsOf(link.Applied, payload.Span, contract.Span, Model, _references)
                && (!_owner._hasAuthoritative || await HasNoDriftAsync(link, payload, contract, cancellationToken).ConfigureAwait(false)))
            {
                _situations[CorrelationSituation.Linked]++;
                return;
            }

            if (live is not null && live.Any(InFlight))
            {
                // An order may already have reached the host: it is settled first (by this run's dispatch, or by a
                // retry when it is stuck), then the next run compares again.
                _stuck.AddRange(live.Where(IsStuckInDoubt));
                _situations[link is null ? CorrelationSituation.Unmatched : CorrelationSituation.Linked]++;
                _waiting++;
                return;
            }

            _joinerDeferred = false;
            var want = await WantAsync(key, payload, contract, life, cause, link, update, cancellationToken).ConfigureAwait(false);
            if (!_joinerDeferred)
            {
                Settle(key, live, want);
            }
        }

        /// <summary>
        /// A record whose reference was pending when the run decided, visited again after the dispatch: a linked, active
        /// record with nothing in flight whose references now resolve otherwise than applied gets the order that sets them.
        /// </summary>
        public async Task FollowUpAsync(string key, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            if (_links.GetValueOrDefault(key) is not { State: IdentityState.Active } link || _live.ContainsKey(key))
            {
                return;
            }

            var contract = (Contracts?.Of(key, _today, Model.PreStartDays, Model.GraceDays) ?? default).Current;
            if (Fingerprint.IsOf(link.Applied, payload.Span, contract.Span, Model, _references))
            {
                return;
            }

            var values = ContractIndex.Values(Model, payload.Span, contract.Span);
            _references!.Resolve(values);
            var fingerprint = Fingerprint.Compute(payload.Span, contract.Span, Model, _references);
            var wanted = new List<IdentityValueChange>();
            for (var i = 0; i < Model.Properties.Count; i++)
            {
                var property = Model.Properties[i];
                if (Fingerprint.SameProperty(link.Applied, fingerprint, i) || property.Policy is not (OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative))
                {
                    continue;
                }

                if (!property.IsReference)
                {
                    // Something else than a reference lags behind: the next run's reconciliation decides it all.
                    return;
                }

                wanted.Add(new IdentityValueChange(property.Identity, null, values[property.Source.Index], property.Policy) { IsSensitive = property.Source.IsSensitive });
            }

            _situations[CorrelationSituation.Linked]++;
            if (Order(key, OrderKind.Modified, OrderReason.ReferenceResolved, link.IdentityId, wanted, link.Generation, fingerprint) is { } order)
            {
                _orders.Add(order);
            }
            else
            {
                // The references resolve, but nothing is sent (the workflow does not carry them): remembered as applied.
                _refreshedLinks.Add(link with { Applied = fingerprint });
            }
        }

        /// <summary>The links whose record is gone, and the orders whose record and link are both gone.</summary>
        public async Task VisitRestAsync(CancellationToken cancellationToken)
        {
            // Joiners with generated values, in key order: the first of two namesakes gets the first free candidate,
            // whatever order the store gives the records in.
            foreach (var (key, decide) in _generating.OrderBy(j => j.Key, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Settle(key, _live.GetValueOrDefault(key), await decide(cancellationToken).ConfigureAwait(false));
            }

            // Sorted for deterministic order ids and journal order; only the few links not visited are sorted.
            var gone = _links.Where(l => !_visited.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
            foreach (var (key, link) in gone)
            {
                cancellationToken.ThrowIfCancellationRequested();

                _visited.Add(key);
                var live = _live.GetValueOrDefault(key);
                if (live is not null && live.Any(InFlight))
                {
                    _stuck.AddRange(live.Where(IsStuckInDoubt));
                    _waiting++;
                    continue;
                }

                Settle(key, live, Leave(key, link, OrderReason.LeaverMissingFromFile));
            }

            foreach (var (key, live) in _live.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                if (!_visited.Contains(key))
                {
                    // Neither record nor link: an onboarding that never happened for someone HR no longer has.
                    if (live.Any(InFlight))
                    {
                        _stuck.AddRange(live.Where(IsStuckInDoubt));
                        _waiting++;
                        continue;
                    }

                    Settle(key, live, null);
                }
            }
        }

        /// <summary>Brings the journal of one record to what is wanted: keeps the same order, reissues it after a failure, or replaces and cancels.</summary>
        private void Settle(string key, List<JournalEntry>? live, ProvisioningOrder? want)
        {
            var issue = want is not null;
            foreach (var entry in live ?? [])
            {
                if (entry.State is OrderState.Executed or OrderState.Verified or OrderState.Cancelled)
                {
                    continue;
                }

                if (want is not null && string.Equals(entry.Order.Id, want.Id, StringComparison.Ordinal))
                {
                    switch (entry.State)
                    {
                        case OrderState.Stuck:
                            // Spent its budget: issued again only when its inputs change (a new id) or an operator retries it.
                            _stuck.Add(entry);
                            issue = false;
                            break;
                        case OrderState.Errored:
                            // A new attempt of the same order.
                            want = want.WithReason(OrderReason.Retry);
                            break;
                        default:
                            // Still pending from an earlier run: it goes out as it is.
                            issue = false;
                            break;
                    }

                    continue;
                }

                // HR no longer asks for it, or asks for something else: it is replaced.
                _cancelled.Add(entry.Order.Id);
            }

            if (issue)
            {
                _orders.Add(want!);
            }
        }

        /// <summary>The value of a property as provisioned: for a reference, the identity of the record it points to.</summary>
        private object? Resolved(IdentityPropertyModel property, object? value) => _references is null ? value : _references.ValueOf(property, value);
    }
}
