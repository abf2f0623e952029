using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

// The lifecycle: where a person stands today from their record (dates, statuses) and their contracts.
internal sealed partial class Provisioner
{
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

    private sealed partial class Context
    {
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
    }
}
