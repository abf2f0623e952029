using System.Text.Json;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>
/// review on the fixture company with a correlation on the last name at 80% confidence, over two identities loaded by
/// hand: Ada Lovelace (one candidate, below full confidence) and Alan Turing (one candidate) go to review.
/// </summary>
[Trait("Category", "Review")]
public sealed class ReviewCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private string _augusta = string.Empty;
    private string _alonzo = string.Empty;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Review_ListsTheCasesWithKeysCandidatesRuleAndConfidence_NoValues()
    {
        await SyncWithCasesAsync();

        var run = await _cli.RunAsync("review", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Correlation review of Fabrikam_HR: 2 open cases, 0 decisions.", run.Output);
        Assert.Contains("E001", run.Output);
        Assert.Contains("E002", run.Output);
        Assert.Contains(_augusta, run.Output);
        Assert.Contains(_alonzo, run.Output);
        Assert.Contains("last name", run.Output);
        Assert.Contains("80", run.Output);
        Assert.Contains("open", run.Output);
        Assert.DoesNotContain("Lovelace", run.Output);
        Assert.DoesNotContain("Turing", run.Output);
        Assert.DoesNotContain("Ada", run.Output);

        var json = await _cli.RunAsync("review", _cli.Configuration, "--json");
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(["E001", "E002"], document.RootElement.EnumerateArray().Select(e => e.GetProperty("resourceKey").GetString()));
        Assert.Equal(80, document.RootElement[0].GetProperty("confidence").GetInt32());
        Assert.Equal(_augusta, document.RootElement[0].GetProperty("candidates")[0].GetString());
    }

    [Fact]
    public async Task ReviewLinkCreateIgnore_TheNextSyncActsOnEachDecision()
    {
        await SyncWithCasesAsync();
        var identities = (await _cli.IdentitiesAsync()).Count;

        var link = await _cli.RunAsync("review", "link", _cli.Configuration, "E001", _augusta, "--by", "alice");
        var ignore = await _cli.RunAsync("review", "ignore", _cli.Configuration, "E002");
        var listed = await _cli.RunAsync("review", _cli.Configuration);

        Assert.True(link.ExitCode == 0, link.ToString());
        Assert.Contains($"The next sync links the record 'E001' to the identity '{_augusta}'.", link.Output);
        Assert.Contains("The record 'E002' is ignored: no sync provisions it until review clear.", ignore.Output);
        Assert.Contains("Correlation review of Fabrikam_HR: 0 open cases, 2 decisions.", listed.Output);
        Assert.Contains($"link to {_augusta}", listed.Output);
        Assert.Contains("by alice", listed.Output);
        Assert.Contains("ignored", listed.Output);

        var sync = await _cli.RunAsync("sync", _cli.Configuration);
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var ada = await _cli.IdentityOfAsync("E001");
        Assert.Equal((_augusta, "Ada"), (ada.Id, ada.GetValue("FirstName")));     // linked, the authoritative first name corrected
        Assert.Equal(identities, (await _cli.IdentitiesAsync()).Count);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _cli.IdentityOfAsync("E002"));
        var after = await _cli.RunAsync("review", _cli.Configuration);
        Assert.Contains("Correlation review of Fabrikam_HR: 0 open cases, 1 decision.", after.Output);
        Assert.Contains("E002", after.Output);
        Assert.DoesNotContain("E001", after.Output);

        // Cleared, then decided again: a new identity for Alan.
        Assert.Contains("The decision on the record 'E002' is cleared", (await _cli.RunAsync("review", "clear", _cli.Configuration, "E002")).Output);
        var create = await _cli.RunAsync("review", "create", _cli.Configuration, "E002");
        Assert.Contains("The next sync creates a new identity for the record 'E002'.", create.Output);
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        var alan = await _cli.IdentityOfAsync("E002");
        Assert.NotEqual(_alonzo, alan.Id);
        Assert.Equal(identities + 1, (await _cli.IdentitiesAsync()).Count);
        Assert.Contains("Correlation review of Fabrikam_HR: 0 open cases, 0 decisions.", (await _cli.RunAsync("review", _cli.Configuration)).Output);
    }

    [Fact]
    public async Task ReviewDecisions_UnknownKeyOrIdentity_ExitOneWithAClearMessage()
    {
        await SyncWithCasesAsync();

        var unknownKey = await _cli.RunAsync("review", "create", _cli.Configuration, "E999");
        var unknownIdentity = await _cli.RunAsync("review", "link", _cli.Configuration, "E001", "I-NOPE");
        var linked = await _cli.RunAsync("review", "ignore", _cli.Configuration, "E003");

        Assert.Equal((1, 1, 1), (unknownKey.ExitCode, unknownIdentity.ExitCode, linked.ExitCode));
        Assert.Contains("There is no record 'E999' of 'Person' in the resource store of 'Fabrikam_HR'", unknownKey.Error);
        Assert.Contains("There is no identity 'I-NOPE' in the identity repository", unknownIdentity.Error);
        Assert.Contains("The record 'E003' of 'Person' is already linked", linked.Error);
        unknownKey.AssertNoStackTrace();
        unknownIdentity.AssertNoStackTrace();
    }

    private async Task SyncWithCasesAsync()
    {
        _cli.Edit(
            "connector.json",
            "\"Lifecycle\": {",
            "\"Correlation\": [ { \"Name\": \"last name\", \"Conditions\": [ { \"Source\": \"LastName\" } ], \"Confidence\": 80 } ],\n    \"Lifecycle\": {");
        var repository = _cli.Services.IdentityRepository;
        _augusta = await repository.CreateAsync(new Dictionary<string, object?> { ["FirstName"] = "Augusta", ["LastName"] = "Lovelace" }, "hand-1");
        _alonzo = await repository.CreateAsync(new Dictionary<string, object?> { ["FirstName"] = "Alonzo", ["LastName"] = "Turing" }, "hand-2");
        var sync = await _cli.RunAsync("sync", _cli.Configuration);
        Assert.True(sync.ExitCode == 0, sync.ToString());
    }
}
