using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>
/// The correlation review of a connector: lists the HR records whose correlation a run could not decide (several
/// candidate identities, or a match below full confidence) and records what a person decides for each. The next run
/// acts on the decision: <see cref="LinkAsync"/> links the record to that identity (and updates it under the ownership
/// policies), <see cref="CreateAsync"/> creates a new identity, <see cref="IgnoreAsync"/> provisions nothing until the
/// decision is cleared (<see cref="ClearAsync"/>).
/// </summary>
/// <remarks>
/// The cases and decisions are kept by the journal, which must implement <see cref="ICorrelationJournal"/>
/// (<see cref="InMemoryProvisioningJournal"/> and the SQLite journal do). Nothing here names a field value.
/// </remarks>
/// <example>
/// <code>
/// var review = job.GetCorrelationReview();   // job: the connector's SynchronizationJob
/// foreach (var item in await review.ListAsync())
/// {
///     Console.WriteLine($"{item.ResourceKey}: {string.Join(", ", item.Case?.Candidates ?? [])}");
/// }
///
/// await review.LinkAsync("P0042", "id-17", decidedBy: "alice");
/// </code>
/// </example>
public sealed class CorrelationReview
{
    private readonly string _connector;
    private readonly IProvisioningJournal _journal;
    private readonly ICorrelationJournal _decisions;
    private readonly IIdentityRepository _repository;
    private readonly IResourceStore _store;
    private readonly TimeProvider _clock;
    private readonly EntityType _entityType;

    /// <summary>Creates the review of a connector on its services (<c>SynchronizationJob.GetCorrelationReview</c>).</summary>
    /// <param name="connector">The connector's identifier.</param>
    /// <param name="provisioning">How the connector provisions identities; <see langword="null"/> fails.</param>
    /// <param name="journal">The provisioning journal; it must implement <see cref="ICorrelationJournal"/>.</param>
    /// <param name="repository">The identity repository.</param>
    /// <param name="store">The resource store.</param>
    /// <param name="clock">The clock that dates decisions.</param>
    /// <exception cref="CorrelationReviewException">The connector provisions nothing, or the journal keeps no decisions.</exception>
    internal CorrelationReview(string connector, ProvisioningModel? provisioning, IProvisioningJournal journal, IIdentityRepository repository, IResourceStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(store);
        _connector = connector;
        _journal = journal;
        _decisions = journal as ICorrelationJournal
            ?? throw new CorrelationReviewException($"The journal ({journal.GetType().Name}) keeps no correlation decisions: it does not implement {nameof(ICorrelationJournal)}.");
        _repository = repository;
        _store = store;
        _clock = clock;
        _entityType = (provisioning ?? throw new CorrelationReviewException($"The connector '{connector}' provisions nothing (no Provisioning settings): there is nothing to review.")).EntityType;
    }

    /// <summary>Gets the HR entity type whose records are provisioned, and so reviewed.</summary>
    public string EntityType => _entityType.Identifier;

    /// <summary>
    /// Lists the open cases of the last run that committed, the decisions the next run has still to act on, and the
    /// ignored records, ordered by key. A Link or Create decision disappears once its record is linked.
    /// </summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The items.</returns>
    public async Task<IReadOnlyList<CorrelationReviewItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var connector = _connector;
        var entityType = _entityType.Identifier;
        var links = await JournalReads.LinksAsync(_journal, connector, entityType, cancellationToken).ConfigureAwait(false);
        var cases = new Dictionary<string, CorrelationCase>(StringComparer.Ordinal);
        await foreach (var found in _decisions.ReadCasesAsync(connector, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(found.EntityType, entityType, StringComparison.OrdinalIgnoreCase))
            {
                cases[found.ResourceKey] = found;
            }
        }

        var items = new Dictionary<string, CorrelationReviewItem>(StringComparer.Ordinal);
        await foreach (var decision in _decisions.ReadDecisionsAsync(connector, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(decision.EntityType, entityType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var linked = links.TryGetValue(decision.ResourceKey, out var link) && link.State != IdentityState.Deleted;
            if (decision.Kind == CorrelationDecisionKind.Ignore || !linked)
            {
                items[decision.ResourceKey] = new CorrelationReviewItem(entityType, decision.ResourceKey, cases.GetValueOrDefault(decision.ResourceKey), decision);
            }
        }

        foreach (var (key, found) in cases)
        {
            items.TryAdd(key, new CorrelationReviewItem(found.EntityType, key, found, null));
        }

        return [.. items.Values.OrderBy(i => i.ResourceKey, StringComparer.Ordinal)];
    }

    /// <summary>Decides that an HR record is the identity given: the next run links them and updates the identity under the ownership policies.</summary>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="identityId">The identity.</param>
    /// <param name="decidedBy">Who decides, for the record, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The decision recorded.</returns>
    /// <exception cref="CorrelationReviewException">The record is unknown or already linked, or the identity is unknown or linked to another record.</exception>
    public async Task<CorrelationDecision> LinkAsync(string resourceKey, string identityId, string? decidedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityId);
        var links = await CheckRecordAsync(resourceKey, cancellationToken).ConfigureAwait(false);
        if (await _repository.GetAsync(identityId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new CorrelationReviewException($"There is no identity '{identityId}' in the identity repository: give the id of one of the candidates.");
        }

        if (links.Values.FirstOrDefault(l => l.State != IdentityState.Deleted && string.Equals(l.IdentityId, identityId, StringComparison.Ordinal)) is { } other)
        {
            throw new CorrelationReviewException($"The identity '{identityId}' is already linked to the record '{other.ResourceKey}' of '{_entityType.Identifier}'.");
        }

        return await DecideAsync(resourceKey, CorrelationDecisionKind.Link, identityId, decidedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides that an HR record gets a new identity: the next run creates it without correlating the record again.</summary>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="decidedBy">Who decides, for the record, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The decision recorded.</returns>
    /// <exception cref="CorrelationReviewException">The record is unknown or already linked.</exception>
    public async Task<CorrelationDecision> CreateAsync(string resourceKey, string? decidedBy = null, CancellationToken cancellationToken = default)
    {
        await CheckRecordAsync(resourceKey, cancellationToken).ConfigureAwait(false);
        return await DecideAsync(resourceKey, CorrelationDecisionKind.Create, null, decidedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides that an HR record is never provisioned, until the decision is cleared; it stays listed as ignored.</summary>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="decidedBy">Who decides, for the record, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The decision recorded.</returns>
    /// <exception cref="CorrelationReviewException">The record is unknown or already linked.</exception>
    public async Task<CorrelationDecision> IgnoreAsync(string resourceKey, string? decidedBy = null, CancellationToken cancellationToken = default)
    {
        await CheckRecordAsync(resourceKey, cancellationToken).ConfigureAwait(false);
        return await DecideAsync(resourceKey, CorrelationDecisionKind.Ignore, null, decidedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears the decision on a record: the next run correlates it again.</summary>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Whether there was a decision.</returns>
    public Task<bool> ClearAsync(string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        return _decisions.RemoveDecisionAsync(_connector, _entityType.Identifier, resourceKey, cancellationToken);
    }

    /// <summary>Reads the decisions of a journal for the provisioning of one entity type, by key (for the job).</summary>
    internal static async Task<Dictionary<string, CorrelationDecision>?> ReadAsync(IProvisioningJournal journal, string connector, string entityType, CancellationToken cancellationToken)
    {
        if (journal is not ICorrelationJournal decisions)
        {
            return null;
        }

        var read = new Dictionary<string, CorrelationDecision>(StringComparer.Ordinal);
        await foreach (var decision in decisions.ReadDecisionsAsync(connector, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(decision.EntityType, entityType, StringComparison.OrdinalIgnoreCase))
            {
                read[decision.ResourceKey] = decision;
            }
        }

        return read;
    }

    private async Task<CorrelationDecision> DecideAsync(string resourceKey, CorrelationDecisionKind kind, string? identityId, string? decidedBy, CancellationToken cancellationToken)
    {
        var decision = new CorrelationDecision(_entityType.Identifier, resourceKey, kind, identityId, _clock.GetUtcNow(), string.IsNullOrWhiteSpace(decidedBy) ? null : decidedBy.Trim());
        await _decisions.SetDecisionAsync(_connector, decision, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>Checks that the record is in the resource store and not linked; returns the links of the entity type.</summary>
    private async Task<Dictionary<string, IdentityLink>> CheckRecordAsync(string resourceKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        var entityType = _entityType.Identifier;
        var found = false;
        await foreach (var stored in _store.ReadAsync(_connector, entityType, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(stored.Key, resourceKey, StringComparison.Ordinal))
            {
                found = true;
                break;
            }
        }

        if (!found)
        {
            throw new CorrelationReviewException($"There is no record '{resourceKey}' of '{entityType}' in the resource store of '{_connector}': check the key (keys are case-sensitive), or run a synchronization first.");
        }

        var links = await JournalReads.LinksAsync(_journal, _connector, entityType, cancellationToken).ConfigureAwait(false);
        if (links.TryGetValue(resourceKey, out var link) && link.State != IdentityState.Deleted)
        {
            throw new CorrelationReviewException($"The record '{resourceKey}' of '{entityType}' is already linked to the identity '{link.IdentityId}': there is nothing to decide.");
        }

        return links;
    }
}
