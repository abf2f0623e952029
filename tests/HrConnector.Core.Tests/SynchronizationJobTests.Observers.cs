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
}
