using System.Text.Json;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>show on the fixture company after a sync: what identity suites check once an HR connector is created.</summary>
[Trait("Category", "Review")]
public sealed class ShowCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Show_ListsTheEntityTypesWithTheirCounts()
    {
        await SyncAsync();

        var run = await _cli.RunAsync("show", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Fabrikam_HR: last synchronized by run", run.Output);
        Assert.Matches(@"Department\s*│\s*3", run.Output);
        Assert.Matches(@"Person\s*│\s*5", run.Output);
        var json = JsonDocument.Parse((await _cli.RunAsync("show", _cli.Configuration, "--json")).Output).RootElement;
        Assert.Equal(5, json.GetProperty("entityTypes")[1].GetProperty("resources").GetInt32());
    }

    [Fact]
    public async Task Show_EntityType_ListsAPageOfResources_WithoutSensitiveProperties()
    {
        await SyncAsync();

        var first = await _cli.RunAsync("show", _cli.Configuration, "person", "--page-size", "2");
        var last = await _cli.RunAsync("show", _cli.Configuration, "Person", "--page-size", "2", "--page", "3");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Person: 5 resources, page 1 of 3 (2 a page).", first.Output);
        Assert.Contains("E001", first.Output);
        Assert.Contains("Lovelace", first.Output);
        Assert.DoesNotContain("E003", first.Output);
        Assert.DoesNotContain("BirthDate", first.Output);
        Assert.DoesNotContain("1985", first.Output);
        Assert.Contains("Next page: --page 2.", first.Output);
        Assert.Contains("E005", last.Output);
        Assert.DoesNotContain("E001", last.Output);
    }

    [Fact]
    public async Task Show_Resource_ItsPropertiesSensitiveRedacted_ItsLinks_ItsReports_ItsIdentityAndOrders()
    {
        await SyncAsync();
        var identity = await _cli.IdentityOfAsync("E002");

        var run = await _cli.RunAsync("show", _cli.Configuration, "Person", "E002");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Person E002", run.Output);
        Assert.Contains("Turing", run.Output);
        Assert.Matches(@"BirthDate\s*│\s*\*\*\*", run.Output);
        Assert.DoesNotContain("1982", run.Output);
        Assert.Contains("→ Department D02", run.Output);
        Assert.Contains("→ Person E001", run.Output);
        Assert.Matches(@"Person\.Manager \(2\)\s*│\s*E004, E005", run.Output);
        Assert.Contains($"Identity: {identity.Id} (Active; link Active)", run.Output);
        Assert.Contains("Last orders (1 of 1)", run.Output);
        Assert.Contains("Added", run.Output);
        Assert.Contains("Verified", run.Output);

        var department = await _cli.RunAsync("show", _cli.Configuration, "Department", "D01");
        Assert.Matches(@"Department\.Parent \(2\)\s*│\s*D02, D03", department.Output);
        Assert.Matches(@"Person\.Department \(1\)\s*│\s*E001", department.Output);
        Assert.DoesNotContain("Identity:", department.Output);

        var json = JsonDocument.Parse((await _cli.RunAsync("show", _cli.Configuration, "Person", "E002", "--json")).Output).RootElement;
        Assert.Equal("***", json.GetProperty("properties").GetProperty("BirthDate").GetString());
        Assert.Equal(identity.Id, json.GetProperty("identity").GetProperty("identityId").GetString());
    }

    [Fact]
    public async Task Show_UnknownEntityTypeOrKey_ExitOneWithAClearMessage()
    {
        await SyncAsync();

        var type = await _cli.RunAsync("show", _cli.Configuration, "Contractor");
        var key = await _cli.RunAsync("show", _cli.Configuration, "Person", "E999");

        Assert.Equal((1, 1), (type.ExitCode, key.ExitCode));
        Assert.Contains("The connector 'Fabrikam_HR' has no entity type 'Contractor'; its entity types: Department, Person.", type.Error);
        Assert.Contains("There is no resource 'E999' of 'Person' in the resource store", key.Error);
        type.AssertNoStackTrace();
    }

    private async Task SyncAsync()
    {
        var sync = await _cli.RunAsync("sync", _cli.Configuration);
        Assert.True(sync.ExitCode == 0, sync.ToString());
    }
}
