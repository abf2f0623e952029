using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Tests.Jobs;
using HrConnector.Tests.Synchronization;
using Moq;
using static HrConnector.Tests.Jobs.JobTestKit;

namespace HrConnector.Tests;

/// <summary>One run per connector: SynchronizationJob.RunAsync on top of the run lock.</summary>
public class SynchronizationJobRunLockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_SecondRunOfTheSameConnector_ThrowsConnectorBusyException()
    {
        var connector = People("Busy");
        var runLock = new InMemoryConnectorRunLock();
        var store = new GatedStore(open: false);
        var first = new SynchronizationJob(connector, store, runLock: runLock);
        var second = new SynchronizationJob(connector, new HrConnector.Synchronization.InMemoryResourceStore(), runLock: runLock);

        var running = first.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)));
        await store.Entered.WaitAsync(Timeout);
        var exception = await Assert.ThrowsAsync<ConnectorBusyException>(() => second.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3))));
        store.Open();
        var result = await running.WaitAsync(Timeout);

        Assert.Equal(connector.Identifier, exception.Connector);
        Assert.Equal($"A run of the connector '{connector.Identifier}' is already in progress; wait for it to end (only one run per connector at a time).", exception.Message);
        Assert.Equal(JobStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task RunAsync_SameJobTwiceConcurrently_ThrowsConnectorBusyException()
    {
        var connector = People("BusySameJob", provisioning: false);
        var store = new GatedStore(open: false);
        var job = new SynchronizationJob(connector, store, runLock: new InMemoryConnectorRunLock());

        var running = job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)));
        await store.Entered.WaitAsync(Timeout);
        await Assert.ThrowsAsync<ConnectorBusyException>(() => job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3))));
        store.Open();

        Assert.Equal(JobStatus.Succeeded, (await running.WaitAsync(Timeout)).Status);
    }

    [Fact]
    public async Task RunAsync_DefaultLock_IsSharedByJobsOfTheSameConnector()
    {
        var connector = People("BusyShared", provisioning: false);
        var store = new GatedStore(open: false);
        var first = new SynchronizationJob(connector, store);

        var running = first.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)));
        await store.Entered.WaitAsync(Timeout);
        await Assert.ThrowsAsync<ConnectorBusyException>(() => new SynchronizationJob(connector).RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3))));
        store.Open();
        await running.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RunAsync_OtherConnectorWhileOneRuns_IsNotBlocked()
    {
        var busy = People("Busy");
        var other = People("Other");
        var runLock = new InMemoryConnectorRunLock();
        var store = new GatedStore(open: false);
        var running = new SynchronizationJob(busy, store, runLock: runLock).RunAsync(Request(busy, SyncTestKit.PeopleRange(1, 3)));
        await store.Entered.WaitAsync(Timeout);

        var result = await new SynchronizationJob(other, runLock: runLock).RunAsync(Request(other, SyncTestKit.PeopleRange(1, 3)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.False(running.IsCompleted);
        store.Open();
        await running.WaitAsync(Timeout);
    }

    [Fact]
    public async Task RunAsync_AfterARun_TheLockIsReleased()
    {
        var connector = People("Released");
        var runLock = new InMemoryConnectorRunLock();
        var job = new SynchronizationJob(connector, runLock: runLock);

        var first = await job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)));
        var second = await job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 4)));

        Assert.Equal(JobStatus.Succeeded, first.Status);
        Assert.Equal(JobStatus.Succeeded, second.Status);
        await using var handle = await runLock.TryAcquireAsync(connector.Identifier);
        Assert.NotNull(handle);
    }

    [Fact]
    public async Task RunAsync_AfterAFailedRun_TheLockIsReleased()
    {
        var connector = People("Failed");
        var runLock = new InMemoryConnectorRunLock();
        var job = new SynchronizationJob(connector, new GatedStore(commitFailures: 1), runLock: runLock);

        await Assert.ThrowsAsync<IOException>(() => job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3))));
        var retry = await job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)));

        Assert.Equal(JobStatus.Succeeded, retry.Status);
        Assert.Equal(3, retry.Provisioning!.Executed);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeItStarts_ReleasesTheLock()
    {
        var connector = People("Cancelled");
        var runLock = new InMemoryConnectorRunLock();
        var job = new SynchronizationJob(connector, runLock: runLock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)), cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(JobStatus.Succeeded, (await job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)))).Status);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileItRuns_ReleasesTheLock()
    {
        var connector = People("CancelledMidway");
        var runLock = new InMemoryConnectorRunLock();
        var store = new GatedStore(open: false);
        var job = new SynchronizationJob(connector, store, runLock: runLock);
        using var cancellation = new CancellationTokenSource();

        var running = job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)), cancellationToken: cancellation.Token);
        await store.Entered.WaitAsync(Timeout);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Timeout));
        store.Open();

        Assert.Equal(JobStatus.Succeeded, (await job.RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)))).Status);
    }

    [Fact]
    public async Task RunAsync_LockNotGranted_ThrowsConnectorBusyExceptionAndTouchesNothing()
    {
        var connector = People("Denied");
        var runLock = new Moq.Mock<IConnectorRunLock>();
        runLock.Setup(l => l.TryAcquireAsync(connector.Identifier, Moq.It.IsAny<CancellationToken>())).Returns(Task.FromResult<IAsyncDisposable?>(null));
        var store = new Moq.Mock<HrConnector.Synchronization.IResourceStore>(Moq.MockBehavior.Strict);
        var repository = new Moq.Mock<IIdentityRepository>(Moq.MockBehavior.Strict);
        var journal = new Moq.Mock<IProvisioningJournal>(Moq.MockBehavior.Strict);

        await Assert.ThrowsAsync<ConnectorBusyException>(() => new SynchronizationJob(connector, store.Object, repository.Object, journal: journal.Object, runLock: runLock.Object).RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3))));

        store.VerifyNoOtherCalls();
        repository.VerifyNoOtherCalls();
        journal.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_HostLock_IsAskedForTheConnectorAndReleasedOnce()
    {
        var connector = People("HostLock");
        var released = 0;
        var handle = new Moq.Mock<IAsyncDisposable>();
        handle.Setup(h => h.DisposeAsync()).Callback(() => released++).Returns(ValueTask.CompletedTask);
        var runLock = new Moq.Mock<IConnectorRunLock>();
        runLock.Setup(l => l.TryAcquireAsync(connector.Identifier, Moq.It.IsAny<CancellationToken>())).Returns(Task.FromResult<IAsyncDisposable?>(handle.Object));

        await new SynchronizationJob(connector, runLock: runLock.Object).RunAsync(Request(connector, SyncTestKit.PeopleRange(1, 3)));

        Assert.Equal(1, released);
        runLock.Verify(l => l.TryAcquireAsync(connector.Identifier, Moq.It.IsAny<CancellationToken>()), Moq.Times.Once);
    }
}

