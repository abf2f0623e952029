using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HrConnector.Diagnostics;

/// <summary>
/// The names under which the connector publishes traces and metrics: subscribe to them with OpenTelemetry
/// (<c>AddSource(HrConnectorDiagnostics.Name)</c>, <c>AddMeter(HrConnectorDiagnostics.Name)</c>) or a
/// <see cref="MeterListener"/>. Tags carry connector, entity type and kinds, never HR values or keys.
/// </summary>
public static class HrConnectorDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>HrConnector</c>.</summary>
    public const string Name = "HrConnector";

    /// <summary>Counter of runs, tagged with connector and status.</summary>
    public const string RunsMetric = "hrconnector.runs";

    /// <summary>Histogram of run durations in seconds, tagged with connector and status.</summary>
    public const string RunDurationMetric = "hrconnector.run.duration";

    /// <summary>Counter of resource changes applied, tagged with connector, entity type and change kind.</summary>
    public const string ChangesMetric = "hrconnector.changes";

    /// <summary>Counter of rejected rows, tagged with connector and entity type.</summary>
    public const string RejectsMetric = "hrconnector.rejects";

    /// <summary>Counter of dispatch attempts of orders, tagged with connector and order kind.</summary>
    public const string OrdersDispatchedMetric = "hrconnector.orders.dispatched";

    /// <summary>Counter of orders executed, tagged with connector and order kind.</summary>
    public const string OrdersExecutedMetric = "hrconnector.orders.executed";

    /// <summary>Counter of orders failed, tagged with connector and order kind.</summary>
    public const string OrdersErroredMetric = "hrconnector.orders.errored";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(HrConnectorDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(HrConnectorDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Runs = Meter.CreateCounter<long>(RunsMetric, "{run}", "Runs of a connector.");

    internal static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(RunDurationMetric, "s", "Duration of the runs of a connector.");

    internal static readonly Counter<long> Changes = Meter.CreateCounter<long>(ChangesMetric, "{resource}", "Resource changes applied.");

    internal static readonly Counter<long> Rejects = Meter.CreateCounter<long>(RejectsMetric, "{reject}", "Rejected rows.");

    internal static readonly Counter<long> OrdersDispatched = Meter.CreateCounter<long>(OrdersDispatchedMetric, "{order}", "Dispatch attempts of provisioning orders.");

    internal static readonly Counter<long> OrdersExecuted = Meter.CreateCounter<long>(OrdersExecutedMetric, "{order}", "Provisioning orders executed.");

    internal static readonly Counter<long> OrdersErrored = Meter.CreateCounter<long>(OrdersErroredMetric, "{order}", "Provisioning orders failed.");
}
