using HrConnector.Provisioning;

using static HrConnector.Tests.Shared.ScenarioRows;

namespace HrConnector.Sqlite.Tests.Jobs;

/// <summary>References to identities on SQLite: the follow-up orders of a run are staged, released and dispatched under the run's id, and survive a reopen.</summary>
[Trait("Category", "IdentityShaping")]
public sealed class SynchronizationJobOnSqliteReferencesTests
{
    [Fact]
    public async Task RunAsync_ManagerAndReportJoinTheSameDay_OnSqlite_ReferenceSetInTheSameRun()
    {
        using var folder = new TempFolder();
        await using var scenario = SqliteScenario.OnSqlite(folder.File("hr.db"), p => p.Options.Properties.Single(x => x.Identity == "Manager").Reference = IdentityReference.IdentityId);

        var day1 = await scenario.RunAsync(Departments, string.Join("\n", Bob, Carol));

        Assert.Equal((2, 1), (day1.Provisioning!.Orders[OrderKind.Added], day1.Provisioning.Orders[OrderKind.Modified]));
        scenario.Reopen();
        var bob = await scenario.IdentityOfAsync("E2");
        Assert.Equal(bob.Id, (await scenario.IdentityOfAsync("E3")).GetValue("Manager"));
        var followUp = Assert.Single(await HrConnector.Tests.Shared.ScenarioReads.EntriesAsync(scenario.Journal), e => e.Order.Kind == OrderKind.Modified);
        Assert.Equal((OrderReason.ReferenceResolved, day1.RunId), (followUp.Order.Reason, followUp.Order.RunId));
        Assert.Contains(followUp.State, new[] { OrderState.Executed, OrderState.Verified });
        Assert.Null(await scenario.Journal.GetStagedRunAsync(scenario.Connector.Identifier));

        scenario.NextDay();
        var day2 = await scenario.RunAsync(Departments, string.Join("\n", Bob, Carol));
        Assert.Equal(0, day2.Provisioning!.Orders.Values.Sum());
    }
}
