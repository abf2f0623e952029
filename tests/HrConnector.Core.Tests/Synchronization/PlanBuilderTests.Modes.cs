using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Csv;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>Complete, Incremental (with and without a command column) and Initial modes.</summary>
public class PlanBuilderModesTests
{
    private static readonly string DeleteE1Fields = "E1" + new string(',', 10);

    [Fact]
    public async Task PlanAsync_CompleteMode_DeletesWhatIsMissingFromTheFile()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var today = People(Person(1), Person(3, lastName: "Renamed"), Person(4));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", today)], SynchronizationMode.Complete);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(["E4"], people.Inserts.Select(c => c.Key));
        Assert.Equal(["E3"], people.Updates.Select(c => c.Key));
        var delete = Assert.Single(people.Deletes);
        Assert.Equal((ChangeKind.Delete, "E2", 0L), (delete.Kind, delete.Key, delete.Line));
        Assert.Null(delete.NewResource);
        Assert.Contains(delete.Changes, c => c.Property.Identifier == "LastName" && Equals(c.OldValue, "Last2") && c.NewValue is null);
        Assert.Equal(1, people.UnchangedCount);
        Assert.Equal(3, people.StoredCount);
        Assert.Equal(3, people.RowCount);

        await synchronizer.ApplyAsync(plan);
        Assert.Equal(Content(connector.MapText("Person", today)), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_IncrementalWithoutCommandColumn_KeepsMissingResources()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(2, lastName: "Renamed"), Person(4)))], SynchronizationMode.Incremental);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(people.Deletes);
        Assert.Equal(["E4"], people.Inserts.Select(c => c.Key));
        var update = Assert.Single(people.Updates);
        Assert.Equal("E2", update.Key);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("LastName", "Last2", "Renamed"), (change.Property.Identifier, change.OldValue, change.NewValue));
        Assert.Equal(2, people.UnchangedCount);
        Assert.Empty(people.KeptKeys);

        await synchronizer.ApplyAsync(plan);
        var expected = connector.MapText("Person", People(Person(1), Person(2, lastName: "Renamed"), Person(3), Person(4)));
        Assert.Equal(Content(expected), await ContentAsync(store, "Person"));
    }

    [Theory]
    [InlineData("insert", ChangeKind.Insert)]
    [InlineData("INSERT", ChangeKind.Insert)]
    [InlineData("I", ChangeKind.Insert)]
    [InlineData("i", ChangeKind.Insert)]
    [InlineData("update", ChangeKind.Update)]
    [InlineData("UpDaTe", ChangeKind.Update)]
    [InlineData("U", ChangeKind.Update)]
    [InlineData("u", ChangeKind.Update)]
    [InlineData("delete", ChangeKind.Delete)]
    [InlineData("Delete", ChangeKind.Delete)]
    [InlineData("D", ChangeKind.Delete)]
    [InlineData("d", ChangeKind.Delete)]
    [InlineData("merge", ChangeKind.Insert)]
    [InlineData("MERGE", ChangeKind.Update)]
    [InlineData("M", ChangeKind.Update)]
    [InlineData("m", ChangeKind.Insert)]
    public async Task PlanAsync_IncrementalCommand_IsReadIgnoringCase(string command, ChangeKind expected)
    {
        var connector = CommandBuilder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Changes("I," + Person(1), "I," + Person(2)));
        var row = expected switch
        {
            ChangeKind.Insert => command + "," + Person(9),
            ChangeKind.Update => command + "," + Person(1, lastName: "Renamed"),
            _ => command + "," + DeleteE1Fields,
        };

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", Changes(row))], SynchronizationMode.Incremental);

        var people = plan["Person"];
        Assert.Empty(people.Rejects);
        var change = Assert.Single(people.Inserts.Concat(people.Updates).Concat(people.Deletes));
        Assert.Equal((expected, expected == ChangeKind.Insert ? "E9" : "E1", 2L), (change.Kind, change.Key, change.Line));
        Assert.Equal(expected == ChangeKind.Insert ? 2 : 1, people.UnchangedCount);
    }

    [Fact]
    public async Task ApplyAsync_IncrementalCommands_GiveTheExpectedStore()
    {
        var connector = CommandBuilder().Build();
        var (synchronizer, store) = await LoadAsync(connector, Changes([.. Enumerable.Range(1, 6).Select(n => "I," + Person(n))]));
        var changes = Changes(
            "INSERT," + Person(10),
            "i," + Person(11),
            "Update," + Person(1, lastName: "One"),
            "u," + Person(2, lastName: "Two"),
            "DELETE,E3" + new string(',', 10),
            "d,E4" + new string(',', 10),
            "Merge," + Person(5, lastName: "Five"),
            "m," + Person(12));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", changes)], SynchronizationMode.Incremental);
        var applied = await synchronizer.ApplyAsync(plan);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.True(applied.Applied);
        Assert.Empty(people.Rejects);
        Assert.Equal(["E10", "E11", "E12"], people.Inserts.Select(c => c.Key));
        Assert.Equal(["E1", "E2", "E5"], people.Updates.Select(c => c.Key));
        Assert.Equal(["E3", "E4"], people.Deletes.Select(c => c.Key));
        Assert.Equal([6L, 7L], people.Deletes.Select(c => c.Line));
        Assert.Equal(1, people.UnchangedCount);
        var expected = Builder().Build().MapText("Person", People(Person(1, "One"), Person(2, "Two"), Person(5, "Five"), Person(6), Person(10), Person(11), Person(12)));
        Assert.Equal(Content(expected), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_IncrementalCommandConflicts_AreRejectedAndKeepTheStore()
    {
        var connector = CommandBuilder().Build();
        var (synchronizer, store) = await LoadAsync(connector, Changes("I," + Person(1), "I," + Person(2), "I," + Person(3)));
        var before = await ContentAsync(store, "Person");
        var changes = Changes(
            "insert," + Person(1, lastName: "Other"),
            "update," + Person(8),
            "delete,E9" + new string(',', 10),
            "upsert," + Person(2, lastName: "Changed"),
            "," + Person(3, lastName: "Changed"));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", changes)], SynchronizationMode.Incremental);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(people.Inserts);
        Assert.Empty(people.Updates);
        Assert.Empty(people.Deletes);
        Assert.Equal(["E1", "E2", "E3"], people.KeptKeys);
        Assert.Equal(
            [
                (RejectReason.InvalidValue, 5L, "Action", "E2", "text.csv:5: column 'Action': the command is not one of insert, update, delete, merge (or I, U, D, M)."),
                (RejectReason.InvalidValue, 6L, "Action", "E3", "text.csv:6: column 'Action': the command is not one of insert, update, delete, merge (or I, U, D, M)."),
                (RejectReason.CommandConflict, 2L, null, "E1", "text.csv:2: the row inserts a key that HR already has; the stored resource is kept. Use update or merge."),
                (RejectReason.CommandConflict, 3L, null, "E8", "text.csv:3: the row updates a key that HR does not have; nothing is inserted. Use insert or merge."),
                (RejectReason.CommandConflict, 4L, null, "E9", "text.csv:4: the row deletes a key that HR does not have; nothing to do."),
            ],
            people.Rejects.Select(r => (r.Reason, r.Line, r.Column, r.Key, r.Message)));
        Assert.All(people.Rejects, r => Assert.Equal(("Person", "text.csv"), (r.EntityType, r.File)));

        Assert.True((await synchronizer.ApplyAsync(plan)).Applied);
        Assert.Equal(before, await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_InitialIntoAnEmptyStore_InsertsEverythingWithoutThresholds()
    {
        var connector = Builder(thresholdsOff: false).Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 500)), connector.MapText("Department", Departments)], SynchronizationMode.Initial);
        var applied = await synchronizer.ApplyAsync(plan);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(plan.Reasons);
        Assert.Null(plan.BaseRunId);
        Assert.Equal(SynchronizationMode.Initial, plan.Mode);
        Assert.Equal(500, plan["Person"].Inserts.Count);
        Assert.Equal(2, plan["Department"].Inserts.Count);
        Assert.All(plan.EntityTypes, e => Assert.Empty(e.Breaches));
        Assert.Equal((true, false), (applied.Applied, applied.Forced));
        Assert.Equal(500, await store.CountAsync("HR", "Person"));
        Assert.Equal(plan.RunId, await store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    public async Task PlanAsync_InitialOnAStoreThatIsNotEmpty_FailsWithTheReasonAndNeverApplies()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var before = await DescribeAsync(store, "Department", "Person");

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", Departments), connector.MapText("Person", PeopleRange(1, 4))], SynchronizationMode.Initial);
        var applied = await synchronizer.ApplyAsync(plan, force: true);

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal(
            [
                "Department: Initial mode loads an empty store, but 2 resources are stored; use Complete mode.",
                "Person: Initial mode loads an empty store, but 3 resources are stored; use Complete mode.",
            ],
            plan.Reasons);
        Assert.Equal((false, PlanStatus.Failed, false), (applied.Applied, applied.Plan.Status, applied.Forced));
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task PlanAsync_EntityTypeMissingFromTheSnapshot_IsLeftAsItIs()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 2));

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 2))], SynchronizationMode.Complete);
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(["Person"], plan.EntityTypes.Select(e => e.EntityType.Identifier));
        Assert.Equal(["D1", "D2"], (await ContentAsync(store, "Department")).Keys);
    }

    [Fact]
    public async Task PlanAsync_MappingResultOfAnotherConnector_Throws()
    {
        var connector = Builder().Build();
        var other = Builder().Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => synchronizer.PlanAsync([other.MapText("Person", PeopleRange(1, 2))]));

        Assert.Equal("snapshot", exception.ParamName);
    }
}
