using System.Text.Json;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>The order of a plan: entity types in dependency order, changes by key.</summary>
public class PlanBuilderOrderTests
{
    private static string Yesterday => TwoDays.Yesterday;

    private static string Today => TwoDays.Today;

    [Fact]
    public async Task PlanAsync_EntityTypes_ComeInDependencyOrderWhateverTheDeclarationOrder()
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Person", e => e.Property("LastName").Navigation("Department", "Department"))
            .EntityType("Site", e => e.Property("Name"))
            .EntityType("Department", e => e.Property("Name").Navigation("Site", "Site"))
            .CsvConnection("people", c => c.Path = "people.csv")
            .CsvConnection("sites", c => c.Path = "sites.csv")
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .Map("Person", "people", "Id", m => m.Column("LastName", "LastName").Column("Department", "Dept"))
            .Map("Site", "sites", "Id", m => m.Column("Name", "Name"))
            .Map("Department", "departments", "Id", m => m.Column("Name", "Name").Column("Site", "Site"));
        Off(builder.Options.Thresholds);
        var connector = builder.Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var plan = await synchronizer.PlanAsync(
        [
            connector.MapText("Person", "Id,LastName,Dept\nP1,Smith,D1\n"),
            connector.MapText("Department", "Id,Name,Site\nD1,Sales,S1\n"),
            connector.MapText("Site", "Id,Name\nS1,Paris\n"),
        ]);

        Assert.Equal(["Site", "Department", "Person"], plan.EntityTypes.Select(e => e.EntityType.Identifier));
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(plan["Person"].DanglingReferences);
    }

    [Fact]
    public async Task PlanAsync_Changes_AreOrderedByKeyOrdinally()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, People(Person(3), Person(30), Person(21), Person(1), Person(100)));

        var plan = await synchronizer.PlanAsync(
            [connector.MapText("Person", People(Person(10), Person(2), Person(30, lastName: "X"), Person(3, lastName: "Y"), Person(11), Person(1, lastName: "Z")))]);

        var people = plan["Person"];
        Assert.Equal(["E10", "E11", "E2"], people.Inserts.Select(c => c.Key));
        Assert.Equal(["E1", "E3", "E30"], people.Updates.Select(c => c.Key));
        Assert.Equal(["E100", "E21"], people.Deletes.Select(c => c.Key));
    }
}
