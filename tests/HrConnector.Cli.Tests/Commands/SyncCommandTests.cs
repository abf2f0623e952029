using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Cli.Tests.Commands;

public sealed class SyncCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sync_DayOne_ProvisionsEveryoneAndPrintsTheSummary()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Run \S+ of Fabrikam_HR: Succeeded", run.Output);
        Assert.Matches(@"│ Department\s+│\s+3 │\s+3 │\s+0 │\s+0 │\s+0 │\s+0 │\s+0 │", run.Output);
        Assert.Matches(@"│ Person\s+│\s+5 │\s+5 │\s+0 │\s+0 │\s+0 │\s+0 │\s+0 │", run.Output);
        Assert.Matches(@"│ Added orders\s+│\s+5 │", run.Output);
        Assert.Matches(@"│ executed\s+│\s+5 │", run.Output);
        Assert.Contains($"Database: {_cli.DefaultDatabase}", run.Output);
        Assert.Equal(["Resume…", "Read…", "Plan…", "Provision…", "Stage…", "Commit…", "Release…", "Dispatch…"], run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var identities = await _cli.IdentitiesAsync();
        Assert.Equal(5, identities.Count);
        Assert.All(identities, i => Assert.Equal(IdentityState.Active, i.State));
        Assert.Equal(5, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
    }

    [Fact]
    public async Task Sync_DayTwo_CreatesJoinersUpdatesMoversAndDeactivatesLeavers()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-day2.csv");

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"│ Person\s+│\s+5 │\s+1 │\s+1 │\s+1 │\s+3 │\s+0 │\s+0 │", run.Output);
        Assert.Matches(@"│ Added orders\s+│\s+1 │", run.Output);
        Assert.Matches(@"│ Modified orders\s+│\s+1 │", run.Output);
        Assert.Matches(@"│ Deactivated orders\s+│\s+1 │", run.Output);

        var joiner = await _cli.IdentityOfAsync("E006");
        Assert.Equal("Johnson", joiner.GetValue("LastName"));
        Assert.Equal(IdentityState.Active, joiner.State);
        var mover = await _cli.IdentityOfAsync("E003");
        Assert.Equal("D02", mover.GetValue("Department"));
        Assert.Equal("E002", mover.GetValue("Manager"));
        Assert.Equal("Engineering Manager", mover.GetValue("Title"));
        var leaver = await _cli.IdentityOfAsync("E005");
        Assert.Equal(IdentityState.Inactive, leaver.State);
        Assert.Equal(6, (await _cli.IdentitiesAsync()).Count);
    }

    [Fact]
    public async Task Sync_NeverPrintsFieldValues()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("@fabrikam.example", run.Output + run.Error);
        Assert.DoesNotContain("Lovelace", run.Output + run.Error);
        Assert.DoesNotContain("1985", run.Output + run.Error);
    }

    [Fact]
    public async Task Sync_BlockedByThresholds_ExitsTwoAndAppliesNothing_ThenForceExitsZero()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-truncated.csv");

        var blocked = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(blocked.ExitCode == 2, blocked.ToString());
        Assert.Matches(@"Run \S+ of Fabrikam_HR: Blocked", blocked.Output);
        Assert.Matches(@"│ Person\s+│ Delete\s+│\s+3 │\s+2 │ MaxDeleted", blocked.Output);
        Assert.Contains("run sync again with --force", blocked.Output);
        Assert.All(await _cli.IdentitiesAsync(), i => Assert.Equal(IdentityState.Active, i.State));
        Assert.Equal(5, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));

        var forced = await _cli.RunAsync("sync", _cli.Configuration, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Matches(@"Run \S+ of Fabrikam_HR: SucceededWithWarnings \(forced\)", forced.Output);
        Assert.Matches(@"│ Deactivated orders\s+│\s+3 │", forced.Output);
        Assert.Equal(3, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Inactive));
        Assert.Equal(2, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
    }

    [Fact]
    public async Task Sync_MissingFile_FailsWithTheFileNamedAndExitsOne()
    {
        File.Delete(_cli.PathOf("people.csv"));

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"Run \S+ of Fabrikam_HR: Failed", run.Output);
        Assert.Contains("error: Person: ", run.Output);
        Assert.Contains("people.csv: The file of connection 'people' does not exist.", run.Output);
        run.AssertNoStackTrace();
        Assert.Empty(await _cli.IdentitiesAsync());
        Assert.Equal(JobStatus.Failed, Assert.Single(await _cli.HistoryAsync()).Status);
    }

    [Fact]
    public async Task Sync_WrongDelimiter_FailsAndExitsOne()
    {
        _cli.Write("people.csv", File.ReadAllText(_cli.PathOf("people.csv")).Replace(';', ','));

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is the delimiter right?", run.Output);
        run.AssertNoStackTrace();
        Assert.Empty(await _cli.IdentitiesAsync());
    }

    [Fact]
    public async Task Sync_BadConfiguration_PrintsEveryProblemOnStderrAndExitsOne()
    {
        _cli.Edit("connector.json", "\"KeyColumn\": \"EmployeeId\"", "\"KeyColumn\": \"EmployeeId\", \"KeyColum\": \"Id\"");
        _cli.Edit("connector.json", "\"Leavers\": \"Deactivate\"", "\"Leavers\": \"Fire\"");

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("error: The connector '", run.Error);
        Assert.Contains("is not valid (2 errors):", run.Error);
        Assert.Contains("'Mappings:1:KeyColum' is unknown", run.Error);
        Assert.Contains("'Provisioning:Lifecycle:Leavers' has the value 'Fire'", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Sync_MissingConfiguration_ExitsOne()
    {
        var run = await _cli.RunAsync("sync", _cli.PathOf("missing.json"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: The connector configuration '", run.Error);
        Assert.Contains("missing.json' does not exist.", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task SyncAndValidate_MalformedJson_NameTheFileLineAndColumn()
    {
        _cli.Write("connector.json", "{\n  \"Identifier\": \"HR\",\n  \"Connections\": [\n    { \"Identifier\": \"people\" x }\n  ]\n}\n");

        var sync = await _cli.RunAsync("sync", _cli.Configuration);
        var validate = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(sync.ExitCode == 1, sync.ToString());
        Assert.True(validate.ExitCode == 1, validate.ToString());
        sync.AssertNoStackTrace();
        validate.AssertNoStackTrace();
        var message = $"The connector configuration '{_cli.Configuration}' is not valid JSON: line 4, column 30: 'x' is invalid after a value. Expected either ',', '}}', or ']'.";
        Assert.Equal($"error: {message}{Environment.NewLine}", sync.Error);
        Assert.Equal($"error: {message}{Environment.NewLine}Not valid: 1 error, 0 warnings.{Environment.NewLine}", validate.Output);
    }

    [Fact]
    public async Task Sync_InvalidJson_ExitsOne()
    {
        _cli.Write("connector.json", "{ \"Identifier\": ");

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not valid JSON", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Sync_Json_PrintsTheJobResultAndNothingElse()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JobResult.FromJson(run.Output);
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(5, result.EntityTypes.Single(e => e.EntityType == "Person").Inserted);
        Assert.Equal(5, result.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Sync_DatabaseOption_KeepsStateInThatDatabase()
    {
        var other = _cli.PathOf("other.db");

        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration, "--db", other)).ExitCode);

        Assert.Empty(await _cli.IdentitiesAsync());
        Assert.Equal(5, await _cli.Factory.Open(other).ResourceStore.CountAsync("Fabrikam_HR", "Person"));
        var again = await _cli.RunAsync("sync", _cli.Configuration, "--db", other);
        Assert.Matches(@"│ Person\s+│\s+5 │\s+0 │\s+0 │\s+0 │\s+5 │", again.Output);
    }
}
