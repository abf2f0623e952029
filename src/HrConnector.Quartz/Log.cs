using HrConnector.Jobs;
using Microsoft.Extensions.Logging;

namespace HrConnector.Quartz;

/// <summary>The log events of scheduled runs, with stable ids. They name connectors and runs, never HR values.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Run {RunId} of connector {Connector} fired by {Trigger} ended {Status}.")]
    public static partial void RunEnded(ILogger logger, string connector, string runId, string trigger, JobStatus status);

    [LoggerMessage(1002, LogLevel.Warning, "Run {RunId} of connector {Connector} fired by {Trigger} is {Status}; nothing more is attempted until the schedule fires again (next: {NextFireTime}) or a run is triggered by hand.")]
    public static partial void RunNotApplied(ILogger logger, string connector, string runId, string trigger, JobStatus status, DateTimeOffset? nextFireTime);

    [LoggerMessage(1003, LogLevel.Warning, "Connector {Connector} fired by {Trigger} is busy: another run holds its run lock (another node, or a run started outside the scheduler). This firing is skipped.")]
    public static partial void RunSkippedBusy(ILogger logger, string connector, string trigger);

    [LoggerMessage(1004, LogLevel.Warning, "Run of connector {Connector} fired by {Trigger} was cancelled (the scheduler is shutting down or the job was interrupted); the next run resumes what it left.")]
    public static partial void RunCancelled(ILogger logger, string connector, string trigger);

    [LoggerMessage(1005, LogLevel.Error, "Run of connector {Connector} fired by {Trigger} could not be started or did not end.")]
    public static partial void RunCrashed(ILogger logger, Exception exception, string connector, string trigger);

    [LoggerMessage(1006, LogLevel.Information, "Run of connector {Connector} triggered by hand.")]
    public static partial void TriggeredByHand(ILogger logger, string connector);

    [LoggerMessage(1007, LogLevel.Information, "The schedule of connector {Connector}: {Outcome} (next firing: {NextFireTime}).")]
    public static partial void ScheduleReconciled(ILogger logger, string connector, ScheduleReconciler.Outcome outcome, DateTimeOffset? nextFireTime);
}
