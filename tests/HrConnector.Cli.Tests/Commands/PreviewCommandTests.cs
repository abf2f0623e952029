using System.Text.Json;
using HrConnector.Jobs;

namespace HrConnector.Cli.Tests.Commands;

public sealed class PreviewCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Preview_WritesThePlanFileAndNothingElse()
    {
        var before = Snapshot();

        var run = await _cli.RunAsync("preview", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Preview \S+ of Fabrikam_HR: Succeeded — nothing was written", run.Output);
        Assert.Matches(@"│ Person\s+│\s+5 │\s+5 │\s+0 │\s+0 │\s+0 │\s+0 │\s+0 │", run.Output);
        Assert.Matches(@"│ Added orders\s+│\s+5 │", run.Output);
        Assert.DoesNotContain("executed", run.Output);
        var plan = _cli.PathOf("plan.json");
        Assert.Contains($"Plan written to {plan}", run.Output);

        var after = Snapshot();
        Assert.Equal([plan], after.Keys.Except(before.Keys));
        Assert.Equal(before, after.Where(a => a.Key != plan).ToDictionary());
        await AssertDatabaseEmptyAsync();
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Preview_PlanFileIsReadableByItsOwnerOnly()
    {
        var run = await _cli.RunAsync("preview", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.PathOf("plan.json")));
    }

    [Fact]
    public async Task Preview_PlanIsJsonWithSensitiveValuesRedacted()
    {
        var out_ = _cli.PathOf("review/plan-of-today.json");
        Directory.CreateDirectory(_cli.PathOf("review"));

        var run = await _cli.RunAsync("preview", _cli.Configuration, "--out", out_);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Plan written to {out_}", run.Output);
        var text = await File.ReadAllTextAsync(out_);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Contains("E005", text);
        Assert.DoesNotContain("1985", text);
        Assert.False(File.Exists(_cli.PathOf("plan.json")));
    }

    [Fact]
    public async Task Preview_AfterDayOne_ShowsDayTwoWithoutApplyingIt()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-day2.csv");
        var runId = await _cli.Services.ResourceStore.GetLastRunIdAsync("Fabrikam_HR");

        var run = await _cli.RunAsync("preview", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"│ Person\s+│\s+5 │\s+1 │\s+1 │\s+1 │\s+3 │", run.Output);
        Assert.Matches(@"│ Deactivated orders\s+│\s+1 │", run.Output);
        Assert.Equal(runId, await _cli.Services.ResourceStore.GetLastRunIdAsync("Fabrikam_HR"));
        Assert.Single(await _cli.HistoryAsync());
        Assert.Equal(5, (await _cli.IdentitiesAsync()).Count);
        Assert.Equal(Provisioning.IdentityState.Active, (await _cli.IdentityOfAsync("E005")).State);
    }

    [Fact]
    public async Task Preview_Blocked_ExitsTwo()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-truncated.csv");

        var run = await _cli.RunAsync("preview", _cli.Configuration);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Blocked: nothing would be applied.", run.Output);
        Assert.True(File.Exists(_cli.PathOf("plan.json")));
    }

    [Fact]
    public async Task Preview_Json_PrintsTheJobResultAndNothingElseOnStdout()
    {
        var run = await _cli.RunAsync("preview", _cli.Configuration, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JobResult.FromJson(run.Output);
        Assert.True(result.Preview);
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Contains("Plan written to", run.Error);
        await AssertDatabaseEmptyAsync();
    }

    /// <summary>Every file of the folder, with its length and last write time.</summary>
    private Dictionary<string, (long, DateTime)> Snapshot()
        => Directory.GetFiles(_cli.Directory, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));

    private async Task AssertDatabaseEmptyAsync()
    {
        var services = _cli.Services;
        Assert.Equal(0, await services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
        Assert.Null(await services.ResourceStore.GetLastRunIdAsync("Fabrikam_HR"));
        Assert.Empty(await _cli.IdentitiesAsync());
        Assert.Empty(await _cli.HistoryAsync());
        await foreach (var entry in services.Journal.ReadAsync("Fabrikam_HR", openOnly: false))
        {
            Assert.Fail($"The journal holds {entry.Order.Kind}.");
        }
    }
}
