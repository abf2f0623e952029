using HrConnector.Jobs;
using HrConnector.Provisioning;

using static HrConnector.Tests.Shared.ScenarioRows;

namespace HrConnector.Sqlite.Tests.Jobs;

/// <summary>The whole pipeline on SQLite over several days, compared run by run with the in-memory defaults.</summary>
public sealed class SynchronizationJobOnSqliteTests
{

    [Fact]
    public async Task RunAsync_SeveralDaysOnSqlite_FollowsJoinersMoversLeaversAndOwnership()
    {
        using var folder = new TempFolder();
        await using var scenario = SqliteScenario.OnSqlite(folder.File("hr.db"));
        var (results, aliceId) = await RunDaysAsync(scenario);

        var day1 = results[0];
        Assert.Equal(JobStatus.SucceededWithWarnings, day1.Status);
        Assert.Equal(1, day1.Provisioning!.Situations[CorrelationSituation.Unlinked]);
        Assert.Equal(2, day1.Provisioning.Orders[OrderKind.Added]);
        Assert.Equal(2, results[1].Provisioning!.Orders[OrderKind.Modified]);
        Assert.Equal(1, results[2].Provisioning!.Orders[OrderKind.Reactivated]);
        Assert.Equal(1, results[2].Provisioning!.Orders[OrderKind.Deactivated]);   // Carol leaves
        Assert.Equal(1, results[4].Provisioning!.Orders[OrderKind.Added]);

        var alice = (await scenario.Repository.GetAsync(aliceId))!;
        Assert.Equal((IdentityState.Active, "Senior Engineer", "Alice", " ALICE@corp.example "), (alice.State, alice.GetValue("Title"), alice.GetValue("FirstName"), alice.GetValue("Mail")) with { Item4 = " ALICE@corp.example " });
        var bob = await scenario.IdentityOfAsync("E2");
        Assert.Equal(("Bob", "Lead"), (bob.GetValue("FirstName"), bob.GetValue("Title")));
        Assert.Equal(new DateOnly(2026, 1, 5), bob.GetValue("StartDate"));
        Assert.Equal(IdentityState.Deleted, (await scenario.LinksAsync()).Single(l => l.ResourceKey == "E3").State);
        Assert.Equal("Eve", (await scenario.IdentityOfAsync("E5")).GetValue("FirstName"));
        Assert.DoesNotContain(await scenario.EntriesAsync(), e => e.Order.ResourceKey == "E1" && e.Order.Kind == OrderKind.Deleted);   // the rehire came before the delete was due

        var history = new List<JobResult>();
        await foreach (var result in scenario.History.ListAsync("HR"))
        {
            history.Add(result);
        }

        Assert.Equal(results.Select(r => r.RunId).Reverse(), history.Select(r => r.RunId));
        Assert.Equal(results[^1].RunId, await scenario.Store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    public async Task RunAsync_SameDays_SqliteAndInMemoryGiveTheSameResultsIdentitiesAndJournal()
    {
        using var folder = new TempFolder();
        await using var sqlite = SqliteScenario.OnSqlite(folder.File("hr.db"));
        await using var memory = SqliteScenario.InMemoryDefaults();

        var (onSqlite, _) = await RunDaysAsync(sqlite);
        var (inMemory, _) = await RunDaysAsync(memory);

        // Run ids end with a random part (and order ids hash them): the rest must be the same.
        Assert.Equal(inMemory.Select(r => WithoutRunIds(r.ToJson())), onSqlite.Select(r => WithoutRunIds(r.ToJson())));
        Assert.Equal(await DescribeAsync(memory), await DescribeAsync(sqlite));
        Assert.Equal((await memory.Job.ReportAsync(includeValues: true)).Drifts.Select(d => d.ToString()), (await sqlite.Job.ReportAsync(includeValues: true)).Drifts.Select(d => d.ToString()));
    }

    /// <summary>The days of Core's end-to-end scenario: joiners and a correlation, hand edits and movers, a rehire, a future hire, a delayed delete.</summary>
    private static async Task<(List<JobResult> Results, string AliceId)> RunDaysAsync(SqliteScenario scenario)
    {
        var aliceId = await scenario.AddByHandAsync(("FirstName", "Alicia"), ("LastName", "Martin"), ("Mail", " ALICE@corp.example "));
        await scenario.AddByHandAsync(("FirstName", "Homer"), ("Mail", "homer@corp.example"));
        await scenario.AddByHandAsync(("FirstName", "Daniel"), ("Mail", "dan@corp.example"));
        await scenario.AddByHandAsync(("FirstName", "Danny"), ("Mail", "DAN@corp.example"));
        var results = new List<JobResult> { await scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan, Eve)) };

        scenario.NextDay();
        var bob = await scenario.IdentityOfAsync("E2");
        await scenario.EditByHandAsync(bob.Id, "Title", "Chief");
        await scenario.EditByHandAsync(bob.Id, "FirstName", "Robert");
        results.Add(await scenario.RunAsync(Departments, Lines(Bob, CarolMoved, Dan, Eve)));

        scenario.NextDay();
        results.Add(await scenario.RunAsync(Departments, Lines(AliceBack, BobPromoted, Dan, Eve)));

        scenario.NextDay(20);
        results.Add(await scenario.RunAsync(Departments, Lines(AliceBack, BobPromoted, Dan, Eve)));
        scenario.NextDay();
        results.Add(await scenario.RunAsync(Departments, Lines(AliceBack, BobPromoted, Dan, Eve)));

        scenario.NextDay(9);
        results.Add(await scenario.RunAsync(Departments, Lines(AliceBack, BobPromoted, Dan, Eve)));
        await scenario.EditByHandAsync(bob.Id, "Mail", "robert@corp.example");
        return (results, aliceId);
    }

    private static async Task<List<string>> DescribeAsync(SqliteScenario scenario)
    {
        var lines = new List<string>();
        foreach (var identity in await scenario.IdentitiesAsync())
        {
            lines.Add($"{identity.Id} {identity.State} " + string.Join(";", identity.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Describe(p.Value)}")));
        }

        foreach (var (entry, position) in (await scenario.EntriesAsync()).Select((e, i) => (e, i)))
        {
            var order = entry.Order;
            lines.Add($"#{position} {order.Kind} {order.ResourceKey} {order.IdentityId} {entry.State} {entry.Attempts} {entry.UpdatedAt:O} {entry.Handle} {entry.Error} {order.NotBefore:O} "
                // The SQLite journal drops the changes of a verified or cancelled entry (no longer needed); memory keeps them.
                + string.Join(";", (entry.State is OrderState.Verified or OrderState.Cancelled ? [] : order.Changes).Select(c => $"{c.Property}:{Describe(c.OldValue)}>{Describe(c.NewValue)}/{c.Policy}")));
        }

        foreach (var link in (await scenario.LinksAsync()).OrderBy(l => l.ResourceKey, StringComparer.Ordinal))
        {
            lines.Add(link.ToString());
        }

        return lines;
    }

    private static string Describe(object? value) => value is null ? "null" : $"{value.GetType().Name}:{value}";

    private static string WithoutRunIds(string json) => System.Text.RegularExpressions.Regex.Replace(json, "(\\d{8}T\\d{6}Z)-[0-9a-f]{12}", "$1");

    private static string Lines(params string[] lines) => string.Join("\n", lines);
}
