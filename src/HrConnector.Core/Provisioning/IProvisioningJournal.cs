namespace HrConnector.Provisioning;

/// <summary>Where an order is in its life.</summary>
public enum OrderState
{
    /// <summary>Written before the resource store commit of its run; becomes <see cref="Pending"/> when the commit succeeds, is discarded when it did not happen.</summary>
    Staged = 0,

    /// <summary>Waiting for its <see cref="ProvisioningOrder.NotBefore"/> time (a delayed delete).</summary>
    Scheduled,

    /// <summary>To be dispatched.</summary>
    Pending,

    /// <summary>Its workflow was started; waiting for the workflow's result.</summary>
    Transmitted,

    /// <summary>Applied to the identity.</summary>
    Executed,

    /// <summary>Failed; a later run produces a new order if HR still asks for the change.</summary>
    Errored,

    /// <summary>A later run saw the order's values on the identity.</summary>
    Verified,

    /// <summary>No longer needed (a joiner who left before being provisioned, a rehire before a delayed delete).</summary>
    Cancelled,
}

/// <summary>An order and where it is.</summary>
/// <param name="Order">The order.</param>
/// <param name="State">Where it is.</param>
/// <param name="Attempts">How many times dispatch was attempted; an attempt is recorded before the call, so a <see cref="OrderState.Pending"/> entry with attempts may have reached the host.</param>
/// <param name="UpdatedAt">When the entry last changed.</param>
/// <param name="Handle">The workflow handle, once started.</param>
/// <param name="Error">Why it failed, without personal data.</param>
public sealed record JournalEntry(ProvisioningOrder Order, OrderState State, int Attempts, DateTimeOffset UpdatedAt, string? Handle = null, string? Error = null)
{
    /// <summary>Gets a value indicating whether the order still has work to do (staged, scheduled, pending or transmitted).</summary>
    public bool IsOpen => State is OrderState.Staged or OrderState.Scheduled or OrderState.Pending or OrderState.Transmitted;
}

/// <summary>The link between an HR record and its identity.</summary>
/// <param name="EntityType">The HR entity type.</param>
/// <param name="ResourceKey">The key of the HR record.</param>
/// <param name="IdentityId">The identity.</param>
/// <param name="State">The identity's state as provisioning left it: a deactivated leaver's link stays, so that a rehire reactivates the same identity.</param>
public sealed record IdentityLink(string EntityType, string ResourceKey, string IdentityId, IdentityState State);

/// <summary>
/// The provisioning outbox of a connector: every order is written here before it is dispatched, and every state change
/// is recorded, so a run that crashed or was cancelled resumes without losing an order or dispatching one twice. Also
/// keeps the links between HR records and identities.
/// </summary>
/// <remarks>
/// The protocol a run follows: <see cref="StageAsync"/> its orders, commit the resource store, <see cref="ReleaseAsync"/>
/// them; then dispatch the open ones, recording each attempt with <see cref="UpdateAsync"/> before calling the host. A
/// run that finds a staged run at start releases it when the resource store holds that run (the commit happened), and
/// discards it otherwise. Every method must be atomic; implementations must be thread-safe.
/// </remarks>
public interface IProvisioningJournal
{
    /// <summary>Writes the orders of a run as <see cref="OrderState.Staged"/>, replacing any staged orders of the connector; orders whose id is already in the journal in another state are left as they are.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="runId">The run.</param>
    /// <param name="orders">The orders.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task StageAsync(string connector, string runId, IReadOnlyList<ProvisioningOrder> orders, CancellationToken cancellationToken = default);

    /// <summary>Gets the run whose orders are staged, if any.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The run id, or <see langword="null"/>.</returns>
    Task<string?> GetStagedRunAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Makes the staged orders of a run <see cref="OrderState.Pending"/> (or <see cref="OrderState.Scheduled"/> when they have a <see cref="ProvisioningOrder.NotBefore"/>) and cancels the open orders they supersede.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancelledOrderIds">Open orders to cancel in the same step (a scheduled delete of a rehire).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task ReleaseAsync(string connector, string runId, IReadOnlyCollection<string> cancelledOrderIds, CancellationToken cancellationToken = default);

    /// <summary>Deletes the staged orders of a run whose commit did not happen.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task DiscardAsync(string connector, string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads entries, oldest first.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="openOnly">Whether to read only the open entries (<see cref="JournalEntry.IsOpen"/>) and the executed ones waiting for verification.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<JournalEntry> ReadAsync(string connector, bool openOnly, CancellationToken cancellationToken = default);

    /// <summary>Records a new state of an entry.</summary>
    /// <param name="entry">The entry (matched by <see cref="ProvisioningOrder.Id"/>).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
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
}
