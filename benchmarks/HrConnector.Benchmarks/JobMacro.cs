using System.Diagnostics;
using System.Globalization;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Sqlite;

namespace HrConnector.Benchmarks;

/// <summary>
/// <c>job-macro --rows N [--dir DIR] [--sqlite]</c>: the whole job with provisioning, two days. Day 1 loads N people
/// (Initial mode) and provisions one identity each; day 2 is the daily file of <c>sync-macro</c> (1% changed:
/// joiners, updates, leavers), applied with force (it is over the default thresholds). On the in-memory defaults, or
/// on a SQLite database with <c>--sqlite</c>. Prints, per day, the seconds of the whole run and of each step, and the
/// orders executed.
/// </summary>
public static class JobMacro
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sqlite = args.Contains("--sqlite");
        if (!Measure.TryParseRowsAndDirectory([.. args.Where(a => a != "--sqlite")], "job-macro", out var rows, out var directory))
        {
            return 1;
        }

        directory ??= Path.Combine(Path.GetTempPath(), "hrconnector-bench", "job-" + rows.ToString(CultureInfo.InvariantCulture));
        var (today, departments) = HrDataGenerator.WriteFiles(Path.Combine(directory, "today"), rows);
        var yesterday = Path.Combine(directory, "yesterday-people.csv");
        SyncMacro.WriteYesterday(today, yesterday, rows);

        var databasePath = Path.Combine(directory, "job.db");
        foreach (var file in Directory.GetFiles(directory, "job.db*"))
        {
            File.Delete(file);
        }

        await using var database = sqlite ? SqliteDatabase.Open(databasePath) : null;
        var store = database?.ResourceStore ?? new Synchronization.InMemoryResourceStore();
        var repository = database?.IdentityRepository ?? new InMemoryIdentityRepository();
        var journal = database?.Journal ?? new InMemoryProvisioningJournal();
        var history = database?.History ?? new InMemoryJobHistory();

        foreach (var (day, file, request) in new[]
        {
            ("day1", yesterday, new JobRequest { Mode = Synchronization.SynchronizationMode.Initial }),
            ("day2", today, new JobRequest { Force = true }),
        })
        {
            var connector = Connector(file, departments);
            var job = new SynchronizationJob(connector, store, repository, journal: journal, history: history, runLock: new InMemoryConnectorRunLock());
            GC.Collect();
            var pauses = GC.GetTotalPauseDuration();
            var gen2 = GC.CollectionCount(2);
            var stopwatch = Stopwatch.StartNew();
            var result = await job.RunAsync(request);
            stopwatch.Stop();
            var steps = string.Join(" ", result.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step.ToString().ToLowerInvariant()}_s={s.Duration.TotalSeconds:F3}")));
            var orders = string.Join(",", result.Provisioning!.Orders.Where(o => o.Value > 0).Select(o => $"{o.Key}:{o.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day} rows={rows} store={(sqlite ? "sqlite" : "memory")} status={result.Status} total_s={stopwatch.Elapsed.TotalSeconds:F3} {steps} executed={result.Provisioning.Executed} orders={orders} peak_mb={Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):F0} gc_pause_s={(GC.GetTotalPauseDuration() - pauses).TotalSeconds:F1} gen2={GC.CollectionCount(2) - gen2}{DatabaseSize(databasePath, sqlite)}"));
        }

        return 0;
    }

    /// <summary>The size of the database file and its WAL, in MB, as <c> db_mb=…</c>; empty in memory.</summary>
    private static string DatabaseSize(string path, bool sqlite)
    {
        if (!sqlite)
        {
            return string.Empty;
        }

        var bytes = new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return string.Create(CultureInfo.InvariantCulture, $" db_mb={bytes / (1024.0 * 1024.0):F0}");
    }

    private static HrConnector.Connector Connector(string people, string departments)
    {
        var builder = BenchmarkConnector.Builder(people, departments).Provision("Person", p => p
            .Property("FirstName", policy: OwnershipPolicy.Authoritative)
            .Property("LastName", policy: OwnershipPolicy.Authoritative)
            .Property("Mail", "Email")
            .Property("Title", "JobTitle")
            .Property("Department")
            .Property("Manager")
            .Property("EmployeeType")
            .Property("HrLastModified", "LastModified")
            .Leavers(LeaverAction.Deactivate));
        return builder.Build();
    }
}
