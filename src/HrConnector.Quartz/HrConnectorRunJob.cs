using HrConnector.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;
using HrConnector.Modeling;

namespace HrConnector.Quartz;

/// <summary>
/// The Quartz job of a connector (its <see cref="JobKey"/> name is the connector's registered name): one
/// <see cref="SynchronizationJob.RunAsync"/> with <see cref="JobRequest.Apply"/> per firing.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="DisallowConcurrentExecutionAttribute"/>: a firing that comes due while a run of the same connector is in
/// progress on this scheduler (or, clustered, on any node) waits for it to end. The connector's run lock stays the last
/// guard: a run started outside the scheduler makes the firing end with <see cref="ConnectorBusyException"/>, logged
/// and skipped.
/// </para>
/// <para>
/// A Blocked or Failed run is logged and the job returns normally: nothing is refired, so the next attempt is the next
/// firing of the schedule (or a run triggered by hand after review), never a loop. Quartz's cancellation token is
/// passed to the run, so a scheduler shutdown stops it at the next step; the next run resumes what it left.
/// </para>
/// </remarks>
[DisallowConcurrentExecution]
internal sealed class HrConnectorRunJob : IJob
{
    private readonly ISynchronizationJobFactory _factory;
    private readonly ILogger _logger;

    public HrConnectorRunJob(ISynchronizationJobFactory factory, ILogger<HrConnectorRunJob> logger)
    {
        _factory = factory;
        _logger = logger;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connector = context.JobDetail.Key.Name;
        var trigger = context.Trigger.Key.ToString();
        try
        {
            var job = _factory.Create(connector);
            var result = await job.RunAsync(JobRequest.Apply, new QuartzProgress(context), cancellationToken).ConfigureAwait(false);
            context.Result = result.Status;
            if (result.Status is JobStatus.Blocked or JobStatus.Failed)
            {
                Log.RunNotApplied(_logger, connector, result.RunId, trigger, result.Status, context.NextFireTimeUtc);
            }
            else
            {
                Log.RunEnded(_logger, connector, result.RunId, trigger, result.Status);
            }
        }
        catch (ConnectorBusyException)
        {
            Log.RunSkippedBusy(_logger, connector, trigger);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.RunCancelled(_logger, connector, trigger);
        }
        catch (Exception exception)
        {
            // Quartz records the firing as failed; it is not refired (no RefireImmediately): the next firing tries again.
            Log.RunCrashed(_logger, exception, connector, trigger);
            throw new JobExecutionException($"The run of connector '{connector}' could not be started or did not end: {exception.Message}", exception);
        }
    }

    /// <summary>Shows the step of the run where Quartz shows a firing's progress (the percentage when the step's total is known).</summary>
    private sealed class QuartzProgress(IJobExecutionContext context) : IProgress<JobProgress>
    {
        public void Report(JobProgress value)
        {
            var percent = value.Total is > 0 and var total ? (int)Math.Clamp(value.Completed * 100 / total, 0, 100) : 0;
            context.ReportProgress(percent, value.Step.ToString());
        }
    }
}
