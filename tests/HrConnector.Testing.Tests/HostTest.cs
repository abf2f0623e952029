using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;

namespace HrConnector.Testing.Tests;

/// <summary>A host's own test of its connector, written with the kit: the example of the README.</summary>
public class HostTest
{
    [Fact]
    public async Task Joiners_then_a_mover_and_a_leaver()
    {
        var connector = new ConnectorBuilder("HR")
            .EntityType("Person", e => e.Property("Name").Property("Title"))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m.Column("Name", "Name").Column("Title", "Title"))
            .Provision("Person", p => p.Property("Name").Property("Title"))
            .Build();
        var bed = new ConnectorTestBed(connector);

        var day1 = await bed.RunDayAsync("Person", "Id,Name,Title\nE1,Ada,Analyst\nE2,Alan,Engineer\nE3,Grace,Admiral\n");
        JobAssert.Status(day1, JobStatus.Succeeded);
        JobAssert.Orders(day1, OrderKind.Added, "E1", "E2", "E3");

        bed.NextDay(); // E1 is promoted, E3 leaves: 1 of 3 is over the default 5 % thresholds, so the run is forced.
        var day2 = await bed.RunDayAsync("Person", "Id,Name,Title\nE1,Ada,Manager\nE2,Alan,Engineer\n", new JobRequest { Force = true });
        PlanAssert.PropertyChanged(day2.Plan, "Person", "E1", "Title", "Analyst", "Manager");
        JobAssert.Orders(day2, OrderKind.Modified, "E1");
        JobAssert.Orders(day2, OrderKind.Deactivated, "E3");
        IdentityAssert.HasValue(await bed.GetIdentityAsync("E1"), "Title", "Manager");
        IdentityAssert.HasState(await bed.GetIdentityAsync("E3"), IdentityState.Inactive);
    }
}
