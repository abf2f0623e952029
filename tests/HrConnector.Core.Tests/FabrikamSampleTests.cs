using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Csv;

namespace HrConnector.Tests;

/// <summary>The sample company of samples/fabrikam, day 1 then day 2, on the in-memory defaults: scope, generated logins and references to managers' identities included.</summary>
[Trait("Category", "IdentityShaping")]
public sealed class FabrikamSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-fabrikam-").FullName;

    public FabrikamSampleTests()
    {
        // The committed sample, copied by exact name: never the working copy, whose inbox may hold day 2 already.
        Shared.SampleFiles.CopyFabrikam(_folder, new DateTime(2026, 11, 25, 6, 0, 0, DateTimeKind.Utc));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task DayOneThenDayTwo_GivesTheJoinersMoversAndLeaversOfTheStory()
    {
        var connector = ConnectorConfiguration.FromJsonFile(Path.Combine(_folder, "connector.json"));
        var repository = new InMemoryIdentityRepository();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero));
        var journal = new InMemoryProvisioningJournal();
        var job = new SynchronizationJob(connector, repository: repository, journal: journal, timeProvider: clock, runLock: new InMemoryConnectorRunLock());
        Task<Identity> IdentityOfAsync(string key) => Shared.ScenarioReads.IdentityOfAsync(journal, repository, key, "Fabrikam_HR");

        var day1 = await job.RunAsync();
        Assert.Equal(JobStatus.Succeeded, day1.Status);
        Assert.Equal([8, 25], day1.EntityTypes.Select(e => e.Inserted));
        Assert.Equal(24, day1.Provisioning!.Orders[OrderKind.Added]);               // F0029, an intern, is out of scope
        Assert.Equal(24, repository.Count);

        // Every manager joined with their reports: the same run sets each Manager to the manager's identity id.
        Assert.Equal(23, day1.Provisioning.Orders[OrderKind.Modified]);
        Assert.All(day1.Orders.Where(o => o.Kind == OrderKind.Modified), o => Assert.Equal(OrderReason.ReferenceResolved, o.Reason));
        Assert.Equal((await IdentityOfAsync("F0013")).Id, (await IdentityOfAsync("F0014")).GetValue("Manager"));
        Assert.Equal("cmartin", (await IdentityOfAsync("F0006")).GetValue("Login"));
        Assert.Equal("mnunezgarcia", (await IdentityOfAsync("F0005")).GetValue("Login"));
        Assert.Equal("jweiss", (await IdentityOfAsync("F0002")).GetValue("Login"));

        foreach (var file in Directory.EnumerateFiles(Path.Combine(_folder, "day2")))
        {
            var target = Path.Combine(_folder, "inbox", Path.GetFileName(file));
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, new DateTime(2026, 11, 26, 6, 0, 0, DateTimeKind.Utc));
        }

        clock.Advance(TimeSpan.FromDays(1));
        var day2 = await job.RunAsync();
        Assert.Equal(JobStatus.SucceededWithWarnings, day2.Status);
        var people = day2.EntityTypes.Single(e => e.EntityType == "Person");
        Assert.Equal((3, 3, 2, 1), (people.Inserted, people.Updated, people.Deleted, people.Rejected));
        var reject = Assert.Single(day2.Rejects);
        Assert.Equal(("people_20261126.csv", 27L, "HireDate", RejectReason.InvalidValue), (reject.File, reject.Line, reject.Column, reject.Reason));
        var orders = day2.Orders.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.Select(o => o.ResourceKey).Order().ToArray());
        Assert.Equal(["F0025", "F0026"], orders[OrderKind.Added]);                 // F0027 starts in 2030
        Assert.Equal(["F0012", "F0019", "F0021"], orders[OrderKind.Modified]);
        Assert.Equal(["F0009", "F0017"], orders[OrderKind.Deactivated]);
        Assert.False(orders.ContainsKey(OrderKind.Deleted));                      // a run 90 days after the deactivation deletes them
        Assert.Equal(1, day2.Provisioning!.Deferred);
        Assert.Equal(26, repository.Count);

        // Clara Martin joins: Chloé Martin holds cmartin. Hanna's new manager is Thomas's identity.
        Assert.Equal("cmartin2", (await IdentityOfAsync("F0026")).GetValue("Login"));
        Assert.Equal((await IdentityOfAsync("F0013")).Id, (await IdentityOfAsync("F0012")).GetValue("Manager"));
    }
}
