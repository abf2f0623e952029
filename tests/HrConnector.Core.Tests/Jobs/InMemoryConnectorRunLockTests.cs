using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Tests.Synchronization;
using Moq;
using static HrConnector.Tests.Jobs.JobTestKit;

namespace HrConnector.Tests.Jobs;

/// <summary>One run per connector: InMemoryConnectorRunLock.</summary>
public class InMemoryConnectorRunLockTests
{
    [Fact]
    public async Task TryAcquireAsync_FreeConnector_ReturnsAHandle()
    {
        var runLock = new InMemoryConnectorRunLock();

        await using var handle = await runLock.TryAcquireAsync("HR");

        Assert.NotNull(handle);
    }

    [Fact]
    public async Task TryAcquireAsync_HeldConnector_ReturnsNullWithoutWaiting()
    {
        var runLock = new InMemoryConnectorRunLock();
        await using var handle = await runLock.TryAcquireAsync("HR");

        var second = runLock.TryAcquireAsync("hr");

        Assert.True(second.IsCompleted);
        Assert.Null(await second);
    }

    [Fact]
    public async Task TryAcquireAsync_OtherConnector_IsNotBlocked()
    {
        var runLock = new InMemoryConnectorRunLock();
        await using var handle = await runLock.TryAcquireAsync("HR");

        await using var other = await runLock.TryAcquireAsync("Payroll");

        Assert.NotNull(other);
    }

    [Fact]
    public async Task DisposeAsync_Handle_ReleasesTheLock()
    {
        var runLock = new InMemoryConnectorRunLock();
        var handle = await runLock.TryAcquireAsync("HR");

        await handle!.DisposeAsync();

        await using var again = await runLock.TryAcquireAsync("HR");
        Assert.NotNull(again);
    }

    [Fact]
    public async Task DisposeAsync_StaleHandleTwice_DoesNotReleaseTheNextHolder()
    {
        var runLock = new InMemoryConnectorRunLock();
        var first = await runLock.TryAcquireAsync("HR");
        await first!.DisposeAsync();
        await using var second = await runLock.TryAcquireAsync("HR");

        await first.DisposeAsync();

        Assert.NotNull(second);
        Assert.Null(await runLock.TryAcquireAsync("HR"));
    }

    [Fact]
    public async Task TryAcquireAsync_InstancesAreIndependent()
    {
        await using var handle = await new InMemoryConnectorRunLock().TryAcquireAsync("HR");

        await using var other = await new InMemoryConnectorRunLock().TryAcquireAsync("HR");

        Assert.NotNull(other);
    }

    [Fact]
    public async Task TryAcquireAsync_ManyInParallel_OnlyOneWins()
    {
        var runLock = new InMemoryConnectorRunLock();

        var handles = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => runLock.TryAcquireAsync("HR"))));

        Assert.Single(handles, h => h is not null);
    }

    [Fact]
    public async Task TryAcquireAsync_EmptyConnector_ThrowsArgumentException()
        => await Assert.ThrowsAsync<ArgumentException>("connector", () => new InMemoryConnectorRunLock().TryAcquireAsync(string.Empty));

    [Fact]
    public void Shared_IsOneInstance()
        => Assert.Same(InMemoryConnectorRunLock.Shared, InMemoryConnectorRunLock.Shared);
}

