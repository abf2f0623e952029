using HrConnector.Jobs;
using HrConnector.Provisioning;

using static HrConnector.Tests.Shared.ScenarioRows;

namespace HrConnector.Sqlite.Tests.Jobs;

/// <summary>The correlation review on SQLite: the cases and decisions outlive the process, and the next run acts on them.</summary>
[Trait("Category", "Review")]
public sealed class SynchronizationJobOnSqliteReviewTests
{
    [Fact]
    public async Task Review_OnSqlite_CasesAndDecisionsSurviveAReopen_TheNextRunActsOnThem()
    {
        using var folder = new TempFolder();
        await using var scenario = SqliteScenario.OnSqlite(folder.File("hr.db"));
        var daniel = await scenario.AddByHandAsync(("FirstName", "Daniel"), ("Mail", "dan@corp.example"));
        var danny = await scenario.AddByHandAsync(("FirstName", "Danny"), ("Mail", "DAN@corp.example"));
        var people = string.Join("\n", Alice, Bob, Carol, Dan);

        var day1 = await scenario.RunAsync(Departments, people);
        Assert.Equal("E4", Assert.Single(day1.Provisioning!.Review).ResourceKey);

        scenario.Reopen();
        var item = Assert.Single(await Review(scenario).ListAsync());
        Assert.Equal("E4", item.ResourceKey);
        Assert.False(string.IsNullOrEmpty(item.Case!.Rule));
        Assert.Equal(new[] { daniel, danny }.Order(StringComparer.Ordinal), item.Case.Candidates);
        await Review(scenario).LinkAsync("E4", danny, "alice");

        scenario.NextDay();
        var listed = Assert.Single(await Review(scenario).ListAsync());
        Assert.Equal((CorrelationDecisionKind.Link, danny, "alice"), (listed.Decision!.Kind, listed.Decision.IdentityId, listed.Decision.DecidedBy));
        var day2 = await scenario.RunAsync(Departments, people);

        Assert.Equal(1, day2.Provisioning!.Orders[OrderKind.Linked]);
        var dan = await scenario.IdentityOfAsync("E4");
        Assert.Equal((danny, "Dan"), (dan.Id, dan.GetValue("FirstName")));
        scenario.Reopen();
        Assert.Empty(await Review(scenario).ListAsync());
    }

    private static CorrelationReview Review(SqliteScenario scenario) => new SynchronizationJob(scenario.Connector, scenario.Store, scenario.Repository, journal: scenario.Journal, timeProvider: scenario.Clock).GetCorrelationReview();
}
