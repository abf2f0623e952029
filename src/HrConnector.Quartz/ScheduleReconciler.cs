using HrConnector.Modeling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace HrConnector.Quartz;

/// <summary>
/// Brings the cron trigger of every connector in line with its options when the host starts, touching a stored
/// trigger only when the schedule it says differs.
/// </summary>
/// <remarks>
/// <para>
/// Quartz's own declared triggers replace the stored ones at every start: the trigger then counts from the start, so a
/// firing missed while every node was down is lost; and replacing it from what was read a moment before (Quartz's
/// <c>ScheduleTriggerRelativeToReplacedTrigger</c>) races with a node that fires it meanwhile, which fires that time a
/// second time. Left as it is, an unchanged stored trigger keeps its next fire time: if that time passed while the
/// nodes were down, the trigger misfires and fires once (<see cref="CronTriggerMisfireInstruction.FireAndProceed"/>).
/// </para>
/// <para>
/// A connector whose schedule changed gets a new trigger counted from now; one whose schedule was removed or
/// disabled loses its stored trigger. Two nodes starting at once may both find no trigger: the second one's
/// <see cref="ObjectAlreadyExistsException"/> sends it back to compare with what the first one stored.
/// </para>
/// </remarks>
internal sealed class ScheduleReconciler(
    ISchedulerFactory schedulers,
    HrConnectorQuartzRegistration registration,
    IOptionsMonitor<ConnectorOptions> options,
    ILogger<ScheduleReconciler> logger) : IHostedService
{
    /// <summary>What a start did with a connector's trigger.</summary>
    internal enum Outcome
    {
        /// <summary>No schedule, and none stored.</summary>
        None,

        /// <summary>The stored trigger says the same schedule: kept with its history.</summary>
        Kept,

        /// <summary>No trigger was stored: one was scheduled.</summary>
        Scheduled,

        /// <summary>The stored trigger said another schedule: replaced, counted from now.</summary>
        Replaced,

        /// <summary>The schedule was removed or disabled: the stored trigger was unscheduled.</summary>
        Removed,
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var connector in registration.Connectors)
        {
            var (outcome, next) = await ReconcileAsync(scheduler, connector, cancellationToken).ConfigureAwait(false);
            if (outcome != Outcome.None)
            {
                Log.ScheduleReconciled(logger, connector, outcome, next);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Brings one connector's trigger in line with its options.</summary>
    /// <returns>What was done, and when the trigger fires next (<see langword="null"/> without one).</returns>
    private async Task<(Outcome Outcome, DateTimeOffset? Next)> ReconcileAsync(IScheduler scheduler, string connector, CancellationToken cancellationToken)
    {
        var key = HrConnectorJobKeys.Trigger(connector);
        var schedule = options.Get(connector).Schedule is { Enabled: true } enabled && !string.IsNullOrWhiteSpace(enabled.Cron) ? enabled : null;
        for (var attempt = 0; ; attempt++)
        {
            var stored = await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false);
            if (schedule is null)
            {
                return (stored is not null && await scheduler.UnscheduleJob(key, cancellationToken).ConfigureAwait(false) ? Outcome.Removed : Outcome.None, null);
            }

            var wanted = Build(connector, schedule);
            if (stored is ICronTrigger cron && SameSchedule(cron, wanted))
            {
                return (Outcome.Kept, cron.NextFireTimeUtc);
            }

            try
            {
                return stored is null
                    ? (Outcome.Scheduled, await scheduler.ScheduleJob(wanted, default, cancellationToken).ConfigureAwait(false))
                    : (Outcome.Replaced, await scheduler.RescheduleJob(key, wanted, cancellationToken).ConfigureAwait(false));
            }
            catch (ObjectAlreadyExistsException) when (attempt == 0)
            {
                // Another node stored it between the read and the write: compare with what it stored.
            }
        }
    }

    /// <summary>Builds the trigger a schedule asks for.</summary>
    private static ICronTrigger Build(string connector, ScheduleOptions schedule)
    {
        var cron = schedule.Cron!.Trim();
        if (QuartzScheduleValidator.CheckCron(connector, cron) is { } error)
        {
            throw new OptionsValidationException(connector, typeof(ConnectorOptions), [error]);
        }

        var timeZone = schedule.ResolveTimeZone();
        return (ICronTrigger)TriggerBuilder.Create()
            .WithIdentity(HrConnectorJobKeys.Trigger(connector))
            .ForJob(HrConnectorJobKeys.Job(connector))
            .WithDescription($"The schedule of the HR connector '{connector}': {cron} ({timeZone.Id}).")
            .WithCronSchedule(cron, builder => builder
                .InTimeZone(timeZone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }

    /// <summary>Whether a stored trigger fires as the wanted one would: same job, cron expression, time zone and misfire policy.</summary>
    private static bool SameSchedule(ICronTrigger stored, ICronTrigger wanted)
        => stored.JobKey.Equals(wanted.JobKey)
            && string.Equals(stored.CronExpressionString, wanted.CronExpressionString, StringComparison.Ordinal)
            && string.Equals(stored.TimeZone.Id, wanted.TimeZone.Id, StringComparison.Ordinal)
            && stored.MisfireInstruction == wanted.MisfireInstruction;
}
