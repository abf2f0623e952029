using System.Globalization;
using HrConnector.Jobs;
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
internal sealed class Provisioner
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
                progress?.Report(new JobProgress("Provision", done, null));
            }
        }

        if (followUp is null)
        {
            await context.VisitRestAsync(cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new JobProgress("Provision", done, done));
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

    /// <summary>A joiner whose Added order waits for its generated values.</summary>
    private sealed record Joiner(string Key, object?[] Values, byte[] Fingerprint, int Generation, bool Rehire);

    /// <summary>Where a person stands in their lifecycle today, from HR's data.</summary>
    private enum Life
    {
        /// <summary>A future hire beyond the pre-start window.</summary>
        NotYet,

        /// <summary>Should have an active identity.</summary>
        Active,

        /// <summary>Away for a while: deactivated, never deleted.</summary>
        Suspended,

        /// <summary>A leaver: gone from HR, end date past, or a status of the left list.</summary>
        Left,
    }

    /// <summary>The decisions of one run, record by record.</summary>
    private sealed class Context
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

        /// <summary>Whether every authoritative property of the identity equals HR's value (the identity missing counts as drift).</summary>
        private async Task<bool> HasNoDriftAsync(IdentityLink link, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> contract, CancellationToken cancellationToken)
        {
            var identity = await _identities.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
            if (identity is null)
            {
                return false;
            }

            foreach (var property in Model.Properties)
            {
                if (property.Policy == OwnershipPolicy.Authoritative
                    && !IdentityValues.AreEqual(identity.GetValue(property.Identity), Resolved(property, ContractIndex.ValueOf(Model, property, payload.Span, contract.Span))))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The order a record needs, if any; <paramref name="cause"/> is why its life is what it is (a leaver by status, by end date…).</summary>
        private async Task<ProvisioningOrder?> WantAsync(string key, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> contract, Life life, OrderReason cause, IdentityLink? link, ResourceChange? update, CancellationToken cancellationToken)
        {
            var linked = link is not null && link.State != IdentityState.Deleted;
            if (linked)
            {
                _situations[CorrelationSituation.Linked]++;
            }

            switch (life)
            {
                case Life.Left:
                    return linked ? Leave(key, link!, cause) : null;
                case Life.Suspended:
                    if (link is { State: IdentityState.Inactive, Since: not null })
                    {
                        // Away, not gone: the delay of DeleteAfterDays starts when the person leaves, not now.
                        _refreshedLinks.Add(link with { Since = null });
                        return null;
                    }

                    return link is { State: IdentityState.Active } ? Order(key, OrderKind.Deactivated, OrderReason.Suspension, link.IdentityId, [], link.Generation, null) : null;
                case Life.NotYet:
                    if (!linked)
                    {
                        _deferred++;
                    }

                    return null;
            }

            var values = ContractIndex.Values(Model, payload.Span, contract.Span);
            _references?.Resolve(values);
            var fingerprint = Fingerprint.Compute(payload.Span, contract.Span, Model, _references);
            if (!linked)
            {
                // A link of a deleted identity: a leaver is back, and gets an identity again.
                var rehire = link is { State: IdentityState.Deleted };
                return link is null && _owner.Decisions?.GetValueOrDefault(key) is { } decided
                    ? await DecidedAsync(key, decided, values, fingerprint, cancellationToken).ConfigureAwait(false)
                    : await NewIdentityAsync(key, values, fingerprint, link?.Generation ?? 0, rehire, cancellationToken).ConfigureAwait(false);
            }

            if (link!.State == IdentityState.Inactive)
            {
                // A rehire, or a person back from a suspension: reactivate, and bring every HR-owned value back.
                var identity = await _owner._repository.GetAsync(link.IdentityId, cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
                var changes = Differences(values, identity, p => p.Policy is OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative);

                // A leaver's deactivation starts the delay of a delete (Since); a suspension that lasted clears it.
                var reason = link.Since is null ? OrderReason.Reactivation : OrderReason.Rehire;
                return Order(key, OrderKind.Reactivated, reason, link.IdentityId, changes, link.Generation, fingerprint);
            }

            var wanted = new List<IdentityValueChange>();

            // A mover when HR changed a provisioned value in this run (or the current contract, which a date can change
            // too); otherwise the identity lags behind HR for another cause (an order lost or cancelled, a hand edit).
            var moved = false;
            var regenerate = new List<IdentityPropertyModel>();
            for (var i = 0; i < Model.Properties.Count; i++)
            {
                var property = Model.Properties[i];
                if (property.Policy is OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative && !Fingerprint.SameProperty(link.Applied, fingerprint, i))
                {
                    if (property.Generator is { } generator)
                    {
                        // A property its templates read changed: generated again once every record is visited, in key order.
                        regenerate.Add(property);
                        moved |= update?.Changes.Any(c => generator.Inputs.Any(p => ReferenceEquals(p, c.Property))) == true;
                        continue;
                    }

                    var change = update?.Changes.FirstOrDefault(c => ReferenceEquals(c.Property, property.Source));
                    moved |= change is not null || property.Contract is not null;
                    wanted.Add(new IdentityValueChange(property.Identity, Resolved(property, change?.OldValue), values[property.Source.Index], property.Policy) { IsSensitive = property.Source.IsSensitive });
                }
            }

            // HR changed nothing this order sets, and every value it sets is a reference whose target's identity is new
            // (or another one): the reference resolves now, to be told apart from a drift.
            var resolves = !moved && wanted.Count > 0 && wanted.All(c => Model.Properties.Any(p => p.IsReference && string.Equals(p.Identity, c.Property, StringComparison.OrdinalIgnoreCase)));
            if (_owner._hasAuthoritative)
            {
                var identity = await _identities.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
                if (identity is null)
                {
                    _warnings.Add($"The identity '{link.IdentityId}' linked to a record of '{Model.EntityType.Identifier}' no longer exists in the repository.");
                    return null;
                }

                foreach (var drift in Differences(values, identity, p => p.Policy == OwnershipPolicy.Authoritative))
                {
                    if (!wanted.Any(c => string.Equals(c.Property, drift.Property, StringComparison.OrdinalIgnoreCase)))
                    {
                        wanted.Add(drift);
                        resolves = false;
                    }
                }
            }

            if (regenerate.Count > 0)
            {
                _generating.Add((key, c => RenameAsync(key, link, values, fingerprint, wanted, moved, regenerate, c)));
                _joinerDeferred = true;
                return null;
            }

            return Modified(key, link, fingerprint, wanted, moved ? OrderReason.Mover : resolves ? OrderReason.ReferenceResolved : OrderReason.DriftCorrection);
        }

        private ProvisioningOrder? Modified(string key, IdentityLink link, byte[] fingerprint, List<IdentityValueChange> wanted, OrderReason reason)
        {
            var order = Order(key, OrderKind.Modified, reason, link.IdentityId, wanted, link.Generation, fingerprint);
            if (order is null && (link.Applied is null || !link.Applied.AsSpan().SequenceEqual(fingerprint)))
            {
                // Nothing to send (the values HR changed are not provisioned, or equal already): remember them as applied.
                _refreshedLinks.Add(link with { Applied = fingerprint });
            }

            return order;
        }

        /// <summary>The Modified order of a linked record whose generated properties (policy OnChange) are generated again, the identity's own value counting as free.</summary>
        private async Task<ProvisioningOrder?> RenameAsync(string key, IdentityLink link, object?[] values, byte[] fingerprint, List<IdentityValueChange> wanted, bool moved, List<IdentityPropertyModel> regenerate, CancellationToken cancellationToken)
        {
            var identity = await _owner._repository.GetAsync(link.IdentityId, cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
            foreach (var property in regenerate)
            {
                var own = identity?.GetValue(property.Identity) as string;
                var generator = property.Generator!;
                var generated = await generator.GenerateAsync(property.Identity, values, Generated(property.Identity), _owner._repository, Model.Timeout, cancellationToken, link.IdentityId, own).ConfigureAwait(false);
                if (generated is null)
                {
                    _warnings.Add($"The record '{key}' of '{Model.EntityType.Identifier}' is not updated in this run: no candidate of the generated identity property '{property.Identity}' is free (each is empty, held by another identity or claimed by another record). It is tried again at the next run; add a template or raise MaxN.");
                    return null;
                }

                if (!string.Equals(generated, own, StringComparison.OrdinalIgnoreCase))
                {
                    wanted.Add(new IdentityValueChange(property.Identity, own, generated, property.Policy) { IsSensitive = generator.Inputs.Any(p => p.IsSensitive) });
                }
            }

            return Modified(key, link, fingerprint, wanted, moved ? OrderReason.Mover : OrderReason.DriftCorrection);
        }

        /// <summary>What a leaver's identity needs: deactivation (or deletion), then the delayed delete when it is due.</summary>
        /// <param name="key">The key of the HR record.</param>
        /// <param name="link">The link of the identity.</param>
        /// <param name="cause">Why the person is a leaver (gone from the file, end date, status, contracts).</param>
        private ProvisioningOrder? Leave(string key, IdentityLink link, OrderReason cause)
        {
            switch (link.State)
            {
                case IdentityState.Active:
                    return Order(key, Model.Leavers == LeaverAction.Delete ? OrderKind.Deleted : OrderKind.Deactivated, cause, link.IdentityId, [], link.Generation, null);
                case IdentityState.Inactive when Model.DeleteAfterDays is { } days:
                    if (link.Since is not { } since)
                    {
                        // A link of an older version, or one deactivated by a suspension: the delay starts now.
                        _refreshedLinks.Add(link with { Since = _now });
                        _scheduled++;
                        return null;
                    }

                    if (since.AddDays(days) > _now)
                    {
                        _scheduled++;
                        return null;
                    }

                    return Order(key, OrderKind.Deleted, OrderReason.DeleteDue, link.IdentityId, [], link.Generation, null);
                default:
                    return null;
            }
        }

        private async Task<ProvisioningOrder?> NewIdentityAsync(string key, object?[] values, byte[] fingerprint, int generation, bool rehire, CancellationToken cancellationToken)
        {
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

                var found = await _owner._repository.FindAsync(new IdentityQuery(criteria, rule.Normalization), cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
                var candidates = found.Where(i => !_claimed.Contains(i.Id)).ToList();
                if (candidates.Count == 0)
                {
                    continue;
                }

                if (candidates.Count == 1 && rule.Confidence >= 100)
                {
                    _situations[CorrelationSituation.Unlinked]++;
                    _claimed.Add(candidates[0].Id);
                    return Order(key, OrderKind.Linked, rehire ? OrderReason.Rehire : OrderReason.Correlation, candidates[0].Id, Differences(values, candidates[0], p => p.Policy == OwnershipPolicy.Authoritative), generation, fingerprint, force: true);
                }

                _situations[CorrelationSituation.Disputed]++;
                _review.Add(new CorrelationCase(Model.EntityType.Identifier, key, rule.Name, rule.Confidence, [.. candidates.Select(c => c.Id).Order(StringComparer.Ordinal)]));
                return null;
            }

            return Added(key, values, fingerprint, generation, rehire);
        }

        /// <summary>What a person decided in the correlation review for a record never linked: link, create, or nothing.</summary>
        private async Task<ProvisioningOrder?> DecidedAsync(string key, CorrelationDecision decision, object?[] values, byte[] fingerprint, CancellationToken cancellationToken)
        {
            switch (decision.Kind)
            {
                case CorrelationDecisionKind.Create:
                    return Added(key, values, fingerprint, 0);
                case CorrelationDecisionKind.Link when decision.IdentityId is { } id:
                    var identity = await _owner._repository.GetAsync(id, cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
                    // The record's own open Linked order (issued by an earlier run, not dispatched yet) claims the identity too.
                    var own = _live.GetValueOrDefault(key)?.Any(e => e.IsOpen && e.Order.Kind == OrderKind.Linked && string.Equals(e.Order.IdentityId, id, StringComparison.Ordinal)) == true;
                    if (identity is null || (!_claimed.Add(id) && !own))
                    {
                        _warnings.Add($"The record '{key}' of '{Model.EntityType.Identifier}' was decided to be linked to the identity '{id}', which {(identity is null ? "no longer exists" : "is linked to another record")}: decide again.");
                        return null;
                    }

                    _situations[CorrelationSituation.Unlinked]++;
                    return Order(key, OrderKind.Linked, OrderReason.Correlation, id, Differences(values, identity, p => p.Policy == OwnershipPolicy.Authoritative), 0, fingerprint, force: true);
                default:
                    // Ignored: never provisioned until the decision is cleared.
                    return null;
            }
        }

        private ProvisioningOrder? Added(string key, object?[] values, byte[] fingerprint, int generation, bool rehire = false)
        {
            _situations[CorrelationSituation.Unmatched]++;
            if (Model.HasGeneratedValues)
            {
                // Generated once every record is visited, in key order (VisitRestAsync).
                var joiner = new Joiner(key, values, fingerprint, generation, rehire);
                _generating.Add((key, c => GenerateAsync(joiner, c)));
                _joinerDeferred = true;
                return null;
            }

            var changes = Model.Properties
                .Where(p => p.Policy != OwnershipPolicy.Ignored && values[p.Source.Index] is not null)
                .Select(p => new IdentityValueChange(p.Identity, null, values[p.Source.Index], p.Policy) { IsSensitive = p.Source.IsSensitive })
                .ToList();
            return Order(key, OrderKind.Added, rehire ? OrderReason.Rehire : OrderReason.Joiner, null, changes, generation, fingerprint, force: true);
        }

        /// <summary>The Added order of a joiner with generated values, or <see langword="null"/> (reported) when some generated property has no free candidate.</summary>
        private async Task<ProvisioningOrder?> GenerateAsync(Joiner joiner, CancellationToken cancellationToken)
        {
            var changes = new List<IdentityValueChange>();
            var chosen = new List<(string Property, string Value)>();
            var failed = false;
            foreach (var property in Model.Properties.Where(p => p.Policy != OwnershipPolicy.Ignored))
            {
                if (property.Generator is not { } generator)
                {
                    if (joiner.Values[property.Source.Index] is { } value)
                    {
                        changes.Add(new IdentityValueChange(property.Identity, null, value, property.Policy) { IsSensitive = property.Source.IsSensitive });
                    }

                    continue;
                }

                if (failed)
                {
                    continue;
                }

                var claimed = Generated(property.Identity);
                var generated = await generator.GenerateAsync(property.Identity, joiner.Values, claimed, _owner._repository, Model.Timeout, cancellationToken).ConfigureAwait(false);
                if (generated is null)
                {
                    // The joiner gets an order that fails without reaching the host (ProvisioningModel.MissingGenerated):
                    // it carries no generated value, so that it claims none. No value is named: the record and the
                    // property say which joiner waits, and why.
                    _warnings.Add($"The record '{joiner.Key}' of '{Model.EntityType.Identifier}' gets no identity in this run: no candidate of the generated identity property '{property.Identity}' is free (each is empty, held by an identity or claimed by another joiner). Its Added order fails without reaching the host, and is decided again at the next run; add a template or raise MaxN.");
                    foreach (var (name, value) in chosen)
                    {
                        Generated(name).Remove(value);
                        changes.RemoveAll(c => string.Equals(c.Property, name, StringComparison.OrdinalIgnoreCase));
                    }

                    failed = true;
                    continue;
                }

                chosen.Add((property.Identity, generated));
                changes.Add(new IdentityValueChange(property.Identity, null, generated, property.Policy) { IsSensitive = generator.Inputs.Any(p => p.IsSensitive) });
            }

            return Order(joiner.Key, OrderKind.Added, joiner.Rehire ? OrderReason.Rehire : OrderReason.Joiner, null, changes, joiner.Generation, joiner.Fingerprint, force: true);
        }

        /// <summary>The values of a generated identity property claimed in this run (compared ignoring case).</summary>
        private HashSet<string> Generated(string property)
        {
            if (!_generated.TryGetValue(property, out var claimed))
            {
                _generated[property] = claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            return claimed;
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

        /// <summary>The person's life from their record, and from their contracts on top: the stricter wins (left, away, not yet, active); with why, for a leaver or a suspension.</summary>
        private (Life Life, OrderReason Cause) LifeOf(ReadOnlySpan<byte> payload, ContractLife contracts) => (LifeOf(payload), contracts) switch
        {
            (var life, ContractLife.Unknown or ContractLife.Active) => life,
            ({ Life: Life.Left } life, _) => life,
            (_, ContractLife.Ended) => (Life.Left, OrderReason.LeaverByContract),
            (_, ContractLife.Between) or ({ Life: Life.Suspended }, _) => (Life.Suspended, OrderReason.Suspension),
            _ => (Life.NotYet, OrderReason.Unknown),
        };

        private (Life Life, OrderReason Cause) LifeOf(ReadOnlySpan<byte> payload)
        {
            var entityType = Model.EntityType;
            if (Model.Status is { } status && ResourcePayload.GetValue(payload, entityType, status.Index) is string value)
            {
                if (Model.LeftStatuses.Contains(value.Trim()))
                {
                    return (Life.Left, OrderReason.LeaverByStatus);
                }

                if (Model.SuspendedStatuses.Contains(value.Trim()))
                {
                    return (Life.Suspended, OrderReason.Suspension);
                }
            }

            if (Model.EndDate is { } end && AfterPlanState.Day(ResourcePayload.GetValue(payload, entityType, end.Index)) is { } last && last < _today.AddDays(-Model.GraceDays))
            {
                return (Life.Left, OrderReason.LeaverByEndDate);
            }

            if (Model.StartDate is { } start && AfterPlanState.Day(ResourcePayload.GetValue(payload, entityType, start.Index)) is { } first && first > _today.AddDays(Model.PreStartDays))
            {
                return (Life.NotYet, OrderReason.Unknown);
            }

            return (Life.Active, OrderReason.Unknown);
        }


        /// <summary>The value of a property as provisioned: for a reference, the identity of the record it points to.</summary>
        private object? Resolved(IdentityPropertyModel property, object? value) => _references is null ? value : _references.ValueOf(property, value);

        /// <summary>The HR values of the selected properties that differ from the identity's.</summary>
        private List<IdentityValueChange> Differences(object?[] values, Identity? identity, Func<IdentityPropertyModel, bool> select)
        {
            var changes = new List<IdentityValueChange>();
            foreach (var property in Model.Properties.Where(p => p.Generator is null).Where(select))
            {
                var current = identity?.GetValue(property.Identity);
                var value = values[property.Source.Index];
                if (!IdentityValues.AreEqual(current, value))
                {
                    changes.Add(new IdentityValueChange(property.Identity, current, value, property.Policy) { IsSensitive = property.Source.IsSensitive });
                }
            }

            return changes;
        }

        private ProvisioningOrder? Order(string key, OrderKind kind, OrderReason reason, string? identityId, List<IdentityValueChange> changes, int generation, byte[]? desired, bool force = false)
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
                return null;
            }

            var connector = _owner._connector.Identifier;
            var entityType = Model.EntityType.Identifier;
            var id = OrderIds.Create(_idScope, key, kind, generation.ToString(CultureInfo.InvariantCulture), changes, null);
            return new ProvisioningOrder(id, connector, entityType, key, kind, identityId, workflow, changes, RunId, _now, null, desired) { Reason = reason };
        }
    }
}
