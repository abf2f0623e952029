using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>A property added to an entity type after a sync: stored payloads are transcoded, and the store is rewritten once.</summary>
public class PlanBuilderEntityTypeDiffTests
{
    private const string PersonSchemaBefore = "FirstName:String;LastName:String;BirthDate:Date;HireDate:Date;Fte:Decimal;IsContractor:Boolean;CostCenter:Int32;Roles:String*;Manager:String;Department:String";
    private const string PersonSchemaAfter = "FirstName:String;LastName:String;BirthDate:Date;HireDate:Date;Fte:Decimal;IsContractor:Boolean;CostCenter:Int32;Roles:String*;Nickname:String;Manager:String;Department:String";

    /// <summary>Today's file of the new model: E1 and E3 have a nickname, E2 has none.</summary>
    private static readonly string WithNicknames = PeopleWithNicknames((1, "Zo"), (2, ""), (3, "Tom"));

    [Fact]
    public async Task PlanAsync_AddedProperty_ShowsUpdatesOnlyForRowsWithAValue()
    {
        var store = await LoadBeforeAsync();
        var after = After();
        var synchronizer = new Synchronizer(after.Model, store);

        var plan = await synchronizer.PlanAsync([after.MapText("Person", WithNicknames)]);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.True(plan.HasChanges);
        Assert.Equal(["E1", "E3"], people.Updates.Select(u => u.Key));
        Assert.Equal(
            [("E1", "Nickname", (object?)null, (object?)"Zo"), ("E3", "Nickname", null, "Tom")],
            people.Updates.Select(u => (u.Key, Assert.Single(u.Changes).Property.Identifier, u.Changes[0].OldValue, u.Changes[0].NewValue)));
        Assert.Equal(1, people.UnchangedCount);
        Assert.Empty(people.Inserts);
        Assert.Empty(people.Deletes);
    }

    [Fact]
    public async Task ApplyAsync_AddedProperty_RewritesTheStoreSoThatTheNextRunIsUnchanged()
    {
        var store = await LoadBeforeAsync();
        Assert.Equal(PersonSchemaBefore, (await store.GetSchemaAsync("HR", "Person"))!.Split('#')[0]);
        var after = After();
        var synchronizer = new Synchronizer(after.Model, store);

        var second = await synchronizer.PlanAsync([after.MapText("Person", WithNicknames)]);
        Assert.True((await synchronizer.ApplyAsync(second)).Applied);
        var third = await synchronizer.PlanAsync([after.MapText("Person", WithNicknames)]);

        Assert.Equal(PersonSchemaAfter, (await store.GetSchemaAsync("HR", "Person"))!.Split('#')[0]);
        Assert.Equal(Content(after.MapText("Person", WithNicknames)), await ContentAsync(store, "Person"));
        Assert.False(third.HasChanges);
        Assert.Equal(3, third["Person"].UnchangedCount);
        Assert.Equal(PlanStatus.Ready, third.Status);
    }

    [Fact]
    public async Task ApplyAsync_AddedPropertyInIncrementalMode_KeepsTheResourcesMissingFromTheFile()
    {
        var store = await LoadBeforeAsync();
        var after = After();
        var synchronizer = new Synchronizer(after.Model, store);

        var plan = await synchronizer.PlanAsync([after.MapText("Person", PeopleWithNicknames((1, "Zo")))], SynchronizationMode.Incremental);
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(["E1"], plan["Person"].Updates.Select(u => u.Key));
        Assert.Equal(2, plan["Person"].UnchangedCount);
        Assert.Equal(Content(after.MapText("Person", PeopleWithNicknames((1, "Zo"), (2, ""), (3, "")))), await ContentAsync(store, "Person"));
        var next = await synchronizer.PlanAsync([after.MapText("Person", PeopleWithNicknames((1, "Zo"), (2, ""), (3, "")))]);
        Assert.False(next.HasChanges);
    }

    [Fact]
    public async Task ApplyAsync_AddedPropertyWithARejectedRow_KeepsTheTranscodedResource()
    {
        var store = await LoadBeforeAsync();
        var after = After();
        var synchronizer = new Synchronizer(after.Model, store);
        var today = PeopleWithNicknames((1, "Zo"), (3, "Tom")) + Person(2, birthDate: "not a date") + ",Jo\n";

        var plan = await synchronizer.PlanAsync([after.MapText("Person", today)]);
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(["E2"], plan["Person"].KeptKeys);
        Assert.Empty(plan["Person"].Deletes);
        Assert.Equal(Content(after.MapText("Person", WithNicknames)), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task ApplyAsync_ModelChangePlanReadFromJson_Throws()
    {
        var store = await LoadBeforeAsync();
        var after = After();
        var synchronizer = new Synchronizer(after.Model, store);
        var plan = await synchronizer.PlanAsync([after.MapText("Person", WithNicknames)]);
        var before = await DescribeAsync(store, "Person");

        var read = after.ReadPlan(plan.ToJson(includeSensitiveValues: true));
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => synchronizer.ApplyAsync(read));

        Assert.Equal("The plan rewrites the resources of 'Person' after a model change; apply it from the computed plan, not from JSON.", exception.Message);
        Assert.Equal(before, await DescribeAsync(store, "Person"));
    }

    private static string PeopleWithNicknames(params (int Number, string Nickname)[] rows)
    {
        var text = new System.Text.StringBuilder(TestConnectors.PeopleHeader).Append(",Nickname\n");
        foreach (var (number, nickname) in rows)
        {
            text.Append(Person(number)).Append(',').Append(nickname).Append('\n');
        }

        return text.ToString();
    }

    private static async Task<InMemoryResourceStore> LoadBeforeAsync()
    {
        var (_, store) = await LoadAsync(Builder().Build(), PeopleRange(1, 3));
        return store;
    }

    /// <summary>The connector after the model change: Person has a Nickname read from a new column.</summary>
    private static Connector After()
    {
        var builder = Builder();
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Properties.Add(new ScalarPropertyOptions { Identifier = "Nickname" });
        builder.Options.Mappings.Single(m => m.EntityType == "Person").Properties.Add(new HrConnector.Mapping.PropertyMappingOptions { Property = "Nickname", Column = "Nickname" });
        return builder.Build();
    }
}
