
namespace HrConnector.Provisioning;

/// <summary>What provisioning decided for a plan, before anything is written.</summary>
internal sealed record ProvisioningDecision(
    IReadOnlyList<ProvisioningOrder> Orders,
    IReadOnlyList<string> Cancelled,
    IReadOnlyDictionary<CorrelationSituation, int> Situations,
    IReadOnlyList<CorrelationCase> Review,
    int Deferred,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Gets the links whose applied fingerprint or inactivity date is brought up to date without an order (written after the commit).</summary>
    public IReadOnlyList<IdentityLink> RefreshedLinks { get; init; } = [];

    /// <summary>Gets the orders that spent their retry budget and are still asked for.</summary>
    public IReadOnlyList<JournalEntry> Stuck { get; init; } = [];

    /// <summary>Gets the number of records whose order in flight is settled before anything else is decided for them.</summary>
    public int Waiting { get; init; }

    /// <summary>Gets the number of deactivated leavers whose delayed delete is not due yet.</summary>
    public int ScheduledDeletes { get; init; }

    /// <summary>Gets the number of records with a reference to a record without an identity (left empty until it has one).</summary>
    public int PendingReferences { get; init; }

    /// <summary>Gets the target of the pending reference of each active record, by the record's key: what a follow-up pass looks at again once this run's orders created identities.</summary>
    public IReadOnlyDictionary<string, string> PendingKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the number of active links before the run (what order percentages are measured against).</summary>
    public int ActiveLinks { get; init; }
}
