using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Jobs;

/// <summary>What a run counts and accepts: the changes and orders it reports, which holds and breaches a request accepts, and the first-load explanation.</summary>
internal sealed partial class JobRun
{
    private void CountChanges(SyncPlan plan)
    {
        foreach (var entityType in plan.EntityTypes)
        {
            var id = entityType.EntityType.Identifier;
            Add(ChangeKind.Insert, entityType.Inserts.Count);
            Add(ChangeKind.Update, entityType.Updates.Count);
            Add(ChangeKind.Delete, entityType.Deletes.Count);
            if (entityType.Rejects.Count > 0)
            {
                _job.Metrics.Rejects.Add(entityType.Rejects.Count, new("hrconnector.connector", Connector), new("hrconnector.entity_type", id));
            }

            void Add(ChangeKind kind, int count)
            {
                if (count > 0)
                {
                    _job.Metrics.Changes.Add(count, new("hrconnector.connector", Connector), new("hrconnector.entity_type", id), new("hrconnector.change_kind", kind.ToString()));
                }
            }
        }
    }

    private void KeepOrderCounts()
    {
        _orderCounts = CountOrders(_decision!.Orders);
        _listedOrders = [.. _decision.Orders.Take(JobResult.MaxListedOrders)];
    }

    private static Dictionary<OrderKind, int> CountOrders(IReadOnlyList<ProvisioningOrder> orders)
    {
        var counts = Enum.GetValues<OrderKind>().ToDictionary(k => k, _ => 0);
        foreach (var order in orders)
        {
            counts[order.Kind]++;
        }

        return counts;
    }

    /// <summary>Whether the request accepts every hold and threshold breach that blocks the plan.</summary>
    private bool Accepts(SyncPlan plan)
    {
        var accepted = _request.Accepted;
        return plan.EntityTypes.All(e =>
            (e.Holds.Count == 0 || _request.AcceptEmptySource)
            && e.Breaches.All(b => accepted.HasFlag(b.Kind switch
            {
                ChangeKind.Insert => AcceptedChanges.Inserts,
                ChangeKind.Update => AcceptedChanges.Updates,
                _ => AcceptedChanges.Deletes,
            })));
    }

    /// <summary>The kind of change whose acceptance covers an order threshold breach.</summary>
    private static AcceptedChanges Covering(OrderKind kind) => kind switch
    {
        OrderKind.Added or OrderKind.Linked => AcceptedChanges.Inserts,
        OrderKind.Modified or OrderKind.Reactivated => AcceptedChanges.Updates,
        OrderKind.Deactivated => AcceptedChanges.Deactivations,
        _ => AcceptedChanges.Deletes,
    };

    /// <summary>The name of a kind of change on the tool's command line (<c>--accept deletes</c>).</summary>
    internal static string AcceptName(AcceptedChanges kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// A first load blocked by thresholds: every threshold is exceeded because the store is empty, which says nothing
    /// about the file. The messages say how to load it (the Initial mode) instead of listing the breaches.
    /// </summary>
    private void ExplainFirstLoad(SyncPlan plan)
    {
        if (plan.Mode != SynchronizationMode.Complete || plan.EntityTypes.Any(e => e.StoredCount > 0 || e.Holds.Count > 0))
        {
            return;
        }

        var breaches = plan.Reasons.ToHashSet(StringComparer.Ordinal);
        _messages.RemoveAll(m => breaches.Contains(m) || m.Contains(" orders exceed the threshold of ", StringComparison.Ordinal));
        _messages.Insert(0, $"The resource store holds nothing yet for connector '{Connector}': this run is a first load, and every threshold is measured against an empty store. Review it with a preview, then run it in the Initial mode (hrconnector sync --initial; JobRequest.Mode = Initial), which loads everything without thresholds.");
    }
}
