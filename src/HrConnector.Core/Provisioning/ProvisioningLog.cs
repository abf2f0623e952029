using Microsoft.Extensions.Logging;

namespace HrConnector.Provisioning;

/// <summary>The log events of order dispatch, with stable ids (shared with <see cref="Jobs.JobLog"/>: one id space). They name connectors and order ids, never HR values or keys.</summary>
internal static partial class ProvisioningLog
{
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
}
