using System.Text.Json;
using HrConnector.Jobs;

namespace HrConnector.Cli.Tests.Commands;

public sealed class HistoryCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task History_NoRuns_SaysSo()
    {
        var run = await _cli.RunAsync("history", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"No runs of Fabrikam_HR yet in {_cli.DefaultDatabase}.", run.Output);
    }

    [Fact]
    public async Task History_AfterTwoSyncs_ListsBothNewestFirst()
    {
        var day1 = JobResult.FromJson((await _cli.RunAsync("sync", _cli.Configuration, "--json")).Output);
        _cli.UsePeople("people-day2.csv");
        var day2 = JobResult.FromJson((await _cli.RunAsync("sync", _cli.Configuration, "--json")).Output);

        var run = await _cli.RunAsync("history", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        var line1 = Array.FindIndex(lines, l => l.Contains(day1.RunId, StringComparison.Ordinal));
        var line2 = Array.FindIndex(lines, l => l.Contains(day2.RunId, StringComparison.Ordinal));
        Assert.True(line2 >= 0 && line1 > line2, run.ToString());
        AssertRow(run, @"│ Succeeded\s+│\s+8 │\s+8 │\s+0 │\s+0 │\s+0 │ 5 Added\s+│", lines[line1]);
        // A leaver is deactivated now; the run 30 days later (DeleteAfterDays) deletes the identity.
        AssertRow(run, @"│ Succeeded\s+│\s+8 │\s+1 │\s+1 │\s+1 │\s+0 │ 1 Added, 1 Modified, 1 Deactivated\s+│", lines[line2]);
    }

    private static void AssertRow(CliRun run, string pattern, string line)
        => Assert.True(System.Text.RegularExpressions.Regex.IsMatch(line, pattern), run.ToString());

    [Fact]
    public async Task History_Json_IsAListOfJobResults()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-truncated.csv");
        Assert.Equal(2, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);

        var run = await _cli.RunAsync("history", _cli.Configuration, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var results = json.RootElement.EnumerateArray().Select(e => JobResult.FromJson(e.GetRawText())).ToList();
        Assert.Equal([JobStatus.Blocked, JobStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task History_Limit_ShowsTheNewestRuns()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);

        var run = await _cli.RunAsync("history", _cli.Configuration, "--json", "--limit", "1");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(1, json.RootElement.GetArrayLength());
    }
}
