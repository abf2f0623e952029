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

    /// <summary>The version of the assembly, given to the activity source and the meter.</summary>
    internal static readonly string? Version = typeof(HrConnectorDiagnostics).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    /// <summary>The static meter, used when dependency injection provides no <see cref="IMeterFactory"/> (see <see cref="HrConnectorMetrics"/>).</summary>
    internal static readonly Meter Meter = new(Name, Version);
}
