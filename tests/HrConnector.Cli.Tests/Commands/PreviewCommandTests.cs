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

    [Fact]
    [Trait("Category", "Review")]
    public async Task Preview_DayTwo_ListsTheOrdersPerKindWithTheirReasonAndOldToNew()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-day2.csv");
        var grace = await _cli.IdentityOfAsync("E003");

        var run = await _cli.RunAsync("preview", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Added orders (1)", run.Output);
        Assert.Matches(@"│ E006\s+│ –\s+│ Joiner\s+│ FirstName: Katherine\s+│", run.Output);
        Assert.Contains("Modified orders (1)", run.Output);
        Assert.Matches($@"│ E003\s+│ {grace.Id}\s+│ Mover\s+│ Title: Account Manager → Engineering Manager\s+│", run.Output);
        Assert.Matches(@"│\s+│\s+│\s+│ Department: D03 → D02\s+│", run.Output);
        Assert.Contains("Deactivated orders (1)", run.Output);
        Assert.Matches(@"│ E005\s+│ \S+\s+│ LeaverMissingFromFile\s+│ –\s+│", run.Output);
        Assert.DoesNotContain("more (--all", run.Output);

        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(_cli.PathOf("plan.json")));
        var provisioning = plan.RootElement.GetProperty("provisioning");
        Assert.Equal(3, provisioning.GetProperty("total").GetInt32());
        var mover = provisioning.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "E003");
        Assert.Equal(("Modified", "Mover", grace.Id), (mover.GetProperty("kind").GetString(), mover.GetProperty("reason").GetString(), mover.GetProperty("identityId").GetString()));
        var title = mover.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("property").GetString() == "Title");
        Assert.Equal(("Account Manager", "Engineering Manager"), (title.GetProperty("old").GetString(), title.GetProperty("new").GetString()));
    }

    [Fact]
    [Trait("Category", "Review")]
    public async Task Preview_SensitiveProvisionedProperty_IsHiddenInTheTableAndInThePlan()
    {
        _cli.Edit("connector.json", "{ \"Identity\": \"Title\" },", "{ \"Identity\": \"Title\" },\n      { \"Identity\": \"BirthDate\" },");

        var run = await _cli.RunAsync("preview", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("BirthDate: ***", run.Output);
        Assert.Contains("Title: Chief Executive", run.Output);
        Assert.DoesNotContain("1985", run.Output);
        var text = await File.ReadAllTextAsync(_cli.PathOf("plan.json"));
        Assert.DoesNotContain("1985", text);
        using var plan = JsonDocument.Parse(text);
        var ada = plan.RootElement.GetProperty("provisioning").GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "E001");
        var birthDate = ada.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("property").GetString() == "BirthDate");
        Assert.Equal("***", birthDate.GetProperty("new").GetString());
    }

    [Fact]
    [Trait("Category", "Review")]
    public async Task Preview_MoreThanTenOrdersOfAKind_ListsTheFirstTen_AllListsEveryOne()
    {
        var rows = Enumerable.Range(1, 12).Select(n => $"P{n:D3};First{n};Last{n};;Engineer;;2020-01-01;D02;");
        _cli.Write("people.csv", "EmployeeId;FirstName;LastName;Email;Title;BirthDate;HireDate;Department;Manager\n" + string.Join('\n', rows) + "\n");

        var first = await _cli.RunAsync("preview", _cli.Configuration);
        var all = await _cli.RunAsync("preview", _cli.Configuration, "--all");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Added orders (12)", first.Output);
        Assert.Contains("│ P010", first.Output);
        Assert.DoesNotContain("│ P011", first.Output);
        Assert.Contains("… and 2 more (--all to list every one)", first.Output);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("│ P011", all.Output);
        Assert.Contains("│ P012", all.Output);
        Assert.DoesNotContain("more (--all", all.Output);
        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(_cli.PathOf("plan.json")));
        Assert.Equal(12, plan.RootElement.GetProperty("provisioning").GetProperty("orders").GetArrayLength());
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
