using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Sqlite;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>The tool on its default database, each command as a new process would run it: state lives in the SQLite file.</summary>
public sealed class SqliteInfrastructureFactoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-cli-sqlite-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sync_FabrikamSampleDayOneThenDayTwo_GivesTheJoinersMoversAndLeavers()
    {
        CopySample();
        var configuration = Path.Combine(_folder, "connector.json");

        var day1 = await RunAsync("sync", configuration, "--json");
        Assert.True(day1.ExitCode == 0, day1.ToString());
        var first = JobResult.FromJson(day1.Output);
        Assert.Equal((24, 23), (first.Provisioning!.Orders[OrderKind.Added], first.Provisioning.Orders[OrderKind.Modified]));

        foreach (var file in Directory.GetFiles(Path.Combine(_folder, "day2")))
        {
            var target = Path.Combine(_folder, "inbox", Path.GetFileName(file));
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(1));
        }

        var day2 = await RunAsync("sync", configuration, "--json");
        Assert.True(day2.ExitCode == 0, day2.ToString());
        var result = JobResult.FromJson(day2.Output);
        Assert.Equal(JobStatus.SucceededWithWarnings, result.Status);
        Assert.Equal((2, 3, 2), (result.Provisioning!.Orders[OrderKind.Added], result.Provisioning.Orders[OrderKind.Modified], result.Provisioning.Orders[OrderKind.Deactivated]));
        Assert.Equal(1, result.Provisioning.Deferred);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(("people_20261126.csv", 27L, "HireDate"), (reject.File, reject.Line, reject.Column));

        await using var database = SqliteDatabase.Open(Path.Combine(_folder, "hrconnector.db"));
        Assert.Equal(26, await database.ResourceStore.CountAsync("Fabrikam_HR", "Person"));      // the intern F0029 is stored, out of scope
        var identities = await database.IdentityRepository.ListAsync().ToListAsync();
        Assert.Equal(26, identities.Count);
        Assert.Equal(2, identities.Count(i => i.State == IdentityState.Inactive));
        Assert.Equal(["cmartin", "cmartin2"], identities.Select(i => i.GetValue("Login") as string).Where(l => l?.StartsWith("cmartin", StringComparison.Ordinal) == true).Order(StringComparer.Ordinal));
        Assert.All(identities.Where(i => i.GetValue("Manager") is not null), i => Assert.Contains(identities, m => string.Equals(m.Id, i.GetValue("Manager") as string, StringComparison.Ordinal)));
        Assert.Equal(2, await database.History.ListAsync("Fabrikam_HR").CountAsync());
    }

    [Fact]
    public async Task PreviewReportHistory_NoDatabaseYet_CreateNoFile()
    {
        CopySample();
        var configuration = Path.Combine(_folder, "connector.json");

        var preview = await RunAsync("preview", configuration);
        var history = await RunAsync("history", configuration);
        var report = await RunAsync("report", configuration);

        Assert.Equal((0, 0, 0), (preview.ExitCode, history.ExitCode, report.ExitCode));
        Assert.Contains("Added orders", preview.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "hrconnector.db*"));
        Assert.True(File.Exists(Path.Combine(_folder, "plan.json")));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Sync_DatabaseOfANewerVersion_OneLineNamingThePath()
    {
        CopySample();
        var configuration = Path.Combine(_folder, "connector.json");
        var path = Path.Combine(_folder, "newer.db");
        using (SqliteDatabase.Open(path))
        {
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var run = await RunAsync("sync", configuration, "--db", path);

        Assert.Equal(1, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Equal(
            $"error: The database '{path}' has schema version 99, newer than version 3 which this version of HrConnector.Sqlite knows: open it with a newer HrConnector.Sqlite, or use another file.{Environment.NewLine}",
            run.Error);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Sync_DatabaseInAMissingFolder_OneLineNamingThePath()
    {
        CopySample();
        var configuration = Path.Combine(_folder, "connector.json");
        var path = Path.Combine(_folder, "missing", "hrconnector.db");

        var run = await RunAsync("sync", configuration, "--db", path);

        Assert.Equal(1, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Equal(
            $"error: The database '{path}' cannot be opened: SQLite cannot open the file (error 14); does its folder exist, and may this user read and write it?{Environment.NewLine}",
            run.Error);
    }

    // The committed sample, copied by exact name: never the working copy, whose inbox may hold day 2 already.
    private void CopySample() => HrConnector.Tests.Shared.SampleFiles.CopyFabrikam(_folder, DateTime.UtcNow.AddDays(-1));

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, new SqliteInfrastructureFactory());
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
