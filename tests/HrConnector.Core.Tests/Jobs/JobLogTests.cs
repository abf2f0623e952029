using HrConnector.Diagnostics;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Diagnostics;
using HrConnector.Tests.Synchronization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests.Jobs;

/// <summary>The logs of a run: stable event ids, no HR data.</summary>
public class JobLogTests
{

    private static void AssertNoLeak(FakeLogRecord record)
    {
        AssertNoSecret(record.Message);
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            AssertNoSecret(key);
            AssertNoSecret(value);
        }

        AssertNoSecret(record.Exception?.Message);
    }

    [Fact]
    public async Task Logs_RunsWithOrders_HaveStableEventIdsAndNoHrData()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("Logs");
        var job = new SynchronizationJob(connector, loggerFactory: factory, runLock: new InMemoryConnectorRunLock());

        var first = await job.RunAsync(Request(connector, People(Row(1), Row(2))));
        var second = await job.RunAsync(Request(connector, People(Row(1, firstName: "Zoë-Secret-Renamed"))));

        var records = collector.GetSnapshot();
        Assert.All(records, AssertNoLeak);
        Assert.All(records, r => Assert.Equal("HrConnector.Jobs.SynchronizationJob", r.Category));
        Assert.Equal(
            [
                (1, "RunStarted", LogLevel.Information),
                (7, "OrderExecuted", LogLevel.Debug),
                (7, "OrderExecuted", LogLevel.Debug),
                (2, "RunEnded", LogLevel.Information),
                (1, "RunStarted", LogLevel.Information),
                (7, "OrderExecuted", LogLevel.Debug),
                (7, "OrderExecuted", LogLevel.Debug),
                (2, "RunEnded", LogLevel.Information),
            ],
            records.Select(r => (r.Id.Id, r.Id.Name, r.Level)));
        Assert.Equal($"Run {first.RunId} of connector {connector.Identifier} started (Complete, preview: False, force: False).", records[0].Message);
        Assert.Equal($"Order {first.Orders[0].Id} (Added) executed.", records[1].Message);
        Assert.StartsWith($"Run {first.RunId} of connector {connector.Identifier} ended Succeeded in ", records[3].Message, StringComparison.Ordinal);
        Assert.EndsWith(" ms: +4 ~0 -0, 0 rejects, 2 orders.", records[3].Message, StringComparison.Ordinal);
        Assert.Equal([OrderKind.Modified, OrderKind.Deactivated], second.Orders.Select(o => o.Kind));
        Assert.Equal($"Order {second.Orders[1].Id} (Deactivated) executed.", records[6].Message);
    }

    [Fact]
    public async Task Logs_BlockedRun_WarnsWithEventId3AndNoHrData()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("Blocked", o => o.Thresholds.MaxDeleted = 1);
        var job = new SynchronizationJob(connector, loggerFactory: factory, runLock: new InMemoryConnectorRunLock());
        await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3)), SynchronizationMode.Initial));

        var result = await job.RunAsync(Request(connector, People(Row(1))));

        Assert.Equal(JobStatus.Blocked, result.Status);
        var blocked = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 3);
        Assert.Equal(("RunBlocked", LogLevel.Warning), (blocked.Id.Name, blocked.Level));
        Assert.Equal($"Run {result.RunId} of connector {connector.Identifier} is blocked for 1 reasons (see the job result); nothing was applied.", blocked.Message);
        Assert.All(collector.GetSnapshot(), AssertNoLeak);
    }

    [Fact]
    public async Task Logs_FailedPlan_ErrorWithEventId4()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("FailedPlan", o => o.DanglingReferences = DanglingReferencePolicy.FailRun);
        var job = new SynchronizationJob(connector, loggerFactory: factory, runLock: new InMemoryConnectorRunLock());

        var result = await job.RunAsync(Request(connector, People(Row(1, manager: "EMP-SECRET-404"))));

        Assert.Equal(JobStatus.Failed, result.Status);
        var failed = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 4);
        Assert.Equal(("RunFailed", LogLevel.Error), (failed.Id.Name, failed.Level));
        Assert.Equal($"Run {result.RunId} of connector {connector.Identifier} failed at step Plan (see the job result).", failed.Message);
        Assert.Equal([(1, "RunStarted"), (4, "RunFailed"), (2, "RunEnded")], collector.GetSnapshot().Select(r => (r.Id.Id, r.Id.Name!)));
    }

    [Fact]
    public async Task Logs_BusyConnector_WarnsWithEventId5()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("BusyLog");
        var runLock = new InMemoryConnectorRunLock();
        await using var held = await runLock.TryAcquireAsync(connector.Identifier);

        await Assert.ThrowsAsync<ConnectorBusyException>(() => new SynchronizationJob(connector, loggerFactory: factory, runLock: runLock).RunAsync(Request(connector, People(Row(1)))));

        var busy = Assert.Single(collector.GetSnapshot());
        Assert.Equal((5, "ConnectorBusy", LogLevel.Warning), (busy.Id.Id, busy.Id.Name, busy.Level));
        Assert.Equal($"Connector {connector.Identifier} is busy: another run is in progress.", busy.Message);
    }

    [Fact]
    public async Task Logs_StagedRunLeftBehind_InformsWithEventId6()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("Staged");
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(connector.Identifier, "crashed-run", [], []);

        await new SynchronizationJob(connector, journal: journal, loggerFactory: factory, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1))));

        var resolved = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 6);
        Assert.Equal(("StagedRunResolved", LogLevel.Information), (resolved.Id.Name, resolved.Level));
        Assert.Equal($"Connector {connector.Identifier}: the staged orders of run crashed-run were discarded (the previous run stopped between staging and release).", resolved.Message);
    }

    [Fact]
    public async Task Logs_RetriedAndFailedOrders_UseEventIds9To11AndNoHrData()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("Failing", o => { o.Provisioning!.MaxErrors = 1; o.Provisioning.Retry.MaxAttempts = 2; });
        var repository = new Mock<IIdentityRepository>();
        repository.Setup(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TransientProvisioningException("The directory is busy."));
        repository.Setup(r => r.FindAsync(It.IsAny<IdentityQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var result = await new SynchronizationJob(connector, repository: repository.Object, loggerFactory: factory, runLock: new InMemoryConnectorRunLock())
            .RunAsync(Request(connector, People(Row(1), Row(2))));

        Assert.Equal(JobStatus.Failed, result.Status);
        var records = collector.GetSnapshot();
        Assert.All(records, AssertNoLeak);
        Assert.Equal(
            [(1, "RunStarted"), (9, "OrderRetry"), (10, "OrderFailed"), (11, "DispatchStopped"), (4, "RunFailed"), (2, "RunEnded")],
            records.Select(r => (r.Id.Id, r.Id.Name!)));
        var order = result.Orders[0].Id;
        Assert.Equal($"Order {order} (Added) failed on attempt 1 with TransientProvisioningException; retrying in 00:00:00.", records[1].Message);
        Assert.Equal(LogLevel.Warning, records[1].Level);
        Assert.Equal($"Order {order} (Added) failed after 2 attempts.", records[2].Message);
        Assert.Equal(LogLevel.Error, records[2].Level);
        Assert.Equal($"Connector {connector.Identifier}: dispatch stopped after 1 failed orders (MaxErrors); the other orders wait for the next run.", records[3].Message);
    }
}
