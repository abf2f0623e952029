using HrConnector;
using System.Globalization;
using HrConnector.Jobs;
using HrConnector.Sqlite;
using HrConnector.Sqlite.CrashHarness;
using HrConnector.Synchronization;
using HrConnector.Modeling;

// usage: <database> <launcher log> <people>
// Prints "STEP <name>" when a step of the job starts, "COMMIT" when the resource store commit starts, and
// "DONE <status>" at the end; the test kills the process somewhere in between.
var database = SqliteDatabase.Open(args[0]);
using var launcher = new FileWorkflowLauncher(args[1], database.IdentityRepository);
var people = int.Parse(args[2], CultureInfo.InvariantCulture);
var connector = CrashScenario.Build();
var request = CrashScenario.Request(connector, people);
var job = new SynchronizationJob(connector, new MarkedStore(database.ResourceStore), database.IdentityRepository, launcher, database.Journal, runLock: database.RunLock, history: database.History);
var result = await job.RunAsync(request, new StepPrinter());
Console.WriteLine("DONE " + result.Status);
await database.DisposeAsync();
return 0;

/// <summary>Prints the start of each step (synchronously: Progress&lt;T&gt; posts to the thread pool, too late for a marker).</summary>
internal sealed class StepPrinter : IProgress<JobProgress>
{
    private JobStep? _step;

    public void Report(JobProgress value)
    {
        if (value.Step != _step)
        {
            _step = value.Step;
            Console.WriteLine("STEP " + value.Step);
            Console.Out.Flush();
        }
    }
}

/// <summary>The SQLite store, printing a marker when a commit starts.</summary>
internal sealed class MarkedStore(IResourceStore inner) : IResourceStore
{
    public ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default) => inner.GetSchemaAsync(connector, entityType, cancellationToken);

    public ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default) => inner.CountAsync(connector, entityType, cancellationToken);

    public IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, CancellationToken cancellationToken = default) => inner.ReadAsync(connector, entityType, cancellationToken);

    public ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default) => inner.GetLastRunIdAsync(connector, cancellationToken);

    public Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default)
    {
        Console.WriteLine("COMMIT");
        Console.Out.Flush();
        return inner.CommitAsync(commit, cancellationToken);
    }
}
