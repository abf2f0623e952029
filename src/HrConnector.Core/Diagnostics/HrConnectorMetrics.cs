using System.Diagnostics.Metrics;

namespace HrConnector.Diagnostics;

/// <summary>
/// The instruments of the connector on one meter named <see cref="HrConnectorDiagnostics.Name"/>: the static meter by
/// default (<see cref="Default"/>), or one created through the host's <see cref="IMeterFactory"/> when dependency
/// injection provides one, so that the host's metrics pipeline owns it (and tests can isolate it).
/// </summary>
internal sealed class HrConnectorMetrics
{
    public HrConnectorMetrics(Meter meter)
    {
        Meter = meter;
        Runs = meter.CreateCounter<long>(HrConnectorDiagnostics.RunsMetric, "{run}", "Runs of a connector.");
        RunDuration = meter.CreateHistogram<double>(HrConnectorDiagnostics.RunDurationMetric, "s", "Duration of the runs of a connector.");
        Changes = meter.CreateCounter<long>(HrConnectorDiagnostics.ChangesMetric, "{resource}", "Resource changes applied.");
        Rejects = meter.CreateCounter<long>(HrConnectorDiagnostics.RejectsMetric, "{reject}", "Rejected rows.");
        OrdersDispatched = meter.CreateCounter<long>(HrConnectorDiagnostics.OrdersDispatchedMetric, "{order}", "Dispatch attempts of provisioning orders.");
        OrdersExecuted = meter.CreateCounter<long>(HrConnectorDiagnostics.OrdersExecutedMetric, "{order}", "Provisioning orders executed.");
        OrdersErrored = meter.CreateCounter<long>(HrConnectorDiagnostics.OrdersErroredMetric, "{order}", "Provisioning orders failed.");
    }

    /// <summary>Gets the instruments on the static meter, for jobs created without dependency injection (or without an <see cref="IMeterFactory"/>).</summary>
    public static HrConnectorMetrics Default { get; } = new(HrConnectorDiagnostics.Meter);

    public Meter Meter { get; }

    public Counter<long> Runs { get; }

    public Histogram<double> RunDuration { get; }

    public Counter<long> Changes { get; }

    public Counter<long> Rejects { get; }

    public Counter<long> OrdersDispatched { get; }

    public Counter<long> OrdersExecuted { get; }

    public Counter<long> OrdersErrored { get; }

    /// <summary>The instruments of a service provider: on a meter of its <see cref="IMeterFactory"/> when it has one, the static ones otherwise.</summary>
    public static HrConnectorMetrics For(IServiceProvider services)
        => services.GetService(typeof(IMeterFactory)) is IMeterFactory factory
            ? new HrConnectorMetrics(factory.Create(new MeterOptions(HrConnectorDiagnostics.Name) { Version = HrConnectorDiagnostics.Version }))
            : Default;
}
