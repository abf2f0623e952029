using HrConnector;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Sqlite;

namespace MyProduct;

/// <summary>HrConnector.Sqlite without dependency injection: one file holds the store, identities, journal, history and run lock.</summary>
public static class EmbeddedSqlite
{
    public static async Task<JobResult> RunAsync(Connector connector, IWorkflowLauncher launcher, CancellationToken cancellationToken = default)
    {
        await using var database = SqliteDatabase.Open("hr.db");
        var job = new SynchronizationJob(connector, database.ResourceStore, database.IdentityRepository, launcher,
            database.Journal, runLock: database.RunLock, history: database.History);
        return await job.RunAsync(JobRequest.Apply, progress: null, cancellationToken);
    }
}
