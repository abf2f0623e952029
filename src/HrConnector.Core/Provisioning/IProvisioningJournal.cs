namespace HrConnector.Provisioning;

/// <summary>Where an order is in its life.</summary>
public enum OrderState
{
    /// <summary>Written before the resource store commit of its run; becomes <see cref="Pending"/> when the commit succeeds, is discarded when it did not happen.</summary>
    Staged = 0,

    /// <summary>Waiting for its <see cref="ProvisioningOrder.NotBefore"/> time. Runs of this version no longer write it: a delayed delete is derived from the link every run, and the first run of this version replaces a scheduled delete of an older version by that (its delay starts again then).</summary>
    Scheduled,

    /// <summary>To be dispatched (again, when <see cref="JournalEntry.InDoubt"/>: then the host is asked first).</summary>
    Pending,

    /// <summary>Its workflow was started; waiting for the workflow's result.</summary>
    Transmitted,

    /// <summary>Applied by a workflow that says it completed; a later run checks the identity and makes it <see cref="Verified"/>.</summary>
    Executed,

    /// <summary>The host refused it, or it failed for good in this run; the next run issues it again (a new attempt of the same order) while HR still asks for it and <see cref="RetryOptions.MaxFailures"/> is not spent.</summary>
    Errored,

    /// <summary>Done for sure: the repository acknowledged the write (<see cref="ProvisioningTarget.Repository"/>), or a later run saw a workflow's values on the identity.</summary>
    Verified,

    /// <summary>No longer needed: HR no longer asks for it (a joiner who left before being provisioned, a rehire before a delayed delete), or a newer order replaced it.</summary>
    Cancelled,

    /// <summary>Failed <see cref="RetryOptions.MaxFailures"/> times: not issued again until its inputs change or an operator retries it (<see cref="HrConnector.SynchronizationJob.RetryAsync"/>). Listed by the job result and the consistency report.</summary>
    Stuck,
}

/// <summary>An order and where it is.</summary>
public sealed record JournalEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="order">The order.</param>
    /// <param name="state">Where it is.</param>
    /// <param name="attempts">How many times a call to the host was made for it, across runs; an attempt is recorded before the call.</param>
    /// <param name="updatedAt">When the entry last changed.</param>
    /// <param name="handle">The workflow handle, once started.</param>
    /// <param name="error">Why it failed last, without personal data.</param>
    /// <param name="failures">How many times the order failed for good (the host refused it, or its retries in one run were spent); each failure makes the next attempt a new operation (<see cref="OperationId"/>), and <see cref="RetryOptions.MaxFailures"/> failures make it <see cref="OrderState.Stuck"/>.</param>
    /// <param name="inDoubt">Whether the last call may have taken effect although it did not answer (a time-out, a lost connection, an unknown exception): the host is asked before anything is sent again.</param>
    public JournalEntry(ProvisioningOrder order, OrderState state, int attempts, DateTimeOffset updatedAt, string? handle = null, string? error = null, int failures = 0, bool inDoubt = false)
    {
        Order = order;
        State = state;
        Attempts = attempts;
        UpdatedAt = updatedAt;
        Handle = handle;
        Error = error;
        Failures = failures;
        InDoubt = inDoubt;
    }

    /// <summary>Gets the order.</summary>
    public ProvisioningOrder Order { get; init; }

    /// <summary>Gets where it is.</summary>
    public OrderState State { get; init; }

    /// <summary>Gets how many times a call to the host was made for it, across runs; an attempt is recorded before the call.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when the entry last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the workflow handle, once started.</summary>
    public string? Handle { get; init; }

    /// <summary>Gets why it failed last, without personal data.</summary>
    public string? Error { get; init; }

    /// <summary>Gets how many times the order failed for good (the host refused it, or its retries in one run were spent); each failure makes the next attempt a new operation (<see cref="OperationId"/>), and <see cref="RetryOptions.MaxFailures"/> failures make it <see cref="OrderState.Stuck"/>.</summary>
    public int Failures { get; init; }

    /// <summary>Gets a value indicating whether the last call may have taken effect although it did not answer (a time-out, a lost connection, an unknown exception): the host is asked before anything is sent again.</summary>
    public bool InDoubt { get; init; }

    /// <summary>Gets a value indicating whether the order still has work to do (staged, scheduled, pending or transmitted).</summary>
    public bool IsOpen => State is OrderState.Staged or OrderState.Scheduled or OrderState.Pending or OrderState.Transmitted;

    /// <summary>Gets a value indicating whether the order may already have reached the host: its workflow runs, or a call is in doubt.</summary>
    public bool IsUnderway => State == OrderState.Transmitted || (InDoubt && IsOpen);

    /// <summary>
    /// Gets the idempotency key of the current attempt, given to the host (<see cref="IIdentityRepository"/> operation
    /// ids, <see cref="IWorkflowLauncher"/> starts and finds): the order id, suffixed with the number of failures once the
    /// order failed for good, so a workflow the host refused is not found again when the order is tried anew, while a
    /// call in doubt is replayed under the same key.
    /// </summary>
    public string OperationId => Failures == 0 ? Order.Id : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Order.Id}.{Failures}");
}

/// <summary>The link between an HR record and its identity, and what provisioning last applied to it.</summary>
public sealed record IdentityLink
{
    /// <summary>Creates a link.</summary>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="identityId">The identity.</param>
    /// <param name="state">The identity's state as provisioning left it: a deactivated leaver's link stays, so that a rehire reactivates the same identity; the link of a deleted identity stays too (<see cref="IdentityState.Deleted"/>), so that the orders of a later rehire get new ids.</param>
    /// <param name="applied">The fingerprint of the HR values provisioning last applied to the identity (opaque bytes: a hash of the HR record and
    /// one per provisioned property), which every run compares with what HR says now; <see langword="null"/> for a link
    /// written by an older version (the next run takes HR's current values as applied).</param>
    /// <param name="generation">How many orders were executed on the link: part of the id of the next order, so that a change made, undone and made again is a new order each time.</param>
    /// <param name="since">When the identity became inactive (the start of <see cref="LifecycleOptions.DeleteAfterDays"/>), or <see langword="null"/>.</param>
    public IdentityLink(string entityType, string resourceKey, string identityId, IdentityState state, byte[]? applied = null, int generation = 0, DateTimeOffset? since = null)
    {
        EntityType = entityType;
        ResourceKey = resourceKey;
        IdentityId = identityId;
        State = state;
        Applied = applied;
        Generation = generation;
        Since = since;
    }

    /// <summary>Gets the HR entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the key of the HR record.</summary>
    public string ResourceKey { get; init; }

    /// <summary>Gets the identity.</summary>
    public string IdentityId { get; init; }

    /// <summary>Gets the identity's state as provisioning left it: a deactivated leaver's link stays, so that a rehire reactivates the same identity; the link of a deleted identity stays too (<see cref="IdentityState.Deleted"/>), so that the orders of a later rehire get new ids.</summary>
    public IdentityState State { get; init; }

    /// <summary>Gets the fingerprint of the HR values provisioning last applied to the identity (opaque bytes: a hash of the HR record and
    /// one per provisioned property), which every run compares with what HR says now; <see langword="null"/> for a link
    /// written by an older version (the next run takes HR's current values as applied).</summary>
    public byte[]? Applied { get; init; }

    /// <summary>Gets how many orders were executed on the link: part of the id of the next order, so that a change made, undone and made again is a new order each time.</summary>
    public int Generation { get; init; }

    /// <summary>Gets when the identity became inactive (the start of <see cref="LifecycleOptions.DeleteAfterDays"/>), or <see langword="null"/>.</summary>
    public DateTimeOffset? Since { get; init; }
}

/// <summary>Changes to a journal written in one step (one transaction in a database journal): entries, links set, links removed.</summary>
public sealed class JournalBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="connector">The connector.</param>
    public JournalBatch(string connector)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        Connector = connector;
    }

    /// <summary>Gets the connector.</summary>
    public string Connector { get; }

    /// <summary>Gets the new states of entries (matched by <see cref="ProvisioningOrder.Id"/>), written in this order.</summary>
    public IList<JournalEntry> Entries { get; } = [];

    /// <summary>Gets the links to create or replace (matched by entity type and resource key), written after the entries.</summary>
    public IList<IdentityLink> Links { get; } = [];

    /// <summary>Gets the links to remove (entity type, resource key), written last.</summary>
    public IList<(string EntityType, string ResourceKey)> RemovedLinks { get; } = [];

    /// <summary>Gets a value indicating whether the batch holds nothing.</summary>
    public bool IsEmpty => Entries.Count == 0 && Links.Count == 0 && RemovedLinks.Count == 0;
}

/// <summary>
/// The provisioning outbox of a connector: every order is written here before it is dispatched, and every state change
/// is recorded, so a run that crashed or was cancelled resumes without losing an order or dispatching one twice. Also
/// keeps the links between HR records and identities, with what was last applied to each.
/// </summary>
/// <remarks>
/// <para>
/// The protocol a run follows: <see cref="StageAsync"/> its orders and cancellations, commit the resource store,
/// <see cref="ReleaseAsync"/> them; then dispatch the open ones, recording each attempt before calling the host. A run
/// that finds a staged run at start releases it when the resource store holds that run (the commit happened), and
/// discards it otherwise. Stage, release and discard act only on their own run id.
/// </para>
/// <para>
/// Every method must be atomic; implementations must be thread-safe. <see cref="WriteAsync"/> has a default that calls
/// the single-item methods one by one: a database journal should override it with one transaction per batch, which is
/// what makes dispatching a million orders take seconds rather than minutes.
/// </para>
/// </remarks>
public interface IProvisioningJournal
{
    /// <summary>
    /// Writes the orders of a run as <see cref="OrderState.Staged"/>, and the open orders to cancel when the run is
    /// released. Orders whose id is already in the journal are not added again; an entry of that id that is closed
    /// (errored, cancelled) is reopened as a new attempt of the same order, its attempts and failures kept.
    /// </summary>
    /// <param name="connector">The connector.</param>
    /// <param name="runId">The run.</param>
    /// <param name="orders">The orders.</param>
    /// <param name="cancelledOrderIds">Orders to cancel when the run is released (superseded, or no longer asked for by HR).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">Another run's orders are staged: that run must be released or discarded first.</exception>
    Task StageAsync(string connector, string runId, IReadOnlyList<ProvisioningOrder> orders, IReadOnlyCollection<string> cancelledOrderIds, CancellationToken cancellationToken = default);

    /// <summary>Gets the run whose orders are staged, if any.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The run id, or <see langword="null"/>.</returns>
    Task<string?> GetStagedRunAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Makes the staged orders of a run <see cref="OrderState.Pending"/> and cancels the open orders staged for cancellation with them, in one step.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The run has nothing staged.</exception>
    Task ReleaseAsync(string connector, string runId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the staged orders and cancellations of a run whose commit did not happen; does nothing when another run is staged.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task DiscardAsync(string connector, string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads entries, oldest first.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="openOnly">Whether to read only the entries a run still works with: the open ones (<see cref="JournalEntry.IsOpen"/>), the executed ones waiting for verification, the errored and the stuck ones.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<JournalEntry> ReadAsync(string connector, bool openOnly, CancellationToken cancellationToken = default);

    /// <summary>Records a new state of an entry.</summary>
    /// <param name="entry">The entry (matched by <see cref="ProvisioningOrder.Id"/>).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="KeyNotFoundException">The order is not in the journal.</exception>
    Task UpdateAsync(JournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Reads every link of a connector.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The links.</returns>
    IAsyncEnumerable<IdentityLink> ReadLinksAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a link (matched by entity type and resource key).</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task SetLinkAsync(string connector, IdentityLink link, CancellationToken cancellationToken = default);

    /// <summary>Removes a link; removing one that does not exist is not an error.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task RemoveLinkAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a batch: its entries (as <see cref="UpdateAsync"/>), then its links (as <see cref="SetLinkAsync"/>), then
    /// its removed links (as <see cref="RemoveLinkAsync"/>). A database journal does it in one transaction; the default
    /// calls the single-item methods in that order.
    /// </summary>
    /// <param name="batch">The changes.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="KeyNotFoundException">An entry's order is not in the journal.</exception>
    async Task WriteAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var entry in batch.Entries)
        {
            await UpdateAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        foreach (var link in batch.Links)
        {
            await SetLinkAsync(batch.Connector, link, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (entityType, resourceKey) in batch.RemovedLinks)
        {
            await RemoveLinkAsync(batch.Connector, entityType, resourceKey, cancellationToken).ConfigureAwait(false);
        }
    }
}
