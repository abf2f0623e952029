using HrConnector.Synchronization;
using HrConnector.Modeling;

namespace HrConnector.Provisioning;

/// <summary>Checks the orders of a run against <see cref="ProvisioningOptions.Thresholds"/>: counts, and shares of the active links.</summary>
internal static class OrderThresholds
{
    public static IReadOnlyList<OrderThresholdBreach> Check(ProvisioningModel model, ThresholdLimits connector, ProvisioningDecision decision, SynchronizationMode mode)
    {
        if (mode == SynchronizationMode.Initial)
        {
            return [];
        }

        var thresholds = model.Thresholds;
        var breaches = new List<OrderThresholdBreach>();
        var entityType = model.EntityType.Identifier;
        Check(OrderKind.Added, decision.Orders.Count(o => o.Kind is OrderKind.Added or OrderKind.Linked), thresholds.MaxAdded ?? connector.MaxInserted, thresholds.MaxAddedPercent ?? connector.MaxInsertedPercent, "MaxAdded");
        // A reference that follows its target's identity (HR unchanged) is the consequence of an Added, Linked or
        // Deleted order that passed its own threshold: after a first load through approval workflows, every manager
        // resolves in the next run, which must not be Blocked for it.
        Check(OrderKind.Modified, decision.Orders.Count(o => o.Kind == OrderKind.Modified && o.Reason != OrderReason.ReferenceResolved), thresholds.MaxModified ?? connector.MaxUpdated, thresholds.MaxModifiedPercent ?? connector.MaxUpdatedPercent, "MaxModified");
        Check(OrderKind.Deactivated, decision.Orders.Count(o => o.Kind == OrderKind.Deactivated), thresholds.MaxDeactivated ?? connector.MaxDeleted, thresholds.MaxDeactivatedPercent ?? connector.MaxDeletedPercent, "MaxDeactivated");
        Check(OrderKind.Deleted, decision.Orders.Count(o => o.Kind == OrderKind.Deleted), thresholds.MaxDeleted ?? connector.MaxDeleted, thresholds.MaxDeletedPercent ?? connector.MaxDeletedPercent, "MaxDeleted");
        return breaches;

        void Check(OrderKind kind, int count, int max, double maxPercent, string setting)
        {
            // The lowest limit wins; a share is not measured while nothing is linked (a first load).
            if (count == 0)
            {
                return;
            }

            var limits = new List<(long Limit, string Setting)>();
            if (max > 0)
            {
                limits.Add((max, $"Provisioning.Thresholds.{setting}"));
            }

            if (maxPercent > 0 && decision.ActiveLinks > 0)
            {
                limits.Add(((long)Math.Floor(decision.ActiveLinks * maxPercent / 100), $"Provisioning.Thresholds.{setting}Percent"));
            }

            if (limits.Count > 0 && limits.MinBy(l => l.Limit) is var lowest && count > lowest.Limit)
            {
                breaches.Add(new OrderThresholdBreach(entityType, kind, count, lowest.Limit, lowest.Setting));
            }
        }
    }
}
