using System.Diagnostics.Metrics;
using HrConnector.Diagnostics;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests.Jobs;

/// <summary>The logging observer of a run.</summary>
[Collection(SharedRunLock.Name)]
[Trait("Category", "Hosting")]
public class LoggingJobObserverTests
{
    [Fact]
    public async Task LoggingJobObserver_BlockedRun_WarnsWithoutHrData()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("LoggedBlocked", o => o.Thresholds.MaxDeleted = 1);
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()) { Observers = [new LoggingJobObserver(factory)] };
        await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3)), SynchronizationMode.Initial));

        var result = await job.RunAsync(Request(connector, People(Row(1))));

        var records = collector.GetSnapshot();
        Assert.Equal([LogLevel.Information, LogLevel.Warning], records.Select(r => r.Level));
        Assert.Equal((16, "RunNeedsAttention"), (records[1].Id.Id, records[1].Id.Name));
        Assert.Equal($"Connector {connector.Identifier}, run {result.RunId}: Blocked (preview: False); +0 ~0 -2, 0 rejected rows, 0 orders, 0 failed, 0 stuck, 1 messages: see the job result.", records[1].Message);
        Assert.All(records, r => AssertNoSecret(r.Message));
    }
}
