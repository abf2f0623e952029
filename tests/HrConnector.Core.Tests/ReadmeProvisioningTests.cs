using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HrConnector.Tests;

/// <summary>The provisioning and dependency-injection code of README.md, run as written.</summary>
[Collection(SharedRunLock.Name)]
public sealed class ReadmeProvisioningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-readme-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ProvisionExample_PreviewThenApply_CreatesIdentitiesUnderTheirPolicies()
    {
        File.WriteAllText(Path.Combine(_folder, "people.csv"), "EmployeeId,FirstName,LastName,Email,Phone,HireDate,DepartmentCode\nE1,Zoé,Weiß,zoe@corp.example,123,2020-01-01,D1\nE2,Tom,Ray,TOM@corp.example ,456,2020-01-01,D1\n");
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), "Code,Name\nD1,Engineering\n");
        var store = new InMemoryResourceStore();
        var repository = new InMemoryIdentityRepository();
        var tom = repository.Add(new Dictionary<string, object?> { ["Mail"] = "tom@corp.example", ["FirstName"] = "Thomas" });
        var journal = new InMemoryProvisioningJournal();
        var launcher = new RepositoryWorkflowLauncher(repository);

        // README: "Provision identities", with the entity types, connections and mappings of this test.
        var connector = new ConnectorBuilder("HR")
            .BaseDirectory(_folder)
            .EntityType("Department", e => e.Property("Name"))
            .EntityType("Person", e => e
                .Property("FirstName").Property("LastName").Property("Email").Property("Phone")
                .Property("HireDate", PropertyType.Date)
                .Navigation("Department", "Department"))
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Department", "departments", "Code", m => m.Column("Name", "Name"))
            .Map("Person", "people", "EmployeeId", m => m
                .Column("FirstName", "FirstName").Column("LastName", "LastName").Column("Email", "Email")
                .Column("Phone", "Phone").Date("HireDate", "HireDate", "yyyy-MM-dd").Column("Department", "DepartmentCode"))
            .Provision("Person", p => p
                .Property("FirstName", policy: OwnershipPolicy.Authoritative)     // HR always wins
                .Property("LastName", policy: OwnershipPolicy.Authoritative)
                .Property("Mail", source: "Email")                                // OnChange (default): a hand edit survives until HR changes it
                .Property("Phone", policy: OwnershipPolicy.InitialOnly)           // set at creation only
                .Property("Department")                                           // a navigation property carries the target's HR key
                .Correlate("Email", "Mail", normalization: MatchNormalization.Case | MatchNormalization.Whitespace)
                .Leavers(LeaverAction.Deactivate, deleteAfterDays: 30)
                .StartDate("HireDate", preStartDays: 7))
            .Build();

        var job = new SynchronizationJob(connector, store, repository, launcher, journal);   // every argument but the connector is optional
        JobResult preview = await job.RunAsync(JobRequest.Preview);   // plan + orders computed, nothing written
        JobResult result = await job.RunAsync(JobRequest.Apply);      // or new JobRequest { Force = true } after reviewing a Blocked run
        File.WriteAllText(Path.Combine(_folder, "job.json"), result.ToJson());

        Assert.Equal(1, preview.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(0, preview.Provisioning.Dispatched);
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(1, result.Provisioning!.Situations[CorrelationSituation.Unlinked]);
        Assert.Equal("Tom", (await repository.GetAsync(tom))!.GetValue("FirstName"));
        Assert.Equal(2, repository.Count);
        Assert.DoesNotContain("Zoé", File.ReadAllText(Path.Combine(_folder, "job.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DependencyInjectionExample_ResolvesTheNamedConnectorOnTheHostRepository()
    {
        File.WriteAllText(Path.Combine(_folder, "people.csv"), "EmployeeId,LastName\nE1,Weiß\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HrConnector:Identifier"] = "HR",
            ["HrConnector:BaseDirectory"] = _folder,
            ["HrConnector:EntityTypes:0:Identifier"] = "Person",
            ["HrConnector:EntityTypes:0:Properties:0:Identifier"] = "LastName",
            ["HrConnector:Connections:0:Identifier"] = "people",
            ["HrConnector:Connections:0:Path"] = "people.csv",
            ["HrConnector:Mappings:0:EntityType"] = "Person",
            ["HrConnector:Mappings:0:Connection"] = "people",
            ["HrConnector:Mappings:0:KeyColumn"] = "EmployeeId",
            ["HrConnector:Mappings:0:Properties:0:Property"] = "LastName",
            ["HrConnector:Mappings:0:Properties:0:Column"] = "LastName",
            ["HrConnector:Provisioning:EntityType"] = "Person",
            ["HrConnector:Provisioning:Properties:0:Identity"] = "LastName",
        }).Build();
        var services = new ServiceCollection();
        var hostRepository = new InMemoryIdentityRepository();

        // README: "Register with dependency injection".
        services.AddHrConnector("hr", configuration.GetSection("HrConnector"));     // strict binding, validated at start
        services.AddSingleton<IIdentityRepository>(hostRepository);                // replaces the in-memory default
        using var provider = services.BuildServiceProvider();
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr");
        var progress = new List<JobProgress>();
        var result = await job.RunAsync(JobRequest.Apply, new Progress(progress.Add), CancellationToken.None);

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal("Weiß", Assert.Single(await hostRepository.ListAsync().ToListAsync()).GetValue("LastName"));
        Assert.Contains(progress, p => p.Step == JobStep.Dispatch);
        Assert.Equal([JobStep.Resume, JobStep.Read, JobStep.Plan, JobStep.Provision, JobStep.Stage, JobStep.Commit, JobStep.Release, JobStep.Dispatch], result.Steps.Select(s => s.Step));
    }

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so that the test sees every report.</summary>
    private sealed class Progress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
