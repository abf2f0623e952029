using System.Diagnostics;
using System.Globalization;
using HrConnector.Sqlite;
using HrConnector.Synchronization;

namespace HrConnector.Benchmarks;

/// <summary>
/// <c>sqlite-commit --rows N [--dir DIR]</c>: the SQLite resource store at scale. In a new database file, times
/// (1) the commit of a plan that inserts N resources into the empty store (the first load), (2) the commit of a
/// 1%-change plan on that store (a third inserts, a third updates, a third deletes), and (3) reading the N stored
/// resources back, as the next day's plan does. Payloads are 90 to 170 random bytes (the size of an encoded HR
/// record of about ten properties). Prints one line per measure, and the file size and peak memory.
/// </summary>
public static class SqliteCommit
{
    /// <summary>One in this many rows is inserted, one is updated, one is deleted: 1% of rows change.</summary>
    private const int ChangeEvery = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Measure.TryParseRowsAndDirectory(args, "sqlite-commit", out var rows, out var directory))
        {
            return 1;
        }

        directory ??= Path.Combine(Path.GetTempPath(), "hrconnector-bench", "sqlite-" + rows.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "hr.db");
        foreach (var file in Directory.GetFiles(directory, "hr.db*"))
        {
            File.Delete(file);
        }

        var random = new Random(42);
        var resources = new StoredResource[rows];
        for (var i = 0; i < rows; i++)
        {
            resources[i] = Resource(random, i);
        }

        await using var database = SqliteDatabase.Open(path);
        var store = database.ResourceStore;

        // (1) The first load: N inserts.
        var first = new ResourceStoreCommit("HR", "R1", null, [new EntityTypeCommit("Person", "schema", false, resources, [])]);
        var insert = await TimeAsync(() => store.CommitAsync(first));
        Print($"sqlite_commit_insert rows={rows} seconds={insert:F3} rows_per_s={rows / insert:F0}");

        // (2) The next day: 1% of the rows change.
        var upserts = new List<StoredResource>();
        var deletes = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            switch (i % ChangeEvery)
            {
                case 0:
                    upserts.Add(Resource(random, rows + i));
                    break;
                case 1:
                    upserts.Add(Resource(random, i));
                    break;
                case 2:
                    deletes.Add(Key(i));
                    break;
            }
        }

        var second = new ResourceStoreCommit("HR", "R2", "R1", [new EntityTypeCommit("Person", "schema", false, upserts, deletes)]);
        var change = await TimeAsync(() => store.CommitAsync(second));
        var changes = upserts.Count + deletes.Count;
        Print($"sqlite_commit_1pct rows={rows} changes={changes} seconds={change:F3} changes_per_s={changes / change:F0}");

        // (3) The day after: the plan reads the whole store.
        long bytes = 0;
        long count = 0;
        var read = await TimeAsync(async () =>
        {
            await foreach (var resource in store.ReadAsync("HR", "Person"))
            {
                bytes += resource.Payload.Length;
                count++;
            }
        });
        Print($"sqlite_read rows={count} seconds={read:F3} rows_per_s={count / read:F0} payload_mb={bytes / 1048576.0:F0}");

        var fileMb = new FileInfo(path).Length / 1048576.0;
        var walMb = File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length / 1048576.0 : 0;
        Print($"  file_mb={fileMb:F0} wal_mb={walMb:F0} peak_mb={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} count={await store.CountAsync("HR", "Person")}");
        return 0;
    }

    private static StoredResource Resource(Random random, int index)
    {
        var payload = new byte[90 + random.Next(80)];
        random.NextBytes(payload);
        return new StoredResource(Key(index), payload, (ulong)random.NextInt64());
    }

    private static string Key(int index) => "P" + index.ToString("D8", CultureInfo.InvariantCulture);

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        GC.Collect();
        var stopwatch = Stopwatch.StartNew();
        await action();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
