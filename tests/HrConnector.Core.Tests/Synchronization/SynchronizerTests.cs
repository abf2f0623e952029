using HrConnector.Mapping;
using HrConnector.Synchronization;

namespace HrConnector.Tests.Synchronization;

public class SynchronizerTests
{
    private const string Departments = "Code,Name,ParentCode\nD1,Executive,\nD2,Engineering,D1\n";

    [Fact]
    public async Task DayOneThenDayTwo_PlansInsertsUpdatesDeletes()
    {
        var connector = TestConnectors.People().Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        var day1 = TestConnectors.PeopleHeader + "\n"
            + "E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,,D1\n"
            + "E2,Jürgen,Weiß,01/02/1990,2021-03-15,1.0,N,42,,E1,D2\n"
            + "E3,Tom,Smith,01/02/1991,2021-03-15,1.0,N,42,,E1,D2\n";
        var plan1 = await synchronizer.PlanAsync(Snapshot(connector, day1), SynchronizationMode.Initial);
        Assert.Equal(PlanStatus.Ready, plan1.Status);
        Assert.Equal(5, plan1.InsertCount);
        Assert.Equal(["Department", "Person"], plan1.EntityTypes.Select(e => e.EntityType.Identifier));
        Assert.True((await synchronizer.ApplyAsync(plan1)).Applied);

        var day2 = TestConnectors.PeopleHeader + "\n"
            + "E1,Zoé,Müller,31/01/1980,2020-02-01,0.80,Y,1234,a|b,,D1\n"
            + "E2,Jürgen,Weiß,01/02/1990,2021-03-15,1.0,N,42,,E1,D1\n"
            + "E4,New,Hire,01/02/1999,2026-11-30,1.0,N,42,,E2,D2\n";
        var plan2 = await synchronizer.PlanAsync(Snapshot(connector, day2), SynchronizationMode.Complete);

        var people = plan2["Person"];
        Assert.Equal(1, people.UnchangedCount);
        Assert.Equal("E4", Assert.Single(people.Inserts).Key);
        var update = Assert.Single(people.Updates);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("Department", "D2", "D1"), (change.Property.Identifier, change.OldValue, change.NewValue));
        Assert.True(change.Property.IsNavigation);
        Assert.Equal("E3", Assert.Single(people.Deletes).Key);

        // 1 delete of 3 stored people is 33%, over the default 5%.
        Assert.Equal(PlanStatus.Blocked, plan2.Status);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan2));
        var json = plan2.ToJson(includeSensitiveValues: true);
        var reread = connector.ReadPlan(json);
        Assert.Equal(json, reread.ToJson(includeSensitiveValues: true));
        Assert.True((await synchronizer.ApplyAsync(reread, force: true)).Applied);

        var plan3 = await synchronizer.PlanAsync(Snapshot(connector, day2), SynchronizationMode.Complete);
        Assert.False(plan3.HasChanges);
        Assert.Equal(PlanStatus.Ready, plan3.Status);
    }

    private static MappingResult[] Snapshot(HrConnector.Connector connector, string people)
        => [connector.MapText("Department", Departments), connector.MapText("Person", people)];
}
