using System.Diagnostics.Metrics;
using HrConnector.Diagnostics;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests.DependencyInjection;

/// <summary>AddHrConnector gives the job its observers and meter.</summary>
[Collection(SharedRunLock.Name)]
[Trait("Category", "Hosting")]
public class HrConnectorServiceCollectionExtensionsObserversTests
{

    /// <summary>An IMeterFactory as hosts register it (AddMetrics): meters scoped to the factory, disposed with it.</summary>
    internal sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }
        }
    }

    [Fact]
    public async Task AddHrConnector_RegisteredObservers_AreGivenToTheJobBesideTheLoggingOne()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var options = JobTestKit.PeopleOptions("ObservedDi");
        var observer = new RecordingObserver();
        var services = new ServiceCollection();
        services.AddSingleton(factory);
        services.AddSingleton<IJobObserver>(observer);
        services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        await using var provider = services.BuildServiceProvider();
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");

        var result = await job.RunAsync(Request(job.Connector, People(Row(1), Row(2))));

        Assert.Equal(2, job.Observers.Count);
        Assert.Contains(job.Observers, o => o is LoggingJobObserver);
        Assert.Same(result, Assert.Single(observer.Results));
        var line = Assert.Single(collector.GetSnapshot(), r => r.Category == "HrConnector.Jobs.Notifications");
        Assert.Equal((15, "RunCompleted", LogLevel.Information), (line.Id.Id, line.Id.Name, line.Level));
        Assert.Equal($"Connector {options.Identifier}, run {result.RunId}: Succeeded (preview: False); +4 ~0 -0, 0 rejected rows, 2 orders, 0 failed, 0 stuck, 0 messages.", line.Message);
    }

    [Fact]
    public async Task AddHrConnector_WithAnIMeterFactory_RecordsOnItsMeter()
    {
        var options = JobTestKit.PeopleOptions("MeterFactory");
        using var meterFactory = new TestMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(meterFactory);
        services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        await using var provider = services.BuildServiceProvider();
        using var runs = new MetricCollector<long>(meterFactory, HrConnectorDiagnostics.Name, HrConnectorDiagnostics.RunsMetric);
        using var executed = new MetricCollector<long>(meterFactory, HrConnectorDiagnostics.Name, HrConnectorDiagnostics.OrdersExecutedMetric);
        using var changes = new MetricCollector<long>(meterFactory, HrConnectorDiagnostics.Name, HrConnectorDiagnostics.ChangesMetric);
        using var staticRuns = new MetricCollector<long>(HrConnectorDiagnostics.Meter, HrConnectorDiagnostics.RunsMetric);
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");

        await job.RunAsync(Request(job.Connector, People(Row(1), Row(2))));

        var meter = Assert.Single(meterFactory.Meters);
        Assert.Equal(HrConnectorDiagnostics.Name, meter.Name);
        Assert.Same(meter, job.Metrics.Meter);
        Assert.Equal(options.Identifier, Assert.Single(runs.GetMeasurementSnapshot()).Tags["hrconnector.connector"]);
        Assert.Equal(2, executed.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(4, changes.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.DoesNotContain(staticRuns.GetMeasurementSnapshot(), m => Equals(m.Tags["hrconnector.connector"], options.Identifier));
    }

    [Fact]
    public void AddHrConnector_WithoutAnIMeterFactory_UsesTheStaticMeter()
    {
        var options = JobTestKit.PeopleOptions("StaticMeter");
        using var provider = new ServiceCollection().AddHrConnector("HR", o => JobTestKit.CopyTo(options, o)).BuildServiceProvider();

        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");

        Assert.Same(HrConnectorMetrics.Default, job.Metrics);
        Assert.Same(HrConnectorDiagnostics.Meter, job.Metrics.Meter);
    }
}
