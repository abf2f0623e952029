using HrConnector.Jobs;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IJobHistory"/>, run against every implementation.</summary>
public abstract class JobHistoryContract : IDisposable
{
    private readonly Databases _databases = new();

    protected abstract IJobHistory CreateHistory(Databases databases);

    public void Dispose()
    {
        _databases.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ListAsync_NewestFirst_PerConnectorIgnoringCase_AsTheJsonHasIt()
    {
        var history = CreateHistory(_databases);
        var started = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
        await history.AddAsync(new JobResult { Connector = "HR", RunId = "R1", Status = JobStatus.Succeeded, StartedAt = started, Messages = ["one"] });
        await history.AddAsync(new JobResult { Connector = "Payroll", RunId = "P1", Status = JobStatus.Failed });
        await history.AddAsync(new JobResult { Connector = "hr", RunId = "R2", Status = JobStatus.Blocked, Steps = [new StepTiming("Read", TimeSpan.FromSeconds(1.5))] });

        var results = new List<JobResult>();
        await foreach (var result in history.ListAsync("HR"))
        {
            results.Add(result);
        }

        Assert.Equal(["R2", "R1"], results.Select(r => r.RunId));
        Assert.Equal(JobStatus.Blocked, results[0].Status);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Assert.Single(results[0].Steps).Duration);
        Assert.Equal((started, "one"), (results[1].StartedAt, Assert.Single(results[1].Messages)));
        Assert.Empty(results[1].Orders);
    }
}

/// <summary>The contract of <see cref="IConnectorRunLock"/>, run against every implementation.</summary>
public abstract class ConnectorRunLockContract : IDisposable
{
    private readonly Databases _databases = new();

    protected abstract IConnectorRunLock CreateLock(Databases databases);

    public void Dispose()
    {
        _databases.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task TryAcquireAsync_OnePerConnector_IgnoringCase_ReleasedOnDispose()
    {
        var runLock = CreateLock(_databases);
        var first = await runLock.TryAcquireAsync("HR");
        Assert.NotNull(first);
        Assert.Null(await runLock.TryAcquireAsync("HR"));
        Assert.Null(await runLock.TryAcquireAsync("hr"));

        var other = await runLock.TryAcquireAsync("Payroll");
        Assert.NotNull(other);
        await first.DisposeAsync();

        var again = await runLock.TryAcquireAsync("HR");
        Assert.NotNull(again);
        await again.DisposeAsync();
        await other.DisposeAsync();
    }
}

public sealed class InMemoryJobHistoryTests : JobHistoryContract
{
    protected override IJobHistory CreateHistory(Databases databases) => new InMemoryJobHistory();
}

public sealed class SqliteJobHistoryTests : JobHistoryContract
{
    protected override IJobHistory CreateHistory(Databases databases) => databases.Open().History;
}

public sealed class InMemoryConnectorRunLockTests : ConnectorRunLockContract
{
    protected override IConnectorRunLock CreateLock(Databases databases) => new InMemoryConnectorRunLock();
}

public sealed class SqliteConnectorRunLockTests : ConnectorRunLockContract
{
    protected override IConnectorRunLock CreateLock(Databases databases) => databases.Open().RunLock;

    [Fact]
    public async Task TryAcquireAsync_TwoDatabasesOnTheSameFile_OneRunAtATime()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var first = databases.Open(path);
        var second = databases.Open(path);

        var held = await first.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(held);
        Assert.Null(await second.RunLock.TryAcquireAsync("HR"));
        Assert.NotNull(await second.RunLock.TryAcquireAsync("Other") is { } other ? other : null);
        await held.DisposeAsync();
        var taken = await second.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(taken);
        Assert.Null(await first.RunLock.TryAcquireAsync("HR"));
        await taken.DisposeAsync();
    }
}
