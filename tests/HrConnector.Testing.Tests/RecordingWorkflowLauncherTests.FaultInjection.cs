using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Testing.Tests;

/// <summary>The fault injection of the launcher, driving the connector's dispatch through retries and crashes.</summary>
public class RecordingWorkflowLauncherFaultInjectionTests
{
    [Fact]
    public async Task TransientStartFailure_IsRetriedWithoutWaiting_AndStartsOnce()
    {
        var bed = new ConnectorTestBed(Hr.Create(ProvisioningTarget.Workflows));
        bed.Launcher.FailNext(2, transient: true);

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, result.Provisioning!.Retries);
        Assert.Equal(2, result.Provisioning.Executed);
        Assert.All(result.Orders, o => Assert.Equal(1, bed.Launcher.GetStartCount(o.Id)));
        Assert.Equal(0, bed.Launcher.DuplicateStarts);
        // The backoff (2 s, then 4 s, each jittered down to no less than half) went by on the fake clock, not in the test.
        Assert.InRange(bed.Clock.GetUtcNow(), FakeClock.DefaultStart.AddSeconds(3), FakeClock.DefaultStart.AddSeconds(6));
    }

    [Fact]
    public async Task PermanentStartFailure_ErrorsTheOrder()
    {
        var bed = new ConnectorTestBed(Hr.Create(ProvisioningTarget.Workflows));
        bed.Launcher.FailNext(1, transient: false);

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));

        Assert.Equal(JobStatus.SucceededWithWarnings, result.Status);
        var entry = Assert.Single(bed.JournalEntries);
        Assert.Equal(OrderState.Errored, entry.State);
        Assert.Equal("ProvisioningRejectedException: Injected failure before starting the workflow of order " + entry.Order.Id + ".", entry.Error);
        Assert.Empty(bed.Launcher.Started);
    }

    [Fact]
    public async Task CrashAfterStart_NextRunFindsTheWorkflow_AndNeverStartsItTwice()
    {
        var bed = new ConnectorTestBed(Hr.Create(ProvisioningTarget.Workflows));
        using var crash = new CancellationTokenSource();
        bed.Launcher.AfterStart = _ =>
        {
            // The workflow started, then the process died before the journal recorded it.
            crash.Cancel();
            crash.Token.ThrowIfCancellationRequested();
        };
        var people = Hr.People(Hr.Person(1), Hr.Person(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.RunDayAsync("Person", people, cancellationToken: crash.Token));
        Assert.Single(bed.Launcher.Started);
        Assert.All(bed.JournalEntries, e => Assert.Equal(OrderState.Pending, e.State));

        bed.Launcher.AfterStart = null;
        var resumed = await bed.RunDayAsync("Person", people);

        Assert.Equal(2, resumed.Provisioning!.Resumed);
        Assert.Equal(2, resumed.Provisioning.Executed);
        Assert.Equal(2, bed.Launcher.Started.Count);
        Assert.Equal(0, bed.Launcher.DuplicateStarts);
        Assert.Equal(2, bed.Repository.Count);
        Assert.All(bed.JournalEntries, e => Assert.Equal(OrderState.Executed, e.State));
    }
}
