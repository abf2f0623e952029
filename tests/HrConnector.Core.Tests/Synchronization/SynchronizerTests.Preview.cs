using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>
/// Day after day from files: <see cref="Synchronizer.PreviewAsync"/> reuses stored payloads of rows whose raw record did
/// not change, and must still plan exactly what a full mapping of the same text plans.
/// </summary>
public sealed class SynchronizerPreviewTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-preview-").FullName;

    private string PeoplePath => Path.Combine(_folder, "people.csv");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PreviewAsync_LinkRemovedYesterday_IsRestoredWhenItsTargetAppears()
    {
        var builder = Builder().BaseDirectory(_folder);
        builder.Options.DanglingReferences = DanglingReferencePolicy.RemoveLink;
        var connector = builder.Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        var people = PeopleRange(1, 3) + Person(4, department: "D3") + "\n";
        await DayAsync(synchronizer, Departments, people, SynchronizationMode.Initial);

        var plan = await DayAsync(synchronizer, Departments + "D3,Sales,\n", people, SynchronizationMode.Complete);

        Assert.Equal(["D3"], plan["Department"].Inserts.Select(i => i.Key));
        var update = Assert.Single(plan["Person"].Updates);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("E4", "Department", null, "D3"), (update.Key, change.Property.Identifier, change.OldValue, change.NewValue));
        Assert.Equal(Content(connector.MapText("Person", people)), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PreviewAsync_RowRejectedYesterdayThenRestored_IsUnchanged()
    {
        var connector = Builder().BaseDirectory(_folder).Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        await DayAsync(synchronizer, Departments, PeopleRange(1, 20), SynchronizationMode.Initial);
        var badDay = People([.. Enumerable.Range(1, 20).Select(n => n == 4 ? Person(4, lastName: "Changed", birthDate: "99/99/1990") : Person(n))]);
        Assert.Equal(["E4"], (await DayAsync(synchronizer, Departments, badDay, SynchronizationMode.Complete))["Person"].KeptKeys);

        var plan = await DayAsync(synchronizer, Departments, PeopleRange(1, 20), SynchronizationMode.Complete);

        Assert.False(plan.HasChanges);
        Assert.Equal(Content(connector.MapText("Person", PeopleRange(1, 20))), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PreviewAsync_AfterAModelChangeInIncrementalMode_PlansLikeAFullMapping()
    {
        // Day 2 adds Nickname, read from the FirstName column, and reads a changes file with E1 only: E2..E20 stay
        // stored with their payload transcoded (no Nickname). Day 3 reads the day-1 file again: E2..E20 must get their Nickname.
        var store = new InMemoryResourceStore();
        await DayAsync(new Synchronizer(Builder().BaseDirectory(_folder).Build().Model, store), Departments, PeopleRange(1, 20), SynchronizationMode.Initial);
        var after = WithNickname();
        var synchronizer = new Synchronizer(after.Model, store);
        var day2 = await DayAsync(synchronizer, Departments, PeopleRange(1, 1), SynchronizationMode.Incremental);
        Assert.Equal(["E1"], day2["Person"].Updates.Select(u => u.Key));
        var twin = await CloneAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, PeopleRange(1, 20));

        var fromFiles = await synchronizer.PreviewAsync();
        var fromText = await new Synchronizer(after.Model, twin).PlanAsync([after.MapText("Department", Departments), after.MapText("Person", PeopleRange(1, 20))]);

        Assert.Equal(19, fromText["Person"].Updates.Count);
        Assert.Equal(Describe(fromText), Describe(fromFiles));
    }

    [Fact]
    public async Task PreviewAsync_AfterAModelChangeWithAKeptRow_PlansLikeAFullMapping()
    {
        // Day 2 adds Nickname and E4's row is rejected: E4 is kept with its payload transcoded (no Nickname).
        // Day 3 has E4's day-1 row back: E4 must get its Nickname.
        var store = new InMemoryResourceStore();
        await DayAsync(new Synchronizer(Builder().BaseDirectory(_folder).Build().Model, store), Departments, PeopleRange(1, 20), SynchronizationMode.Initial);
        var after = WithNickname();
        var synchronizer = new Synchronizer(after.Model, store);
        var badDay = People([.. Enumerable.Range(1, 20).Select(n => n == 4 ? Person(4, birthDate: "99/99/1990") : Person(n))]);
        var day2 = await DayAsync(synchronizer, Departments, badDay, SynchronizationMode.Complete);
        Assert.Equal(["E4"], day2["Person"].KeptKeys);
        var twin = await CloneAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, PeopleRange(1, 20));

        var fromFiles = await synchronizer.PreviewAsync();
        var fromText = await new Synchronizer(after.Model, twin).PlanAsync([after.MapText("Department", Departments), after.MapText("Person", PeopleRange(1, 20))]);

        Assert.Equal(["E4"], fromText["Person"].Updates.Select(u => u.Key));
        Assert.Equal(Describe(fromText), Describe(fromFiles));
    }

    [Fact]
    public async Task PreviewAsync_MappingChangedWithoutModelChange_MapsEveryRowAgain()
    {
        // The FirstName column is now upper-cased through a value map: same model, same file, another mapping.
        var store = new InMemoryResourceStore();
        await DayAsync(new Synchronizer(Builder().BaseDirectory(_folder).Build().Model, store), Departments, PeopleRange(1, 3), SynchronizationMode.Initial);
        var builder = Builder().BaseDirectory(_folder);
        var firstName = builder.Options.Mappings.Single(m => m.EntityType == "Person").Properties.Single(p => p.Property == "FirstName");
        firstName.ValueMap["First2"] = "SECOND";
        var synchronizer = new Synchronizer(builder.Build().Model, store);

        var plan = await DayAsync(synchronizer, Departments, PeopleRange(1, 3), SynchronizationMode.Complete);

        var update = Assert.Single(plan["Person"].Updates);
        Assert.Equal(("E2", "First2", "SECOND"), (update.Key, update.Changes.Single().OldValue, update.Changes.Single().NewValue));
    }

    private Connector WithNickname()
    {
        var builder = Builder().BaseDirectory(_folder);
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Properties.Add(new ScalarPropertyOptions { Identifier = "Nickname" });
        builder.Options.Mappings.Single(m => m.EntityType == "Person").Properties.Add(new PropertyMappingOptions { Property = "Nickname", Column = "FirstName" });
        return builder.Build();
    }

    /// <summary>Writes the day's files, previews, checks the plan is ready and applies it.</summary>
    private async Task<SyncPlan> DayAsync(Synchronizer synchronizer, string departments, string people, SynchronizationMode mode)
    {
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), departments);
        File.WriteAllText(PeoplePath, people);
        var plan = await synchronizer.PreviewAsync(mode);
        Assert.True(plan.Status == PlanStatus.Ready, string.Join(" | ", plan.Reasons));
        Assert.True((await synchronizer.ApplyAsync(plan)).Applied);
        return plan;
    }

    private static string Describe(SyncPlan plan) => string.Join(
        "\n",
        plan.EntityTypes.SelectMany(e => e.Inserts.Concat(e.Updates).Concat(e.Deletes).Select(c =>
            $"{e.EntityType.Identifier} {c.Kind} {c.Key} " + string.Join(";", c.Changes.Select(p => $"{p.Property.Identifier}:{p.OldValue}>{p.NewValue}"))))
            .Append($"unchanged {plan.UnchangedCount}, kept {string.Join(",", plan.EntityTypes.SelectMany(e => e.KeptKeys))}"));
}
