using System.Globalization;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>Checks the changes of an entity type against the thresholds of its connector and its own: the lowest limit wins, 0 is off.</summary>
internal static class Thresholds
{
    public static IReadOnlyList<ThresholdBreach> Check(ThresholdLimits connector, EntityType entityType, long population, long inserts, long updates, long deletes)
    {
        var breaches = new List<ThresholdBreach>();
        Check(ChangeKind.Insert, inserts, l => l.MaxInserted, l => l.MaxInsertedPercent, "MaxInserted");
        Check(ChangeKind.Update, updates, l => l.MaxUpdated, l => l.MaxUpdatedPercent, "MaxUpdated");
        Check(ChangeKind.Delete, deletes, l => l.MaxDeleted, l => l.MaxDeletedPercent, "MaxDeleted");
        return breaches;

        void Check(ChangeKind kind, long count, Func<ThresholdLimits, int> max, Func<ThresholdLimits, double> percent, string name)
        {
            if (count == 0)
            {
                return;
            }

            long? limit = null;
            var setting = string.Empty;
            foreach (var (limits, level) in new[] { (connector, "connector"), (entityType.Thresholds, "entity type") })
            {
                if (limits is null)
                {
                    continue;
                }

                if (max(limits) > 0 && (limit is null || max(limits) < limit))
                {
                    limit = max(limits);
                    setting = string.Create(CultureInfo.InvariantCulture, $"{name} ({level}) = {max(limits)}");
                }

                // A share of an empty store means nothing: the counts still guard a first load.
                if (percent(limits) > 0 && population > 0)
                {
                    var share = (long)Math.Floor(percent(limits) * population / 100.0);
                    if (limit is null || share < limit)
                    {
                        limit = share;
                        setting = string.Create(CultureInfo.InvariantCulture, $"{name}Percent ({level}) = {percent(limits)}% of {population}");
                    }
                }
            }

            if (limit is { } value && count > value)
            {
                breaches.Add(new ThresholdBreach(entityType.Identifier, kind, count, value, setting));
            }
        }
    }
}
