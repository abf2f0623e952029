using System.Globalization;

namespace HrConnector.Provisioning;

/// <summary>What an order does to an identity.</summary>
public enum OrderKind
{
    /// <summary>Creates the identity of a joiner.</summary>
    Added = 0,

    /// <summary>Changes values of an identity (a mover, a correction).</summary>
    Modified,

    /// <summary>Links an HR record to an identity that existed before the HR feed (correlation), correcting its authoritative values.</summary>
    Linked,

    /// <summary>Deactivates the identity of a leaver.</summary>
    Deactivated,

    /// <summary>Reactivates the identity of a rehire.</summary>
    Reactivated,

    /// <summary>Deletes the identity of a leaver.</summary>
    Deleted,
}

/// <summary>Why an order was decided: the lifecycle event or the correction behind it, for review.</summary>
public enum OrderReason
{
    /// <summary>Not recorded: an order built without a reason, or read from a journal written before reasons were kept.</summary>
    Unknown = 0,

    /// <summary>A new person in HR, without an identity: one is created.</summary>
    Joiner,

    /// <summary>A new person in HR whose identity existed before the HR feed: the record is linked to it (<see cref="OrderKind.Linked"/>).</summary>
    Correlation,

    /// <summary>HR changed provisioned values of a person (their record in this run, or their current contract).</summary>
    Mover,

    /// <summary>
    /// The identity differs from what HR says without a change of HR in this run: an authoritative property edited by
    /// hand on the identity, or an earlier order that was lost or cancelled.
    /// </summary>
    DriftCorrection,

    /// <summary>A leaver: the person's record is gone from the HR file.</summary>
    LeaverMissingFromFile,

    /// <summary>A leaver: the person's end date is past (after its grace days).</summary>
    LeaverByEndDate,

    /// <summary>A leaver: the person's status is one of the left statuses.</summary>
    LeaverByStatus,

    /// <summary>A leaver: every contract of the person ended (or they have none left).</summary>
    LeaverByContract,

    /// <summary>A person away for a while (a suspended status, or between two contracts): deactivated, not deleted.</summary>
    Suspension,

    /// <summary>A person back from a suspension: the identity is reactivated.</summary>
    Reactivation,

    /// <summary>A person who had left is back in HR: their identity is reactivated, or a new one created after a delete.</summary>
    Rehire,

    /// <summary>The delayed delete of a deactivated leaver is due (<see cref="LifecycleOptions.DeleteAfterDays"/>).</summary>
    DeleteDue,

    /// <summary>The order is issued again after it failed in an earlier run.</summary>
    Retry,

    /// <summary>A leaver: the person's record left the provisioning scope (<see cref="ProvisioningOptions.Scope"/>).</summary>
    LeaverOutOfScope,

    /// <summary>
    /// A reference to another identity (<see cref="IdentityReference.IdentityId"/>) follows its target's identity, HR
    /// unchanged: set once the target has one (a manager created in the same run as their report — by a follow-up order
    /// of that run —, or later), pointed to a re-created one, or emptied when the target's identity is deleted.
    /// </summary>
    ReferenceResolved,
}

/// <summary>One value an order sets on an identity.</summary>
public sealed record IdentityValueChange
{
    /// <summary>Creates a value change.</summary>
    /// <param name="property">The identity property.</param>
    /// <param name="oldValue">The value before: HR's previous value for an HR change, the identity's value for a correction.</param>
    /// <param name="newValue">The value to set.</param>
    /// <param name="policy">The ownership policy that allowed the change.</param>
    public IdentityValueChange(string property, object? oldValue, object? newValue, OwnershipPolicy policy)
    {
        Property = property;
        OldValue = oldValue;
        NewValue = newValue;
        Policy = policy;
    }

    /// <summary>Gets the identity property.</summary>
    public string Property { get; init; }

    /// <summary>Gets the value before: HR's previous value for an HR change, the identity's value for a correction.</summary>
    public object? OldValue { get; init; }

    /// <summary>Gets the value to set.</summary>
    public object? NewValue { get; init; }

    /// <summary>Gets the ownership policy that allowed the change.</summary>
    public OwnershipPolicy Policy { get; init; }

    /// <summary>
    /// Gets a value indicating whether the values are personal data to hide from review (<c>***</c>): the HR property the
    /// identity property is fed from is sensitive (<see cref="Modeling.EntityProperty.IsSensitive"/>).
    /// </summary>
    /// <value>Set by the run that decides the order; <see langword="false"/> on changes built by hand or read from a journal.</value>
    public bool IsSensitive { get; init; }
}

/// <summary>
/// A change to one identity, caused by HR: the unit of provisioning. Its <see cref="Id"/> is deterministic — the same
/// change computed twice against the same stored state has the same id — so the journal never holds it twice and the
/// repository or the workflow engine can use it as an idempotency key.
/// </summary>
public sealed class ProvisioningOrder
{
    /// <summary>Creates an order.</summary>
    /// <param name="id">The deterministic id.</param>
    /// <param name="connector">The connector.</param>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="kind">What the order does.</param>
    /// <param name="identityId">The identity, when known (not for <see cref="OrderKind.Added"/>).</param>
    /// <param name="workflow">The workflow to start, when provisioning goes through workflows.</param>
    /// <param name="changes">The values to set.</param>
    /// <param name="runId">The run that produced the order.</param>
    /// <param name="createdAt">When the order was produced.</param>
    /// <param name="notBefore">The earliest time to dispatch it (a delayed delete), or <see langword="null"/>.</param>
    /// <param name="desired">The fingerprint of the HR values the order brings its identity to (see <see cref="IdentityLink.Applied"/>), written on the link when the order is executed; <see langword="null"/> when it changes no value.</param>
    public ProvisioningOrder(string id, string connector, string entityType, string resourceKey, OrderKind kind, string? identityId, string? workflow, IReadOnlyList<IdentityValueChange> changes, string runId, DateTimeOffset createdAt, DateTimeOffset? notBefore = null, byte[]? desired = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        ArgumentNullException.ThrowIfNull(changes);
        Id = id;
        Connector = connector;
        EntityType = entityType;
        ResourceKey = resourceKey;
        Kind = kind;
        IdentityId = identityId;
        Workflow = workflow;
        Changes = changes;
        RunId = runId;
        CreatedAt = createdAt;
        NotBefore = notBefore;
        Desired = desired;
    }

    /// <summary>Gets the deterministic id of the order.</summary>
    public string Id { get; }

    /// <summary>Gets the connector.</summary>
    public string Connector { get; }

    /// <summary>Gets the HR entity type.</summary>
    public string EntityType { get; }

    /// <summary>Gets the key of the HR record.</summary>
    public string ResourceKey { get; }

    /// <summary>Gets what the order does.</summary>
    public OrderKind Kind { get; }

    /// <summary>Gets the identity, or <see langword="null"/> when it is not known yet (a joiner's identity before its onboarding completed).</summary>
    public string? IdentityId { get; }

    /// <summary>Gets the workflow to start, or <see langword="null"/> when provisioning goes straight to the repository.</summary>
    public string? Workflow { get; }

    /// <summary>Gets the values to set (every provisioned value for <see cref="OrderKind.Added"/>; none for a deactivation or a delete).</summary>
    public IReadOnlyList<IdentityValueChange> Changes { get; }

    /// <summary>Gets the run that produced the order.</summary>
    public string RunId { get; }

    /// <summary>Gets when the order was produced.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the earliest time to dispatch the order, or <see langword="null"/>.</summary>
    public DateTimeOffset? NotBefore { get; }

    /// <summary>Gets the fingerprint of the HR values the order brings its identity to (opaque bytes, see <see cref="IdentityLink.Applied"/>), or <see langword="null"/>.</summary>
    public byte[]? Desired { get; }

    /// <summary>Gets why the order was decided (a joiner, a mover, a leaver by end date, a retry…), for review; not part of <see cref="Id"/>.</summary>
    /// <value>Set by the run that decides the order; <see cref="OrderReason.Unknown"/> on orders built without one.</value>
    public OrderReason Reason { get; init; }

    /// <summary>Gets the order with the identity set.</summary>
    /// <param name="identityId">The identity.</param>
    /// <returns>A copy.</returns>
    public ProvisioningOrder WithIdentity(string identityId)
        => new(Id, Connector, EntityType, ResourceKey, Kind, identityId, Workflow, Changes, RunId, CreatedAt, NotBefore, Desired) { Reason = Reason };

    /// <summary>Gets the order with another reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>A copy.</returns>
    internal ProvisioningOrder WithReason(OrderReason reason)
        => new(Id, Connector, EntityType, ResourceKey, Kind, IdentityId, Workflow, Changes, RunId, CreatedAt, NotBefore, Desired) { Reason = reason };

    /// <summary>Gets the values to set, keyed by identity property.</summary>
    /// <returns>A new dictionary (case-insensitive keys).</returns>
    public IReadOnlyDictionary<string, object?> GetValues()
    {
        var values = new Dictionary<string, object?>(Changes.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var change in Changes)
        {
            values[change.Property] = change.NewValue;
        }

        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {EntityType}:{ResourceKey} ({Id})");
}
