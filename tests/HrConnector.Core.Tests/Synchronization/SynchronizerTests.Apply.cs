using HrConnector.Synchronization;
using Moq;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>What the synchronizer asks of an <see cref="IResourceStore"/>: one commit per applied plan, against the plan's base run, and none otherwise.</summary>
public class SynchronizerApplyTests
{
    private static readonly string Today = People(Person(1, lastName: "A"), Person(2, lastName: "B"), Person(4));

    private static string Yesterday => TwoDays.Yesterday;

    private static string TwoDaysToday => TwoDays.Today;

    [Fact]
    public async Task ApplyAsync_ReadyPlan_CommitsOnceAgainstThePlansBaseRun()
    {
        var connector = Builder().Build();
        var (_, inner) = await LoadAsync(connector, PeopleRange(1, 3));
        var loadedRun = await inner.GetLastRunIdAsync("HR");
        var store = Wrap(inner);
        var synchronizer = new Synchronizer(connector.Model, store.Object);
        var plan = await synchronizer.PlanAsync([connector.MapText("Department", Departments), connector.MapText("Person", Today)]);

        var result = await synchronizer.ApplyAsync(plan);

        Assert.True(result.Applied);
        Assert.NotNull(loadedRun);
        Assert.Equal(loadedRun, plan.BaseRunId);
        store.Verify(s => s.CommitAsync(It.IsAny<ResourceStoreCommit>(), It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(
            s => s.CommitAsync(
                It.Is<ResourceStoreCommit>(c => c.Connector == "HR" && c.RunId == plan.RunId && c.ExpectedLastRunId == plan.BaseRunId),
                It.IsAny<CancellationToken>()),
            Times.Once);
        var commit = (ResourceStoreCommit)store.Invocations.Single(i => i.Method.Name == nameof(IResourceStore.CommitAsync)).Arguments[0];
        Assert.Equal(
            [("Department", false, "", ""), ("Person", false, "E4,E1,E2", "E3")],
            commit.EntityTypes.Select(e => (e.EntityType, e.ReplaceAll, string.Join(',', e.Upserts.Select(u => u.Key)), string.Join(',', e.Deletes))));
        Assert.Equal(await inner.GetSchemaAsync("HR", "Person"), commit.EntityTypes[1].Schema);
        Assert.Equal(plan.RunId, await inner.GetLastRunIdAsync("HR"));
    }

    [Fact]
    public async Task ApplyAsync_BlockedFailedOrRedactedPlan_NeverCommits()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxDeleted = 1;
        var connector = builder.Build();
        var (_, inner) = await LoadAsync(connector, PeopleRange(1, 3));
        var store = Wrap(inner);
        var synchronizer = new Synchronizer(connector.Model, store.Object);
        var blocked = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(3, 3))]);
        var failed = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 3))], SynchronizationMode.Initial);
        var ready = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 4))]);
        var redacted = connector.ReadPlan(ready.ToJson());

        var blockedResult = await synchronizer.ApplyAsync(blocked);
        var failedResult = await synchronizer.ApplyAsync(failed, force: true);
        await Assert.ThrowsAsync<InvalidOperationException>(() => synchronizer.ApplyAsync(redacted, force: true));

        Assert.Equal((PlanStatus.Blocked, PlanStatus.Blocked, false), (blocked.Status, blockedResult.Plan.Status, blockedResult.Applied));
        Assert.Equal((PlanStatus.Failed, PlanStatus.Failed, false), (failed.Status, failedResult.Plan.Status, failedResult.Applied));
        store.Verify(s => s.CommitAsync(It.IsAny<ResourceStoreCommit>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ApplyAsync_StoreRefusesTheCommit_ThePlanIsNotReportedApplied()
    {
        var connector = Builder().Build();
        var store = new Mock<IResourceStore>(MockBehavior.Strict);
        store.Setup(s => s.GetLastRunIdAsync("HR", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        store.Setup(s => s.GetSchemaAsync("HR", "Person", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        store.Setup(s => s.CountAsync("HR", "Person", It.IsAny<CancellationToken>())).ReturnsAsync(0L);
        store.Setup(s => s.ReadAsync("HR", "Person", It.IsAny<CancellationToken>())).Returns(AsyncEnumerable.Empty<StoredResource>());
        store.Setup(s => s.CommitAsync(It.IsAny<ResourceStoreCommit>(), It.IsAny<CancellationToken>())).ThrowsAsync(new ResourceStoreConcurrencyException("HR", null, "other-run"));
        var synchronizer = new Synchronizer(connector.Model, store.Object);
        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 2))], SynchronizationMode.Initial);

        var exception = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => synchronizer.ApplyAsync(plan));

        Assert.Equal("other-run", exception.ActualRunId);
        store.Verify(s => s.CommitAsync(It.Is<ResourceStoreCommit>(c => c.ExpectedLastRunId == null && c.EntityTypes.Single().Upserts.Count == 2), It.IsAny<CancellationToken>()), Times.Once);
    }

    /// <summary>A strict mock that passes every call on to a real store, so that the calls can be verified.</summary>
    private static Mock<IResourceStore> Wrap(InMemoryResourceStore inner)
    {
        var store = new Mock<IResourceStore>(MockBehavior.Strict);
        store.Setup(s => s.GetLastRunIdAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string connector, CancellationToken token) => inner.GetLastRunIdAsync(connector, token));
        store.Setup(s => s.GetSchemaAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string connector, string entityType, CancellationToken token) => inner.GetSchemaAsync(connector, entityType, token));
        store.Setup(s => s.CountAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string connector, string entityType, CancellationToken token) => inner.CountAsync(connector, entityType, token));
        store.Setup(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string connector, string entityType, CancellationToken token) => inner.ReadAsync(connector, entityType, token));
        store.Setup(s => s.CommitAsync(It.IsAny<ResourceStoreCommit>(), It.IsAny<CancellationToken>()))
            .Returns((ResourceStoreCommit commit, CancellationToken token) => inner.CommitAsync(commit, token));
        return store;
    }

    [Fact]
    public async Task ApplyAsync_PlanOfAnotherConnectorInstance_Throws()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);
        var other = Builder().Build();
        var plan = await new Synchronizer(other.Model, new InMemoryResourceStore()).PlanAsync([other.MapText("Person", TwoDaysToday)]);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => synchronizer.ApplyAsync(plan));

        Assert.Equal("plan", exception.ParamName);
    }
}
