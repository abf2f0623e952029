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

namespace HrConnector.Tests;

/// <summary>IJobObserver: called after every run with its result, outside the lock, bounded, and never able to fail the run.</summary>
[Collection(SharedRunLock.Name)]
[Trait("Category", "Hosting")]
public class SynchronizationJobObserversTests
{
    private static JobRequest Request(Connector connector, string people, SynchronizationMode mode = SynchronizationMode.Complete)
        => new() { Snapshot = JobTestKit.Snapshot(connector, people), Mode = mode };

    private static (ILoggerFactory Factory, FakeLogCollector Collector) Logging()
    {
        var provider = new FakeLoggerProvider();
        return (LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)), provider.Collector);
    }

    [Fact]
    public async Task RunAsync_Succeeded_EachObserverGetsTheResultAfterTheLockIsReleased()
    {
        var connector = Connector("Observed");
        var runLock = new InMemoryConnectorRunLock();
        var first = new RecordingObserver { RunLock = runLock };
        var second = new RecordingObserver();
        var job = new SynchronizationJob(connector, runLock: runLock) { Observers = [first, second] };

        var result = await job.RunAsync(Request(connector, People(Row(1), Row(2))));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Same(result, Assert.Single(first.Results));
        Assert.Same(result, Assert.Single(second.Results));
        Assert.True(first.LockWasFree);
    }

    [Fact]
    public async Task RunAsync_BlockedAndFailedRuns_AreObservedToo()
    {
        var blockedConnector = Connector("ObservedBlocked", o => o.Thresholds.MaxDeleted = 1);
        var failedConnector = Connector("ObservedFailed", o => o.DanglingReferences = DanglingReferencePolicy.FailRun);
        var observer = new RecordingObserver();
        var blockedJob = new SynchronizationJob(blockedConnector, runLock: new InMemoryConnectorRunLock()) { Observers = [observer] };
        var failedJob = new SynchronizationJob(failedConnector, runLock: new InMemoryConnectorRunLock()) { Observers = [observer] };

        await blockedJob.RunAsync(Request(blockedConnector, People(Row(1), Row(2), Row(3)), SynchronizationMode.Initial));
        var blocked = await blockedJob.RunAsync(Request(blockedConnector, People(Row(1))));
        var failed = await failedJob.RunAsync(Request(failedConnector, People(Row(1, manager: "EMP-SECRET-404"))));

        Assert.Equal([JobStatus.Succeeded, JobStatus.Blocked, JobStatus.Failed], observer.Results.Select(r => r.Status));
        Assert.Same(blocked, observer.Results[1]);
        Assert.Same(failed, observer.Results[2]);
    }

    [Fact]
    public async Task RunAsync_ObserverThrows_TheResultStandsTheOthersAreCalledAndTheFailureIsLogged()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("ObserverThrows");
        var recording = new RecordingObserver();
        var job = new SynchronizationJob(connector, loggerFactory: factory, runLock: new InMemoryConnectorRunLock())
        {
            Observers = [new ThrowingObserver(synchronously: true), new ThrowingObserver(synchronously: false), recording],
        };

        var result = await job.RunAsync(Request(connector, People(Row(1))));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Same(result, Assert.Single(recording.Results));
        var failures = collector.GetSnapshot().Where(r => r.Id.Id == 17).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal(("ObserverFailed", LogLevel.Warning), (f.Id.Name, f.Level)));
        Assert.Equal($"Connector {connector.Identifier}, run {result.RunId}: the observer ThrowingObserver failed with InvalidOperationException; the run's result stands.", failures[0].Message);
        Assert.All(collector.GetSnapshot(), r => AssertNoSecret(r.Message));
    }

    [Fact]
    public async Task RunAsync_ObserverHangsIgnoringItsToken_IsLeftBehindAfterTheTimeout()
    {
        var (factory, collector) = Logging();
        using var _ = factory;
        var connector = Connector("ObserverHangs");
        var hanging = new HangingObserver();
        var recording = new RecordingObserver();
        var job = new SynchronizationJob(connector, loggerFactory: factory, runLock: new InMemoryConnectorRunLock())
        {
            Observers = [hanging, recording],

            // Long enough for the recording observer to be scheduled on a busy machine: every observer shares the bound.
            ObserverTimeout = TimeSpan.FromSeconds(2),
        };

        try
        {
            var result = await job.RunAsync(Request(connector, People(Row(1)))).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(JobStatus.Succeeded, result.Status);
            Assert.Same(result, Assert.Single(recording.Results));
            Assert.True(hanging.Token.IsCancellationRequested);
            var timedOut = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 18);
            Assert.Equal(("ObserverTimedOut", LogLevel.Warning), (timedOut.Id.Name, timedOut.Level));
            Assert.StartsWith($"Connector {connector.Identifier}, run {result.RunId}: the observer HangingObserver did not finish within 00:00:02", timedOut.Message, StringComparison.Ordinal);
        }
        finally
        {
            hanging.Release();
        }
    }

    [Fact]
    public async Task RunAsync_ObserverThatBlocksItsThread_DoesNotHoldTheRun()
    {
        var connector = Connector("ObserverBlocks");
        using var gate = new ManualResetEventSlim();
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock())
        {
            Observers = [new BlockingObserver(gate)],
            ObserverTimeout = TimeSpan.FromMilliseconds(200),
        };

        try
        {
            var result = await job.RunAsync(Request(connector, People(Row(1)))).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(JobStatus.Succeeded, result.Status);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task RunAsync_RunThatThrows_CallsNoObserver()
    {
        var connector = Connector("ObserverCancelled");
        var observer = new RecordingObserver();
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()) { Observers = [observer] };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(Request(connector, People(Row(1))), cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(observer.Results);
    }

    [Fact]
    public void Observers_Defaults_NoneAndThirtySeconds()
    {
        var job = new SynchronizationJob(Connector("ObserverDefaults"));

        Assert.Empty(job.Observers);
        Assert.Equal(TimeSpan.FromSeconds(30), job.ObserverTimeout);
        Assert.Equal(SynchronizationJob.DefaultObserverTimeout, job.ObserverTimeout);
        Assert.Same(HrConnectorMetrics.Default, job.Metrics);
    }

    [Fact]
    public void ObserverTimeout_ZeroOrNegative_Throws()
    {
        var connector = Connector("ObserverTimeout");

        Assert.Throws<ArgumentOutOfRangeException>("value", () => new SynchronizationJob(connector) { ObserverTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>("value", () => new SynchronizationJob(connector) { ObserverTimeout = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentNullException>("value", () => new SynchronizationJob(connector) { Observers = null! });
        Assert.Equal(Timeout.InfiniteTimeSpan, new SynchronizationJob(connector) { ObserverTimeout = Timeout.InfiniteTimeSpan }.ObserverTimeout);
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

    private sealed class RecordingObserver : IJobObserver
    {
        public List<JobResult> Results { get; } = [];

        public InMemoryConnectorRunLock? RunLock { get; init; }

        public bool LockWasFree { get; private set; }

        public async Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
        {
            if (RunLock is not null)
            {
                var handle = await RunLock.TryAcquireAsync(result.Connector, cancellationToken);
                LockWasFree = handle is not null;
                if (handle is not null)
                {
                    await handle.DisposeAsync();
                }
            }

            lock (Results)
            {
                Results.Add(result);
            }
        }
    }

    private sealed class ThrowingObserver(bool synchronously) : IJobObserver
    {
        public Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
            => synchronously ? throw new InvalidOperationException("EMP-SECRET-1 webhook down") : Task.FromException(new InvalidOperationException("EMP-SECRET-1 webhook down"));
    }

    /// <summary>Hangs until released, whatever its token says.</summary>
    private sealed class HangingObserver : IJobObserver
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public void Release() => _release.TrySetResult();

        public Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
        {
            Token = cancellationToken;
            return _release.Task;
        }
    }

    /// <summary>Blocks its thread before returning a task: a synchronous webhook call.</summary>
    private sealed class BlockingObserver(ManualResetEventSlim gate) : IJobObserver
    {
        public Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
        {
            gate.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return Task.CompletedTask;
        }
    }

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
}
