using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>Thresholds: defaults, each setting, connector versus entity-type level, 0 = off, and what a blocked plan does.</summary>
public class PlanBuilderThresholdsTests
{
    /// <summary>Of 20 stored people, today's file updates E1–E3, deletes E18–E20 and inserts E21–E23: 3 changes of each kind.</summary>
    private static readonly string ThreeOfEach = People(
    [
        .. Enumerable.Range(1, 3).Select(n => Person(n, lastName: "Changed")),
        .. Enumerable.Range(4, 14).Select(n => Person(n)),
        .. Enumerable.Range(21, 3).Select(n => Person(n)),
    ]);

    [Fact]
    public void Connector_ByDefault_Has100ResourcesAnd5Percent()
    {
        var connector = TestConnectors.People().Build();

        Assert.Equal(new ThresholdLimits(100, 100, 100, 5, 5, 5), connector.Thresholds);
        Assert.Null(connector.GetEntityType("Person").Thresholds);
    }

    [Fact]
    public async Task PlanAsync_DefaultCount_Blocks101DeletesOf3000()
    {
        var connector = Builder(thresholdsOff: false).Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3000));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(102, 3000))]);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 101, 100, "MaxDeleted (connector) = 100"), Assert.Single(plan["Person"].Breaches));
        Assert.Equal(["Person: 101 deletes exceed the threshold of 100 (MaxDeleted (connector) = 100). Review the plan, then accept them if they are right (--accept deletes)."], plan.Reasons);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan));
        Assert.Equal(3000, await store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task PlanAsync_DefaultCount_Allows100DeletesOf3000()
    {
        var connector = Builder(thresholdsOff: false).Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 3000));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(101, 3000))]);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(100, plan.DeleteCount);
        Assert.Empty(plan["Person"].Breaches);
    }

    [Fact]
    public async Task PlanAsync_DefaultPercent_Blocks3UpdatesOf40()
    {
        var connector = Builder(thresholdsOff: false).Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 40));
        var today = People([.. Enumerable.Range(1, 40).Select(n => Person(n, lastName: n <= 3 ? "Changed" : null))]);

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", today)]);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Update, 3, 2, "MaxUpdatedPercent (connector) = 5% of 40"), Assert.Single(plan["Person"].Breaches));
        Assert.Equal(["Person: 3 updates exceed the threshold of 2 (MaxUpdatedPercent (connector) = 5% of 40). Review the plan, then accept them if they are right (--accept updates)."], plan.Reasons);
    }

    [Fact]
    public async Task PlanAsync_ChangesEqualToTheLimit_AreAllowed()
    {
        var connector = Builder(thresholdsOff: false).Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 40));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(3, 42))]);

        Assert.Equal((2L, 2L), (plan.InsertCount, plan.DeleteCount));
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(plan.Reasons);
    }

    [Fact]
    public async Task PlanAsync_PercentOfThePopulation_IsRoundedDown()
    {
        // 5% of 39 is 1.95: the limit is 1, so 2 deletes are over it.
        var connector = Builder(thresholdsOff: false).Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 39));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(3, 39))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 2, 1, "MaxDeletedPercent (connector) = 5% of 39"), Assert.Single(plan["Person"].Breaches));
    }

    [Theory]
    [InlineData("MaxInserted", ChangeKind.Insert, "MaxInserted (connector) = 2", "Person: 3 inserts exceed the threshold of 2 (MaxInserted (connector) = 2). Review the plan, then accept them if they are right (--accept inserts).")]
    [InlineData("MaxUpdated", ChangeKind.Update, "MaxUpdated (connector) = 2", "Person: 3 updates exceed the threshold of 2 (MaxUpdated (connector) = 2). Review the plan, then accept them if they are right (--accept updates).")]
    [InlineData("MaxDeleted", ChangeKind.Delete, "MaxDeleted (connector) = 2", "Person: 3 deletes exceed the threshold of 2 (MaxDeleted (connector) = 2). Review the plan, then accept them if they are right (--accept deletes).")]
    [InlineData("MaxInsertedPercent", ChangeKind.Insert, "MaxInsertedPercent (connector) = 10% of 20", "Person: 3 inserts exceed the threshold of 2 (MaxInsertedPercent (connector) = 10% of 20). Review the plan, then accept them if they are right (--accept inserts).")]
    [InlineData("MaxUpdatedPercent", ChangeKind.Update, "MaxUpdatedPercent (connector) = 10% of 20", "Person: 3 updates exceed the threshold of 2 (MaxUpdatedPercent (connector) = 10% of 20). Review the plan, then accept them if they are right (--accept updates).")]
    [InlineData("MaxDeletedPercent", ChangeKind.Delete, "MaxDeletedPercent (connector) = 10% of 20", "Person: 3 deletes exceed the threshold of 2 (MaxDeletedPercent (connector) = 10% of 20). Review the plan, then accept them if they are right (--accept deletes).")]
    public async Task PlanAsync_OneSettingOn_BlocksOnlyItsKindOfChange(string setting, ChangeKind kind, string expectedSetting, string expectedReason)
    {
        var builder = Builder();
        SyncTestKit.SetThreshold(builder.Options.Thresholds, setting, setting.EndsWith("Percent", StringComparison.Ordinal) ? 10 : 2);
        var connector = builder.Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 20));
        var before = await DescribeAsync(store, "Person");

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", ThreeOfEach)]);

        Assert.Equal((3L, 3L, 3L), (plan.InsertCount, plan.UpdateCount, plan.DeleteCount));
        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(new ThresholdBreach("Person", kind, 3, 2, expectedSetting), Assert.Single(plan["Person"].Breaches));
        Assert.Equal([expectedReason], plan.Reasons);
        var result = await synchronizer.ApplyAsync(plan);
        Assert.Equal((false, PlanStatus.Blocked, false), (result.Applied, result.Plan.Status, result.Forced));
        Assert.Equal(before, await DescribeAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_EveryThresholdOff_AllowsAnything()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(15, 220))]);

        Assert.Equal((200L, 14L), (plan.InsertCount, plan.DeleteCount));
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(plan["Person"].Breaches);
    }

    [Fact]
    public async Task PlanAsync_CountOffButPercentOn_ThePercentApplies()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxDeletedPercent = 12.5;
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(4, 20))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 3, 2, "MaxDeletedPercent (connector) = 12.5% of 20"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_CountAndPercentBothOn_TheLowerWins()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxDeleted = 10;
        builder.Options.Thresholds.MaxDeletedPercent = 10;
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(4, 20))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 3, 2, "MaxDeletedPercent (connector) = 10% of 20"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_EntityTypeLowerThanConnector_EntityTypeWins()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxDeleted = 5;
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxDeleted = 2 };
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(4, 20))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 3, 2, "MaxDeleted (entity type) = 2"), Assert.Single(plan["Person"].Breaches));
        Assert.Equal(["Person: 3 deletes exceed the threshold of 2 (MaxDeleted (entity type) = 2). Review the plan, then accept them if they are right (--accept deletes)."], plan.Reasons);
    }

    [Fact]
    public async Task PlanAsync_ConnectorLowerThanEntityType_ConnectorWins()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxDeleted = 2;
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxDeleted = 5 };
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(4, 20))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 3, 2, "MaxDeleted (connector) = 2"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_EntityTypePercentLowerThanConnectorCount_EntityTypePercentWins()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxInserted = 50;
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxInsertedPercent = 10 };
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 23))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Insert, 3, 2, "MaxInsertedPercent (entity type) = 10% of 20"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_EntityTypeThresholdsAllZero_ConnectorDefaultsStillApply()
    {
        var builder = Builder(thresholdsOff: false);
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions();
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 40));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(4, 40))]);

        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 3, 2, "MaxDeletedPercent (connector) = 5% of 40"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_ThresholdsOfOneEntityType_DoNotCountAnother()
    {
        var builder = Builder();
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxInserted = 1 };
        var connector = builder.Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", "Code,Name,ParentCode\nD1,A,\nD2,B,\nD3,C,\n"), connector.MapText("Person", PeopleRange(1, 2))]);

        Assert.Empty(plan["Department"].Breaches);
        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Insert, 2, 1, "MaxInserted (entity type) = 1"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_EmptyStore_PercentagesAreNotChecked()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxInsertedPercent = 5;
        var connector = builder.Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 50))], SynchronizationMode.Complete);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(50, plan.InsertCount);
        Assert.Empty(plan["Person"].Breaches);
    }

    [Theory]
    [InlineData(100, PlanStatus.Ready)]
    [InlineData(101, PlanStatus.Blocked)]
    public async Task PlanAsync_CompleteIntoAnEmptyStoreWithDefaults_OnlyTheCountGuards(int rows, PlanStatus expected)
    {
        var connector = Builder(thresholdsOff: false).Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, rows))], SynchronizationMode.Complete);

        Assert.Equal(expected, plan.Status);
        Assert.Equal(
            expected == PlanStatus.Blocked ? new[] { new ThresholdBreach("Person", ChangeKind.Insert, 101, 100, "MaxInserted (connector) = 100") } : Array.Empty<ThresholdBreach>(),
            plan["Person"].Breaches);
    }

    [Fact]
    public async Task PlanAsync_IncrementalMode_ThresholdsApply()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxInserted = 2;
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 5));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(6, 8))], SynchronizationMode.Incremental);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Insert, 3, 2, "MaxInserted (connector) = 2"), Assert.Single(plan["Person"].Breaches));
    }

    [Fact]
    public async Task PlanAsync_SeveralBreaches_AreAllReported()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxInserted = 1;
        builder.Options.Thresholds.MaxDeleted = 1;
        var connector = builder.Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 20));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", ThreeOfEach)]);

        Assert.Equal(
            [
                new ThresholdBreach("Person", ChangeKind.Insert, 3, 1, "MaxInserted (connector) = 1"),
                new ThresholdBreach("Person", ChangeKind.Delete, 3, 1, "MaxDeleted (connector) = 1"),
            ],
            plan["Person"].Breaches);
        Assert.Equal(2, plan.Reasons.Count);
    }

    [Fact]
    public async Task ApplyAsync_BlockedPlan_IsAppliedOnlyWhenForced()
    {
        var builder = Builder();
        builder.Options.Thresholds.MaxDeleted = 2;
        var connector = builder.Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 20));
        var before = await DescribeAsync(store, "Department", "Person");
        var plan = await synchronizer.PlanAsync([connector.MapText("Person", ThreeOfEach)]);

        var notForced = await synchronizer.ApplyAsync(plan);
        var afterNotForced = await DescribeAsync(store, "Department", "Person");
        var forced = await synchronizer.ApplyAsync(plan, force: true);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal((false, PlanStatus.Blocked, false), (notForced.Applied, notForced.Plan.Status, notForced.Forced));
        Assert.Same(plan, notForced.Plan);
        Assert.Equal(before, afterNotForced);
        Assert.Equal((true, true), (forced.Applied, forced.Forced));
        Assert.Equal(plan.RunId, await store.GetLastRunIdAsync("HR"));
        Assert.Equal(Content(connector.MapText("Person", ThreeOfEach)), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task ApplyAsync_ReadyPlanWithForce_IsNotReportedAsForced()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 3));
        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 4))]);

        var result = await synchronizer.ApplyAsync(plan, force: true);

        Assert.Equal((true, false), (result.Applied, result.Forced));
    }
}
