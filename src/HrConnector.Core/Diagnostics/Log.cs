using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Logging;

namespace HrConnector.Diagnostics;

/// <summary>The log events of the connector, with stable ids. They name connectors, runs, counts and order ids, never HR values or keys.</summary>
internal static partial class Log
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

    [LoggerMessage(7, LogLevel.Debug, "Order {OrderId} ({Kind}) executed.")]
    public static partial void OrderExecuted(ILogger logger, string orderId, OrderKind kind);

    [LoggerMessage(8, LogLevel.Debug, "Order {OrderId} ({Kind}) transmitted to its workflow.")]
    public static partial void OrderTransmitted(ILogger logger, string orderId, OrderKind kind);

    [LoggerMessage(9, LogLevel.Warning, "Order {OrderId} ({Kind}) failed on attempt {Attempt} with {ErrorType}; retrying in {Delay}.")]
    public static partial void OrderRetry(ILogger logger, string orderId, OrderKind kind, int attempt, string errorType, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Error, "Order {OrderId} ({Kind}) failed after {Attempts} attempts.")]
    public static partial void OrderFailed(ILogger logger, string orderId, OrderKind kind, int attempts);

    [LoggerMessage(11, LogLevel.Error, "Connector {Connector}: dispatch stopped after {Errors} failed orders (MaxErrors); the other orders wait for the next run.")]
    public static partial void DispatchStopped(ILogger logger, string connector, int errors);

    [LoggerMessage(12, LogLevel.Warning, "Connector {Connector}: executed orders could not be verified ({ErrorType}); they are verified by a later run.")]
    public static partial void VerificationFailed(ILogger logger, string connector, string errorType);

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
