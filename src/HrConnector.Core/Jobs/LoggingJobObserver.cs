using HrConnector.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HrConnector.Jobs;

/// <summary>
/// The observer registered by default with <c>AddHrConnector</c>: one line per run, with status, counts and run id, at
/// Information, or Warning when the run was blocked or failed. No HR key or value.
/// </summary>
internal sealed class LoggingJobObserver : IJobObserver
{
    private readonly ILogger _logger;

    public LoggingJobObserver(ILoggerFactory? loggerFactory = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("HrConnector.Jobs.Notifications");
    }

    public Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var provisioning = result.Provisioning;
        var orders = provisioning?.Orders.Values.Sum() ?? 0;
        var errored = provisioning?.Errored ?? 0;
        var stuck = provisioning?.Stuck.Count ?? 0;
        var inserted = result.EntityTypes.Sum(e => e.Inserted);
        var updated = result.EntityTypes.Sum(e => e.Updated);
        var deleted = result.EntityTypes.Sum(e => e.Deleted);
        var rejected = result.EntityTypes.Sum(e => e.Rejected);
        if (result.Status is JobStatus.Blocked or JobStatus.Failed)
        {
            JobLog.RunNeedsAttention(_logger, result.Connector, result.RunId, result.Status, result.Preview, inserted, updated, deleted, rejected, orders, errored, stuck, result.Messages.Count);
        }
        else
        {
            JobLog.RunCompleted(_logger, result.Connector, result.RunId, result.Status, result.Preview, inserted, updated, deleted, rejected, orders, errored, stuck, result.Messages.Count);
        }

        return Task.CompletedTask;
    }
}
