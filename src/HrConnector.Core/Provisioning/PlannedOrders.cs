using HrConnector.Modeling;

namespace HrConnector.Provisioning;

/// <summary>
/// The provisioning orders a run decided for its plan (<see cref="Jobs.JobResult.PlannedOrders"/>; in the plan's JSON, read back with <c>Connector.ReadPlannedOrders</c>), for review before they are applied:
/// the counts per kind and per reason, always complete, and the orders themselves, the first
/// <see cref="Jobs.JobResult.MaxListedOrders"/> of them, each with its kind, reason, HR key, identity, workflow and
/// changes (old and new values; see <see cref="IdentityValueChange.IsSensitive"/> for the ones to hide).
/// </summary>
public sealed class PlannedOrders
{
    internal PlannedOrders(string entityType, IReadOnlyList<ProvisioningOrder> listed, IReadOnlyDictionary<OrderKind, int> counts, IReadOnlyDictionary<OrderReason, int> reasons)
    {
        EntityType = entityType;
        Listed = listed;
        Counts = counts;
        Reasons = reasons;
    }

    /// <summary>Gets the HR entity type provisioned.</summary>
    public string EntityType { get; }

    /// <summary>Gets the orders, in the order they were decided, at most <see cref="Jobs.JobResult.MaxListedOrders"/>; <see cref="Counts"/> counts them all.</summary>
    public IReadOnlyList<ProvisioningOrder> Listed { get; }

    /// <summary>Gets the number of orders of every kind (each kind present, zero when none), complete even when <see cref="Listed"/> is not.</summary>
    public IReadOnlyDictionary<OrderKind, int> Counts { get; }

    /// <summary>Gets the number of orders per reason (only the reasons of at least one order), complete even when <see cref="Listed"/> is not.</summary>
    public IReadOnlyDictionary<OrderReason, int> Reasons { get; }

    /// <summary>Gets the HR property each identity property is fed from (typing and redaction of the values in JSON), or nothing.</summary>
    internal Func<string, EntityProperty?> SourceOf { get; init; } = static _ => null;

    /// <summary>Gets the number of orders.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>Gets a value indicating whether <see cref="Listed"/> holds every order.</summary>
    public bool IsComplete => Listed.Count >= Total;

    /// <summary>Counts the orders, and keeps the first <paramref name="maxListed"/> of them.</summary>
    internal static PlannedOrders Of(string entityType, IReadOnlyList<ProvisioningOrder> orders, int maxListed, Func<string, EntityProperty?> sourceOf)
    {
        var counts = Enum.GetValues<OrderKind>().ToDictionary(k => k, _ => 0);
        var reasons = new SortedDictionary<OrderReason, int>();
        foreach (var order in orders)
        {
            counts[order.Kind]++;
            reasons[order.Reason] = reasons.GetValueOrDefault(order.Reason) + 1;
        }

        return new PlannedOrders(entityType, [.. orders.Take(maxListed)], counts, new Dictionary<OrderReason, int>(reasons)) { SourceOf = sourceOf };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{EntityType}: {Total} orders ({Listed.Count} listed)";
}
