using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>Approve what was reviewed: sync --plan applies exactly the previewed plan, or refuses when anything it was computed against changed.</summary>
[Trait("Category", "Review")]
public sealed class SyncCommandApprovePlanTests : IDisposable
{
    private const int People = 200;
    private readonly CliHarness _cli = new();

    public SyncCommandApprovePlanTests() => Company.WriteTo(_cli, People);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SyncPlan_ReviewedBlockedPlan_AppliesWithoutAcceptAndKeepsTheApprovalInTheHistory()
    {
        await LoadAndLoseTwentyAsync();
        var preview = await _cli.RunAsync("preview", _cli.Configuration, "--out", _cli.PathOf("plan.json"));
        Assert.Equal(ExitCodes.Blocked, preview.ExitCode);
        Assert.Contains("\"basis\"", File.ReadAllText(_cli.PathOf("plan.json")), StringComparison.Ordinal);
        Assert.Contains("\"reason\": \"LeaverMissingFromFile\"", File.ReadAllText(_cli.PathOf("plan.json")), StringComparison.Ordinal);

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("plan.json"), "--approved-by", "alice");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("(approved plan)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Plan approved by alice at ", run.Output, StringComparison.Ordinal);
        Assert.Equal(20, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Inactive));
        var last = (await _cli.HistoryAsync())[0];
        Assert.Equal(("alice", true), (last.Approval?.ApprovedBy, last.Forced));
        Assert.Equal((last.Approval!.Basis.Digest, last.Approval.Basis.BaseRunId), (last.Basis!.Digest, last.Basis.BaseRunId));
        Assert.Equal(last.Approval.Basis.Inputs, last.Basis.Inputs);
    }

    [Fact]
    public async Task SyncPlan_FileChangedSinceTheReview_FailsAndAppliesNothing()
    {
        await LoadAndLoseTwentyAsync();
        Assert.Equal(ExitCodes.Blocked, (await _cli.RunAsync("preview", _cli.Configuration, "--out", _cli.PathOf("plan.json"))).ExitCode);
        File.AppendAllText(_cli.PathOf("people.csv"), Company.PeopleFile(People + 1).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1] + "\n");

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("plan.json"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains($"Person: {_cli.PathOf("people.csv")} changed since the plan was reviewed (its SHA-256 differs). Preview again and review the new plan.", run.Output, StringComparison.Ordinal);
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Active));
        Assert.Equal(People, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
    }

    [Fact]
    public async Task SyncPlan_StoreChangedSinceTheReview_FailsNamingTheRuns()
    {
        await LoadAndLoseTwentyAsync();
        Assert.Equal(ExitCodes.Blocked, (await _cli.RunAsync("preview", _cli.Configuration, "--out", _cli.PathOf("plan.json"))).ExitCode);
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("sync", _cli.Configuration, "--force")).ExitCode);

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("plan.json"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("The resource store changed since the plan was reviewed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncPlan_DefinitionChangedSinceTheReview_Fails()
    {
        await LoadAndLoseTwentyAsync();
        Assert.Equal(ExitCodes.Blocked, (await _cli.RunAsync("preview", _cli.Configuration, "--out", _cli.PathOf("plan.json"))).ExitCode);
        _cli.Edit("connector.json", "\"DeleteAfterDays\": 30", "\"DeleteAfterDays\": 60");

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("plan.json"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("The connector definition changed since the plan was reviewed.", run.Output, StringComparison.Ordinal);
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Active));
    }

    [Fact]
    public async Task SyncPlan_JsonWithoutBasis_OneLineSayingHowToWriteOne()
    {
        _cli.Write("plan.json", "{ \"connector\": \"Fabrikam_HR\" }");

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("plan.json"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains($"{_cli.PathOf("plan.json")}: The plan holds no basis: write it with a preview of the job (hrconnector preview --out plan.json), then approve that file.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncPlan_MissingFile_OneLineNamingItAndNothingApplied()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("nowhere.json"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains($"The plan '{_cli.PathOf("nowhere.json")}' cannot be read:", run.Error, StringComparison.Ordinal);
        Assert.Empty(await _cli.IdentitiesAsync());
    }

    [Fact]
    public async Task SyncPlan_WithAccept_IsRefused()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration, "--plan", _cli.PathOf("plan.json"), "--force");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("--plan applies the reviewed plan as it is", run.Output + run.Error, StringComparison.Ordinal);
    }

    /// <summary>Day one loaded; day two loses 20 of 200 people: 10% of deletions, over the 5% default.</summary>
    private async Task LoadAndLoseTwentyAsync()
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("sync", _cli.Configuration, "--initial")).ExitCode);
        var lines = File.ReadAllLines(_cli.PathOf("people.csv")).ToList();
        lines.RemoveRange(181, 20);
        File.WriteAllLines(_cli.PathOf("people.csv"), lines);
    }
}
