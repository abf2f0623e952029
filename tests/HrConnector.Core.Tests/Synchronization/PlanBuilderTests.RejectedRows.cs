using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Csv;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>A row HR got wrong today must not delete or blank anyone: rejected keys are kept, unknown keys hold deletions back.</summary>
public class PlanBuilderRejectedRowsTests
{
    [Fact]
    public async Task PlanAsync_StoredPersonWithABadDateToday_IsKeptNeitherDeletedNorUpdated()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var before = await ContentAsync(store, "Person");

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(1), Person(2, lastName: "Changed", birthDate: "1990-13-45"), Person(3)))]);
        await synchronizer.ApplyAsync(plan);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(["E2"], people.KeptKeys);
        Assert.Empty(people.Updates);
        Assert.Empty(people.Deletes);
        Assert.Empty(people.Inserts);
        Assert.Equal(2, people.UnchangedCount);
        var reject = Assert.Single(people.Rejects);
        Assert.Equal((RejectReason.InvalidValue, 3L, "BirthDate", "E2"), (reject.Reason, reject.Line, reject.Column, reject.Key));
        Assert.Equal(before, await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_DuplicateKeyToday_KeepsTheStoredResource()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var before = await ContentAsync(store, "Person");

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(1), Person(2, lastName: "A"), Person(3), Person(2, lastName: "B")))]);
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(["E2"], plan["Person"].KeptKeys);
        Assert.Empty(plan["Person"].Deletes);
        Assert.Empty(plan["Person"].Updates);
        Assert.Equal([RejectReason.DuplicateKey, RejectReason.DuplicateKey], plan["Person"].Rejects.Select(r => r.Reason));
        Assert.Equal(before, await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_NewPersonWithABadRow_IsNotInserted()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 2));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(1), Person(2), Person(3, birthDate: "yesterday")))]);
        await synchronizer.ApplyAsync(plan);

        Assert.Empty(plan["Person"].Inserts);
        Assert.Empty(plan["Person"].KeptKeys);
        Assert.Equal(["E1", "E2"], (await ContentAsync(store, "Person")).Keys);
    }

    [Fact]
    public async Task PlanAsync_IncrementalWithABadRow_KeepsTheStoredResource()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var before = await ContentAsync(store, "Person");

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(2, lastName: "Changed", birthDate: "xx")))], SynchronizationMode.Incremental);
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(["E2"], plan["Person"].KeptKeys);
        Assert.Empty(plan["Person"].Updates);
        Assert.Equal(before, await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_RowWithoutAReadableKeyAndDeletions_IsBlockedEvenWithThresholdsOff()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var before = await DescribeAsync(store, "Person");

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(1), Person(2), ",Who,Knows,01/01/1990,2020-01-01,1.0,N,100,,,D1"))]);
        var applied = await synchronizer.ApplyAsync(plan);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(["E3"], plan["Person"].Deletes.Select(d => d.Key));
        Assert.Equal(["Person: 1 rejected rows have no readable key, so the 1 deletions may remove the resources of those rows. Fix the rows, or accept the deletions (--accept-empty-source)."], plan.Reasons);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, applied);
        Assert.Equal(before, await DescribeAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_RowWithoutAReadableKeyButNoDeletion_IsReady()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 2));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(1), Person(2), Person(3), ",Who,Knows,01/01/1990,2020-01-01,1.0,N,100,,,D1"))]);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(plan.Reasons);
        Assert.Equal(["E3"], plan["Person"].Inserts.Select(i => i.Key));
        Assert.Equal(RejectReason.EmptyKey, Assert.Single(plan["Person"].Rejects).Reason);
    }

    [Fact]
    public async Task PlanAsync_IncrementalModeWithARowWithoutKey_IsNotBlocked()
    {
        // Nothing is deleted in incremental mode, so a row nobody can identify cannot remove anyone.
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, PeopleRange(1, 3));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(1, lastName: "Changed"), ",Who,Knows,01/01/1990,2020-01-01,1.0,N,100,,,D1"))], SynchronizationMode.Incremental);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(["E1"], plan["Person"].Updates.Select(u => u.Key));
    }
}
