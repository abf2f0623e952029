using HrConnector.Jobs;
using HrConnector.Synchronization;
using HrConnector.Tests.Csv;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>Every kind of reject counts toward the reject limits of its entity type, dangling references included; a first load that keeps nothing fails.</summary>
public sealed class PlanBuilderGuardTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_FirstLoadWithAnEmptyDepartmentsFile_FailsOnTheShareOfDanglingRejectsAndCommitsNothing()
    {
        var (job, store) = Job(departments: "Code,Name,ParentCode\n", people: People(Person(1), Person(2), Person(3)));

        var result = await job.RunAsync(new JobRequest());

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(
            ["Person: 3 of 3 rows (100%) were rejected, dangling references included, more than the 10% allowed (MaxRejectPercent); nothing is applied. First reject: people.csv:2: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; nothing is stored for it."],
            result.Messages);
        Assert.Null(await store.GetLastRunIdAsync("HR"));
        Assert.Empty(await store.ReadAsync("HR", "Person").ToListAsync());
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_FirstLoadThatRejectsEveryRowWithTheLimitsOff_FailsAndCommitsNothing()
    {
        var (job, store) = Job(departments: "Code,Name,ParentCode\n", people: People(Person(1), Person(2)), maxRejectPercent: 0);

        var result = await job.RunAsync(new JobRequest());

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(
            ["Person: all 2 rows were rejected and none is stored yet; a first load that keeps nothing is never trusted, so nothing is applied. First reject: people.csv:2: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; nothing is stored for it."],
            result.Messages);
        Assert.Null(await store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_DanglingRejectsOverMaxRejects_FailsWithTheCountAndTheLimit()
    {
        var (job, store) = Job(departments: Departments, people: People(Person(1), Person(2, department: "D8"), Person(3, department: "D9"), Person(4)), maxRejects: 1, maxRejectPercent: 0);

        var result = await job.RunAsync(new JobRequest());

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(
            ["Person: 2 of 4 rows were rejected, dangling references included, more than the 1 allowed (MaxRejects); nothing is applied. First reject: people.csv:3: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; nothing is stored for it."],
            result.Messages);
        Assert.Null(await store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_FewDanglingRejectsUnderTheLimits_SucceedsWithWarnings()
    {
        var people = People([.. Enumerable.Range(1, 19).Select(n => Person(n)), Person(20, department: "D9")]);
        var (job, store) = Job(departments: Departments, people: people);

        var result = await job.RunAsync(new JobRequest());

        Assert.Equal(JobStatus.SucceededWithWarnings, result.Status);
        Assert.Equal(19, (await store.ReadAsync("HR", "Person").ToListAsync()).Count);
        Assert.Equal(1, result.EntityTypes.Single(e => e.EntityType == "Person").Rejected);
    }

    private (SynchronizationJob Job, InMemoryResourceStore Store) Job(string departments, string people, int maxRejects = 0, double maxRejectPercent = 10)
    {
        _folder.WriteUtf8("departments.csv", departments);
        _folder.WriteUtf8("people.csv", people);
        var builder = Builder();
        builder.BaseDirectory(_folder.Root);
        foreach (var connection in builder.Options.Connections)
        {
            connection.MaxRejects = maxRejects;
            connection.MaxRejectPercent = maxRejectPercent;
        }

        var store = new InMemoryResourceStore();
        return (new SynchronizationJob(builder.Build(), store: store, runLock: new InMemoryConnectorRunLock()), store);
    }
}
