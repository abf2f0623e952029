using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using HrConnector.Tests.Jobs;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests;

/// <summary>
/// One status vocabulary: <see cref="PlanStatus"/> (the verdict on a plan, before anything is applied) and
/// <see cref="JobStatus"/> (how a run ended) share two words, each with one meaning in both — Blocked: a threshold or
/// a safety rule stopped it, nothing was applied, forcing or accepting applies it; Failed: it cannot be applied, even
/// forced. A run ends with the plan's word whenever the plan stops it.
/// </summary>
[Trait("Category", "Architecture")]
public sealed class SynchronizationJobStatusesTests
{
    [Fact]
    public async Task RunAsync_ReadyPlan_Succeeded()
    {
        var connector = Connector("StatusReady");
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock());

        var result = await job.RunAsync(Request(connector, People(Row(1), Row(2))));

        Assert.Equal((PlanStatus.Ready, JobStatus.Succeeded), (result.Plan!.Status, result.Status));
    }

    [Fact]
    public async Task RunAsync_BlockedPlan_BlockedRunThatAppliedNothing_ForcedItSucceeds()
    {
        var connector = Connector("StatusBlocked", o => o.Thresholds.MaxDeleted = 1);
        var store = new InMemoryResourceStore();
        var job = new SynchronizationJob(connector, store, runLock: new InMemoryConnectorRunLock());
        await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3)), SynchronizationMode.Initial));

        var blocked = await job.RunAsync(Request(connector, People(Row(1))));
        var countAfterBlocked = await store.CountAsync(connector.Identifier, "Person");
        var forced = await job.RunAsync(Request(connector, People(Row(1)), force: true));

        Assert.Equal((PlanStatus.Blocked, JobStatus.Blocked), (blocked.Plan!.Status, blocked.Status));
        Assert.Equal(3, countAfterBlocked);
        Assert.Equal(PlanStatus.Blocked, forced.Plan!.Status);
        Assert.True(forced.Status is JobStatus.Succeeded or JobStatus.SucceededWithWarnings, forced.Status.ToString());
        Assert.Equal(1, await store.CountAsync(connector.Identifier, "Person"));
    }

    [Fact]
    public async Task RunAsync_FailedPlan_FailedRun_EvenForced()
    {
        var connector = Connector("StatusFailed", o => o.DanglingReferences = DanglingReferencePolicy.FailRun);
        var store = new InMemoryResourceStore();
        var job = new SynchronizationJob(connector, store, runLock: new InMemoryConnectorRunLock());

        var failed = await job.RunAsync(Request(connector, People(Row(1, manager: "EMP-404"))));
        var forced = await job.RunAsync(Request(connector, People(Row(1, manager: "EMP-404")), force: true));

        Assert.Equal((PlanStatus.Failed, JobStatus.Failed), (failed.Plan!.Status, failed.Status));
        Assert.Equal((PlanStatus.Failed, JobStatus.Failed), (forced.Plan!.Status, forced.Status));
        Assert.Equal(0, await store.CountAsync(connector.Identifier, "Person"));
    }

    [Fact]
    public void Statuses_SharedWords_AreTheOnlyOnesTheTwoEnumsShare()
        => Assert.Equal(["Blocked", "Failed"], Enum.GetNames<PlanStatus>().Intersect(Enum.GetNames<JobStatus>()).Order(StringComparer.Ordinal));
}
