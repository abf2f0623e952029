using System.Diagnostics;
using System.Globalization;
using System.Text;
using HrConnector.Synchronization;

namespace HrConnector.Benchmarks;

/// <summary>
/// <c>sync-macro --rows N [--dir DIR]</c>: the daily synchronization at scale. Generates an N-row HR file (today) and
/// derives yesterday's from it (1% of rows differ: a third inserted today, a third updated, a third deleted),
/// loads yesterday into an in-memory store (Initial mode), then in one process times a raw CsvHelper parse of every
/// field of today's file and the full plan of today (read, map, diff, references, thresholds). Prints one line:
/// <c>rows=… raw_parse_s=… plan_s=… ratio=… peak_mb=…</c> and the plan's counts. Each timing is the best of two runs.
/// </summary>
public static class SyncMacro
{
    /// <summary>One in this many rows is inserted today, one is updated, one is deleted: 1% of rows change.</summary>
    private const int ChangeEvery = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Measure.TryParseRowsAndDirectory(args, "sync-macro", out var rows, out var directory))
        {
            return 1;
        }

        directory ??= Path.Combine(Path.GetTempPath(), "hrconnector-bench", "sync-" + rows.ToString(CultureInfo.InvariantCulture));
        var (today, departments) = HrDataGenerator.WriteFiles(Path.Combine(directory, "today"), rows);
        var yesterday = Path.Combine(directory, "yesterday-people.csv");
        WriteYesterday(today, yesterday, rows);

        var store = new InMemoryResourceStore();
        var load = Stopwatch.StartNew();
        var yesterdaySync = new Synchronizer(BenchmarkConnector.Create(yesterday, departments).Model, store);
        var initial = await yesterdaySync.PreviewAsync(SynchronizationMode.Initial);
        await yesterdaySync.ApplyAsync(initial);
        load.Stop();
        initial = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var raw = Math.Min(Measure.Seconds(() => Measure.RawParse(today)), Measure.Seconds(() => Measure.RawParse(today)));
        var todaySync = new Synchronizer(BenchmarkConnector.Create(today, departments).Model, store);
        SyncPlan? plan = null;
        var planSeconds = double.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            plan = null;
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            plan = await todaySync.PreviewAsync(SynchronizationMode.Complete);
            planSeconds = Math.Min(planSeconds, stopwatch.Elapsed.TotalSeconds);
        }

        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var people = plan!["Person"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} raw_parse_s={raw:F3} plan_s={planSeconds:F3} ratio={planSeconds / raw:F2} peak_mb={peakMb:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  load_s={load.Elapsed.TotalSeconds:F3} inserts={people.Inserts.Count} updates={people.Updates.Count} deletes={people.Deletes.Count} unchanged={people.UnchangedCount} rejects={people.Rejects.Count} status={plan.Status}"));
        return 0;
    }

    /// <summary>
    /// Yesterday = today without its last rows (the newest hires, inserted today, 1 in 300), with an older LastModified
    /// on 1 row in 300 (updated today), and with an extra row after 1 row in 300 (a leaver, deleted today).
    /// </summary>
    internal static void WriteYesterday(string today, string yesterday, int rows)
    {
        var hiredToday = rows / ChangeEvery;
        using var reader = new StreamReader(today, Encoding.UTF8);
        using var writer = new StreamWriter(yesterday, append: false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        writer.WriteLine(reader.ReadLine());
        var index = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            index++;
            if (index > rows - hiredToday)
            {
                break;
            }

            switch (index % ChangeEvery)
            {
                case 100:
                    writer.WriteLine(string.Concat(line.AsSpan(0, line.LastIndexOf(',') + 1), "2020-01-01T00:00:00Z"));
                    break;
                case 200:
                    writer.WriteLine(line);
                    writer.WriteLine(string.Concat("X", line.AsSpan(1)));
                    break;
                default:
                    writer.WriteLine(line);
                    break;
            }
        }
    }
}
