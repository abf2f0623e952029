using System.Text.Json;

namespace HrConnector.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Report_AfterSync_NoDrift()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);

        var run = await _cli.RunAsync("report", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Consistency of Person records of Fabrikam_HR with the identities: 5 HR records, 5 identities, 5 linked", run.Output);
        Assert.Contains("No drift: HR and the identities agree.", run.Output);
    }

    [Fact]
    public async Task Report_AfterHandEdits_ListsTheDriftByKindWithoutValues()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        var repository = _cli.Services.IdentityRepository;
        var grace = await _cli.IdentityOfAsync("E003");
        await repository.UpdateAsync(grace.Id, new Dictionary<string, object?> { ["Title"] = "Chief Hand Edit", ["LastName"] = "Hand-Edited" }, "hand-edit-1");
        var stranger = await repository.CreateAsync(new Dictionary<string, object?> { ["LastName"] = "Contractor" }, "hand-create-1");

        var run = await _cli.RunAsync("report", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("5 HR records, 6 identities, 5 linked", run.Output);
        Assert.True(run.Output.Contains("IdentityWithoutHrRecord (1)", StringComparison.Ordinal), run.ToString());
        Assert.Matches($@"│ –\s+│ {stranger}\s+│", run.Output);
        Assert.Contains("PropertyMismatch (2)", run.Output);
        Assert.Matches($@"│ E003\s+│ {grace.Id}\s+│ LastName\s+│ Authoritative\s+│ corrected\s+│", run.Output);
        Assert.Matches($@"│ E003\s+│ {grace.Id}\s+│ Title\s+│ OnChange\s+│ kept until HR changes it\s+│", run.Output);
        Assert.Contains("3 differences.", run.Output);
        Assert.DoesNotContain("Hand", run.Output);
        Assert.DoesNotContain("Hopper", run.Output);
    }

    [Fact]
    public async Task Report_Json_PrintsTheReportAndNothingElse()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        var grace = await _cli.IdentityOfAsync("E003");
        await _cli.Services.IdentityRepository.UpdateAsync(grace.Id, new Dictionary<string, object?> { ["Title"] = "Chief Hand Edit" }, "hand-edit-1");

        var run = await _cli.RunAsync("report", _cli.Configuration, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var drift = Assert.Single(json.RootElement.GetProperty("drifts").EnumerateArray());
        Assert.Equal("PropertyMismatch", drift.GetProperty("kind").GetString());
        Assert.Equal("E003", drift.GetProperty("resourceKey").GetString());
        Assert.Equal("Title", drift.GetProperty("property").GetString());
        Assert.False(drift.TryGetProperty("identityValue", out _));
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Report_ConnectorWithoutProvisioning_ExitsOne()
    {
        var text = File.ReadAllText(_cli.Configuration);
        _cli.Write("connector.json", text[..text.IndexOf(",\n  \"Provisioning\"", StringComparison.Ordinal)] + "\n}\n");

        var run = await _cli.RunAsync("report", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("provisions nothing", run.Error);
        run.AssertNoStackTrace();
    }
}
