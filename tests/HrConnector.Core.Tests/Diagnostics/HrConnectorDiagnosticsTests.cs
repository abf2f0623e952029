using HrConnector.Diagnostics;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Jobs;
using HrConnector.Tests.Synchronization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests.Diagnostics;

/// <summary>Logs, metrics and traces of a job: stable event ids and instrument names, and never an HR value or key.</summary>
public class HrConnectorDiagnosticsTests
{
    private static (ILoggerFactory Factory, FakeLogCollector Collector) Logging()
    {
        var provider = new FakeLoggerProvider();
        return (LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)), provider.Collector);
    }

    private static JobRequest Request(Connector connector, string people, SynchronizationMode mode = SynchronizationMode.Complete, bool preview = false)
        => new() { Snapshot = JobTestKit.Snapshot(connector, people), Mode = mode, PreviewOnly = preview };

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

    [Fact]
    public async Task Metrics_ApplyRun_CountsRunsChangesRejectsAndOrdersWithTheirTags()
    {
        using var recorder = new MeasurementRecorder();
        var connector = Connector("Metrics");
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock());

        var result = await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3, birthDate: "not a date"))));

        var measurements = recorder.Of(connector.Identifier);
        Assert.All(measurements, m => Assert.All(m.Tags.Values, v => AssertNoSecret(v?.ToString())));
        var run = Assert.Single(measurements, m => m.Instrument == HrConnectorDiagnostics.RunsMetric);
        Assert.Equal(1, run.Value);
        Assert.Equal(["hrconnector.connector", "hrconnector.status"], run.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("SucceededWithWarnings", run.Tags["hrconnector.status"]);
        Assert.Equal(result.Status.ToString(), run.Tags["hrconnector.status"]);
        var duration = Assert.Single(measurements, m => m.Instrument == "hrconnector.run.duration");
        Assert.True(duration.Value >= 0);
        Assert.Equal(
            [("Department", "Insert", 2.0), ("Person", "Insert", 2.0)],
            measurements.Where(m => m.Instrument == "hrconnector.changes").Select(m => ((string)m.Tags["hrconnector.entity_type"]!, (string)m.Tags["hrconnector.change_kind"]!, m.Value)).Order());
        var rejects = Assert.Single(measurements, m => m.Instrument == "hrconnector.rejects");
        Assert.Equal((1.0, "Person"), (rejects.Value, rejects.Tags["hrconnector.entity_type"]));
        var executed = measurements.Where(m => m.Instrument == "hrconnector.orders.executed").ToList();
        Assert.Equal(2, executed.Count);
        Assert.All(executed, m => Assert.Equal((1.0, "Added"), (m.Value, m.Tags["hrconnector.order_kind"])));
        Assert.All(executed, m => Assert.Equal(["hrconnector.connector", "hrconnector.order_kind"], m.Tags.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "hrconnector.orders.dispatched"));
        Assert.DoesNotContain(measurements, m => m.Instrument == "hrconnector.orders.errored");
    }

    [Fact]
    public async Task Metrics_FailedOrder_CountsErroredWithItsKind()
    {
        using var recorder = new MeasurementRecorder();
        var connector = Connector("MetricsErrored", o => o.Provisioning!.Retry.MaxAttempts = 1);
        var repository = new InMemoryIdentityRepository();
        var job = new SynchronizationJob(connector, repository: repository, runLock: new InMemoryConnectorRunLock());
        await job.RunAsync(Request(connector, People(Row(1))));
        await repository.DeleteAsync("I000001", "by-hand");

        await job.RunAsync(Request(connector, People(Row(1, firstName: "Renamed"))));

        var errored = Assert.Single(recorder.Of(connector.Identifier), m => m.Instrument == "hrconnector.orders.errored");
        Assert.Equal((1.0, "Modified"), (errored.Value, errored.Tags["hrconnector.order_kind"]));
        Assert.Equal(2, recorder.Of(connector.Identifier).Count(m => m.Instrument == HrConnectorDiagnostics.RunsMetric));
    }

    [Fact]
    public async Task Metrics_Preview_CountsTheRunButNoChange()
    {
        using var recorder = new MeasurementRecorder();
        var connector = Connector("MetricsPreview");

        await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1)), preview: true));

        var measurements = recorder.Of(connector.Identifier);
        Assert.Equal([HrConnectorDiagnostics.RunDurationMetric, HrConnectorDiagnostics.RunsMetric], measurements.Select(m => m.Instrument).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Activities_ApplyRun_RunActivityWithEveryStepAsChild()
    {
        using var recorder = new ActivityRecorder();
        var connector = Connector("Traces");

        var result = await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1), Row(2))));

        var (run, steps) = recorder.RunOf(connector.Identifier);
        Assert.Equal(result.RunId, run.GetTagItem("hrconnector.run_id"));
        Assert.Equal("Succeeded", run.GetTagItem("hrconnector.status"));
        Assert.Equal(HrConnectorDiagnostics.Name, run.Source.Name);
        Assert.Equal(["hrconnector.resume", "hrconnector.read", "hrconnector.plan", "hrconnector.provision", "hrconnector.stage", "hrconnector.commit", "hrconnector.release", "hrconnector.dispatch"], steps.Select(s => s.OperationName));
        Assert.Equal(result.Steps.Select(s => "hrconnector." + s.Step.ToLowerInvariant()), steps.Select(s => s.OperationName));
        Assert.All(recorder.Stopped.Where(a => a.TraceId == run.TraceId), a => Assert.All(a.TagObjects, t => AssertNoSecret(t.Value?.ToString())));
    }

    [Fact]
    public async Task Activities_Preview_HasNoResumeCommitOrDispatchStep()
    {
        using var recorder = new ActivityRecorder();
        var connector = Connector("TracesPreview");

        await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1)), preview: true));

        var (_, steps) = recorder.RunOf(connector.Identifier);
        Assert.Equal(["hrconnector.read", "hrconnector.plan", "hrconnector.provision"], steps.Select(s => s.OperationName));
    }

    [Fact]
    public void Names_AreStable()
    {
        Assert.Equal("HrConnector", HrConnectorDiagnostics.Name);
        Assert.Equal(
            ["hrconnector.runs", "hrconnector.run.duration", "hrconnector.changes", "hrconnector.rejects", "hrconnector.orders.dispatched", "hrconnector.orders.executed", "hrconnector.orders.errored"],
            new[] { HrConnectorDiagnostics.RunsMetric, HrConnectorDiagnostics.RunDurationMetric, HrConnectorDiagnostics.ChangesMetric, HrConnectorDiagnostics.RejectsMetric, HrConnectorDiagnostics.OrdersDispatchedMetric, HrConnectorDiagnostics.OrdersExecutedMetric, HrConnectorDiagnostics.OrdersErroredMetric });
    }
}
