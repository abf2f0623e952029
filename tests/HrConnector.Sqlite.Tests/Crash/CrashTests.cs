using System.Diagnostics;
using System.Reflection;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Sqlite.CrashHarness;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HrConnector.Sqlite.Tests.Crash;

/// <summary>
/// A child process runs the job on a SQLite file and is killed at a random point of the commit or of the dispatch;
/// the job then runs again, in this process, on the same file. Nothing may be lost, half-applied or started twice.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int People = 1000;
    private const int Trials = 24;

    private static readonly string HarnessPath = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CrashHarnessPath").Value!;

    [Fact]
    public async Task RunAsync_ChildKilledDuringCommitOrDispatch_NextRunFinishesWithEveryOrderStartedOnce()
    {
        Assert.True(File.Exists(HarnessPath), $"The crash harness is not built: {HarnessPath}");
        var random = new Random(20261126);
        var outcomes = new List<string>();
        for (var trial = 0; trial < Trials; trial++)
        {
            using var folder = new TempFolder();
            var path = folder.File("hr.db");
            var log = folder.File("launcher.log");

            // Even trials aim at the commit (killed 0–250 ms after it starts), odd ones at the dispatch (0–700 ms in).
            var duringCommit = trial % 2 == 0;
            var marker = duringCommit ? "COMMIT" : "STEP Dispatch";
            var delay = TimeSpan.FromMilliseconds(duringCommit ? random.Next(0, 250) : random.Next(0, 700));
            var watch = Stopwatch.StartNew();
            var finished = await RunChildAndKillAsync(path, log, marker, delay);
            var child = watch.Elapsed;
            var outcome = finished ? "finished before the kill" : Classify(path);
            outcomes.Add(outcome);
            var messages = await FinishAndCheckAsync(path, log);
            output.WriteLine($"trial {trial}: aimed at {(duringCommit ? "commit" : "dispatch")} +{delay.TotalMilliseconds} ms: {outcome} (child {child.TotalSeconds:F1} s, next run {(watch.Elapsed - child).TotalSeconds:F1} s{messages})");
        }

        var summary = string.Join(", ", outcomes.GroupBy(o => o.Split(':')[0]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine(summary);
        Console.WriteLine($"Crash trials ({Trials}): {summary}");
        Assert.Contains(outcomes, o => o.StartsWith("killed during the commit", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.StartsWith("killed during the dispatch", StringComparison.Ordinal));
    }

    /// <summary>Starts the harness and kills it <paramref name="delay"/> after it printed <paramref name="marker"/>; returns whether it finished first.</summary>
    private static async Task<bool> RunChildAndKillAsync(string path, string log, string marker, TimeSpan delay)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { HarnessPath, path, log, People.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var markerSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = false;
        var errors = child.StandardError.ReadToEndAsync();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == marker)
                {
                    markerSeen.TrySetResult();
                }

                done |= line.StartsWith("DONE", StringComparison.Ordinal);
            }

            markerSeen.TrySetResult();
        });

        await markerSeen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(delay);
        try
        {
            child.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had ended already.
        }

        await child.WaitForExitAsync();
        await reading;
        if (!done && child.ExitCode == 0)
        {
            Assert.Fail("The harness ended without finishing: " + await errors);
        }

        return done;
    }

    /// <summary>Tells from the database where the kill landed.</summary>
    private static string Classify(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var committed = Scalar(connection, "SELECT COUNT(*) FROM store_connector;") is > 0L;
        var staged = Scalar(connection, "SELECT COUNT(*) FROM journal_staged_run;") is > 0L;
        var orders = (long)Scalar(connection, "SELECT COUNT(*) FROM journal_order;")!;
        var executed = (long)Scalar(connection, "SELECT COUNT(*) FROM journal_order WHERE state = 4;")!;
        return (committed, staged) switch
        {
            (false, false) => "killed before the commit: nothing staged",
            (false, true) => $"killed during the commit: {orders} orders staged, store unchanged (rolled back)",
            (true, true) => "killed right after the commit: store committed, orders not released yet",
            _ => $"killed during the dispatch: {executed} of {orders} orders executed",
        };
    }

    /// <summary>Runs the job to the end in this process, then checks the database, the journal and the launcher's log.</summary>
    private static async Task<string> FinishAndCheckAsync(string path, string log)
    {
        var connector = CrashScenario.Build();
        JobResult result;
        List<JournalEntry> entries = [];
        List<IdentityLink> links = [];
        List<string> identities = [];
        await using (var database = SqliteDatabase.Open(path))
        {
            using (var launcher = new FileWorkflowLauncher(log, database.IdentityRepository))
            {
                // The run lock of the killed process must not block this run.
                result = await CrashScenario.Job(connector, database, launcher).RunAsync(CrashScenario.Request(connector, People));
            }

            Assert.Equal(JobStatus.Succeeded, result.Status);
            Assert.Equal(result.RunId, await database.ResourceStore.GetLastRunIdAsync(CrashScenario.Connector));
            Assert.Equal(People, await database.ResourceStore.CountAsync(CrashScenario.Connector, "Person"));
            Assert.Equal(CrashScenario.Badges, await database.ResourceStore.CountAsync(CrashScenario.Connector, "Badge"));
            Assert.Null(await database.Journal.GetStagedRunAsync(CrashScenario.Connector));
            await foreach (var entry in database.Journal.ReadAsync(CrashScenario.Connector, openOnly: false))
            {
                entries.Add(entry);
            }

            await foreach (var link in database.Journal.ReadLinksAsync(CrashScenario.Connector))
            {
                links.Add(link);
            }

            await foreach (var identity in database.IdentityRepository.ListAsync())
            {
                identities.Add(identity.Id);
            }
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check;"));
        }

        // Every person has exactly one order, executed (verified by the next run when an earlier one executed it); nothing is staged or pending.
        Assert.Equal(People, entries.Count);
        Assert.All(entries, e => Assert.Equal(OrderKind.Added, e.Order.Kind));
        Assert.All(entries, e => Assert.Contains(e.State, new[] { OrderState.Executed, OrderState.Verified }));
        Assert.Equal(People, entries.Select(e => e.Order.ResourceKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(People, entries.Select(e => e.Order.Id).Distinct(StringComparer.Ordinal).Count());

        // Every order was started exactly once, and nothing else was started.
        var started = File.ReadAllLines(log).Select(l => l.Split('\t')[0]).ToList();
        var twice = started.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
        Assert.Equal(entries.Select(e => e.Order.Id).Order(StringComparer.Ordinal), started.Order(StringComparer.Ordinal));

        // Each person has one identity, created once, linked, and named by the order's entry and the launcher's log.
        Assert.Equal(People, identities.Count);
        Assert.Equal(identities.Order(StringComparer.Ordinal), links.Select(l => l.IdentityId).Order(StringComparer.Ordinal));
        var logged = File.ReadAllLines(log).ToDictionary(l => l.Split('\t')[0], l => l.Split('\t')[1], StringComparer.Ordinal);
        Assert.All(entries, e => Assert.Equal(logged[e.Order.Id], e.Order.IdentityId));
        return result.Messages.Count == 0 ? string.Empty : $"; {result.Messages.Count} messages: {result.Messages[0]}";
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
