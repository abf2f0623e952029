using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Quartz;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using HrConnector;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs the connectors registered with <c>AddHrConnector</c> on a schedule, with Quartz.NET.</summary>
public static class HrConnectorQuartzServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Quartz scheduler (<c>AddQuartz</c>) with one durable job per connector registered so far (job key:
    /// the connector's name in the group <c>HrConnector</c>) and, for each connector whose options have an enabled
    /// <see cref="ConnectorOptions.Schedule"/>, a cron trigger in the schedule's time zone (trigger key:
    /// <c>&lt;name&gt;.schedule</c>). Also registers <see cref="IHrConnectorScheduler"/> to trigger a run by hand.
    /// The host starts the scheduler, usually with <c>services.AddQuartzHostedService()</c>; the triggers are set when
    /// the host starts (a scheduler used outside a host has the jobs and no trigger).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Misfires: a firing missed by more than the store's misfire threshold (the scheduler was down at 02:00, or a long
    /// run held the job past its next firing) fires once as soon as possible, then the schedule goes on
    /// (<see cref="CronTriggerMisfireInstruction.FireAndProceed"/>): a complete run is idempotent, so one catch-up run
    /// brings the identities up to date without replaying every missed firing.
    /// </para>
    /// <para>
    /// Across a restart, this needs a persistent store: a hosted service this method registers sets the triggers when
    /// the host starts, and leaves a stored trigger whose schedule (cron expression, time zone) is unchanged as it is, so
    /// that a firing missed while every node was down misfires and fires once at start. A changed schedule replaces the
    /// stored trigger and counts from the start (what the old schedule missed is not caught up: trigger a run by hand);
    /// a removed or disabled one removes it. The in-memory store keeps nothing across a restart: a restarted host starts
    /// from the next scheduled time. Starting a node never touches an unchanged trigger, so it cannot make a firing run twice.
    /// </para>
    /// <para>
    /// Jobs do not run concurrently (<see cref="DisallowConcurrentExecutionAttribute"/>); with a clustered persistent
    /// store (<c>q.UsePersistentStore(s => s.UseClustering())</c> in <paramref name="configure"/>), each firing runs on
    /// one node, and a run interrupted by a node's crash is recovered by another. The connector's run lock stays the last
    /// guard (use a cross-process one, such as the SQLite package's, when nodes share a store).
    /// </para>
    /// <para>
    /// A Blocked or Failed run is logged and not retried: the next attempt is the next firing, or
    /// <see cref="IHrConnectorScheduler.TriggerNowAsync"/> after review. The cron syntax of every schedule is checked
    /// when the host starts, with the connectors' other options.
    /// </para>
    /// <para>
    /// The scheduler's shutdown interrupts running jobs (<see cref="ShutdownJobInterruption.Always"/>, unless
    /// <paramref name="configure"/> says otherwise): a run gets Quartz's cancellation token and stops at its next step;
    /// the next run resumes what it left.
    /// </para>
    /// </remarks>
    /// <param name="services">The services, where the connectors are registered already.</param>
    /// <param name="configure">Configures the scheduler (job store, clustering, thread pool, the host's own jobs), or <see langword="null"/> for Quartz's defaults (an in-memory store). Do not call <c>AddQuartz</c> a second time: configure the scheduler here.</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    /// <exception cref="InvalidOperationException">No connector is registered yet, or this method was called already.</exception>
    public static IServiceCollection AddHrConnectorQuartz(this IServiceCollection services, Action<IQuartzBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(HrConnectorQuartzRegistration)))
        {
            throw new InvalidOperationException("AddHrConnectorQuartz was called already: it registers the jobs of every connector registered before it.");
        }

        List<string> connectors = [.. services
            .Where(d => d.ServiceType == typeof(HrConnectorRegistration) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance)
            .OfType<HrConnectorRegistration>()
            .Select(r => r.Name)];
        if (connectors.Count == 0)
        {
            throw new InvalidOperationException("No connector is registered: call AddHrConnector for each connector before AddHrConnectorQuartz.");
        }

        var registration = new HrConnectorQuartzRegistration(connectors);
        services.AddSingleton(registration);
        services.AddSingleton<IValidateOptions<ConnectorOptions>>(new QuartzScheduleValidator(registration));
        services.TryAddSingleton<IHrConnectorScheduler, HrConnectorScheduler>();

        // The triggers: declared to Quartz, they would replace the stored ones at every start (see ScheduleReconciler).
        services.AddHostedService<ScheduleReconciler>();
        services.AddQuartz(quartz =>
        {
            // A run stops cleanly at its next step and the next run resumes it: a shutdown should not wait for a whole
            // run (nor leave it running unawaited). Set before the host's configuration, which may say otherwise.
            quartz.ConfigureScheduler(scheduler => scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always);
            configure?.Invoke(quartz);
            foreach (var connector in connectors)
            {
                AddConnector(quartz, connector);
            }
        });
        return services;
    }

    private static void AddConnector(IQuartzBuilder quartz, string connector)
        => quartz.AddJob<HrConnectorRunJob>(job => job
            .WithIdentity(HrConnectorJobKeys.Job(connector))
            .WithDescription($"Runs the HR connector '{connector}'.")
            .StoreDurably()
            .RequestRecovery());
}
