using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Logging;

namespace HrConnector.Jobs;

/// <summary>The log events of runs, with stable ids (shared with <see cref="Provisioning.ProvisioningLog"/>: one id space). They name connectors, runs, counts and order ids, never HR values or keys.</summary>
internal static partial class JobLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} of connector {Connector} started ({Mode}, preview: {Preview}, force: {Force}).")]
    public static partial void RunStarted(ILogger logger, string connector, string runId, SynchronizationMode mode, bool preview, bool force);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} of connector {Connector} ended {Status} in {ElapsedMs} ms: +{Inserted} ~{Updated} -{Deleted}, {Rejected} rejects, {Orders} orders.")]
    public static partial void RunEnded(ILogger logger, string connector, string runId, JobStatus status, long elapsedMs, long inserted, long updated, long deleted, long rejected, int orders);

    [LoggerMessage(3, LogLevel.Warning, "Run {RunId} of connector {Connector} is blocked for {ReasonCount} reasons (see the job result); nothing was applied.")]
    public static partial void RunBlocked(ILogger logger, string connector, string runId, int reasonCount);

    [LoggerMessage(4, LogLevel.Error, "Run {RunId} of connector {Connector} failed at step {Step} (see the job result).")]
    public static partial void RunFailed(ILogger logger, string connector, string runId, string step);

    [LoggerMessage(5, LogLevel.Warning, "Connector {Connector} is busy: another run is in progress.")]
    public static partial void ConnectorBusy(ILogger logger, string connector);

    [LoggerMessage(6, LogLevel.Information, "Connector {Connector}: the staged orders of run {RunId} were {Outcome} (the previous run stopped between staging and release).")]
    public static partial void StagedRunResolved(ILogger logger, string connector, string runId, string outcome);

    [LoggerMessage(13, LogLevel.Warning, "Connector {Connector}: {Count} orders are stuck (their retry budget is spent); see the job result, then retry them.")]
    public static partial void OrdersStuck(ILogger logger, string connector, int count);

    [LoggerMessage(14, LogLevel.Warning, "Run {RunId} of connector {Connector}: {Count} {Kind} orders exceed the threshold of {Limit} ({Setting}).")]
    public static partial void OrderThresholdExceeded(ILogger logger, string connector, string runId, int count, OrderKind kind, long limit, string setting);

    [LoggerMessage(15, LogLevel.Information, "Connector {Connector}, run {RunId}: {Status} (preview: {Preview}); +{Inserted} ~{Updated} -{Deleted}, {Rejected} rejected rows, {Orders} orders, {Errored} failed, {Stuck} stuck, {MessageCount} messages.")]
    public static partial void RunCompleted(ILogger logger, string connector, string runId, JobStatus status, bool preview, long inserted, long updated, long deleted, long rejected, int orders, int errored, int stuck, int messageCount);

    [LoggerMessage(16, LogLevel.Warning, "Connector {Connector}, run {RunId}: {Status} (preview: {Preview}); +{Inserted} ~{Updated} -{Deleted}, {Rejected} rejected rows, {Orders} orders, {Errored} failed, {Stuck} stuck, {MessageCount} messages: see the job result.")]
    public static partial void RunNeedsAttention(ILogger logger, string connector, string runId, JobStatus status, bool preview, long inserted, long updated, long deleted, long rejected, int orders, int errored, int stuck, int messageCount);

    [LoggerMessage(17, LogLevel.Warning, "Connector {Connector}, run {RunId}: the observer {Observer} failed with {ErrorType}; the run's result stands.")]
    public static partial void ObserverFailed(ILogger logger, string connector, string runId, string observer, string errorType);

    [LoggerMessage(18, LogLevel.Warning, "Connector {Connector}, run {RunId}: the observer {Observer} did not finish within {Timeout}; it is left behind and the run's result stands.")]
    public static partial void ObserverTimedOut(ILogger logger, string connector, string runId, string observer, TimeSpan timeout);
}
