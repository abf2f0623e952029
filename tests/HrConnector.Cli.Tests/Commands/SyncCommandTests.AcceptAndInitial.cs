using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>First loads (--initial) and what a reviewed run accepts: threshold breaches per kind (--accept), the safety rules apart (--accept-empty-source).</summary>
[Trait("Category", "Review")]
public sealed class SyncCommandAcceptAndInitialTests : IDisposable
{
    private const int People = 200;
    private readonly CliHarness _cli = new();

    public SyncCommandAcceptAndInitialTests() => Company.WriteTo(_cli, People);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sync_FirstLoadWithoutInitial_IsBlockedAndSaysHowToLoadInsteadOfListingBreaches()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.Equal(ExitCodes.Blocked, run.ExitCode);
        Assert.Contains("this run is a first load", run.Output, StringComparison.Ordinal);
        Assert.Contains("hrconnector sync --initial", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("exceed the threshold", run.Output, StringComparison.Ordinal);
        Assert.Empty(await _cli.IdentitiesAsync());
    }

    [Fact]
    public async Task Sync_Initial_LoadsEveryoneWithoutThresholds_AndIsRefusedOnceTheStoreHoldsThem()
    {
        var first = await _cli.RunAsync("sync", _cli.Configuration, "--initial");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count);
        Assert.Equal(SynchronizationMode.Initial, (await _cli.HistoryAsync())[0].Mode);

        var again = await _cli.RunAsync("sync", _cli.Configuration, "--initial");

        Assert.Equal(ExitCodes.Error, again.ExitCode);
        again.AssertNoStackTrace();
        Assert.True((again.Output + again.Error).Contains("Initial mode loads an empty store", StringComparison.Ordinal), again.ToString());
    }

    [Fact]
    public async Task Sync_HeaderOnlyFile_ForceDoesNotOverrideTheSafetyRule_AcceptEmptySourceDoes()
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("sync", _cli.Configuration, "--initial")).ExitCode);
        _cli.Write("people.csv", "EmployeeId;FirstName;LastName;Email;Title;BirthDate;HireDate;Department;Manager\n");

        var forced = await _cli.RunAsync("sync", _cli.Configuration, "--force");

        Assert.Equal(ExitCodes.Blocked, forced.ExitCode);
        Assert.Contains("a blank or emptied HR file is never trusted", forced.Output, StringComparison.Ordinal);
        Assert.Contains("--accept-empty-source", forced.Output, StringComparison.Ordinal);
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Active));

        var accepted = await _cli.RunAsync("sync", _cli.Configuration, "--accept-empty-source", "--force");

        Assert.True(accepted.ExitCode == ExitCodes.Success, accepted.ToString());
        Assert.Equal(0, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
        Assert.All(await _cli.IdentitiesAsync(), i => Assert.Equal(IdentityState.Inactive, i.State));
        Assert.True((await _cli.HistoryAsync())[0].Forced);
    }

    [Fact]
    public async Task Sync_AcceptCoversOnlyTheKindsNamed()
    {
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("sync", _cli.Configuration, "--initial")).ExitCode);
        // 20 of 200 leave (10% of deletions and deactivations, over the 5% default), 20 join (10% of inserts).
        var lines = File.ReadAllLines(_cli.PathOf("people.csv")).ToList();
        lines.RemoveRange(181, 20);
        lines.AddRange(Company.PeopleFile(People + 20).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(People + 1));
        File.WriteAllLines(_cli.PathOf("people.csv"), lines);

        var deletesOnly = await _cli.RunAsync("sync", _cli.Configuration, "--accept", "deletes");

        Assert.Equal(ExitCodes.Blocked, deletesOnly.ExitCode);
        Assert.Contains("(--accept inserts)", deletesOnly.Output, StringComparison.Ordinal);
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Active));

        var insertsAndDeletes = await _cli.RunAsync("sync", _cli.Configuration, "--accept", "deletes", "--accept", "inserts");

        Assert.Equal(ExitCodes.Blocked, insertsAndDeletes.ExitCode);
        Assert.Contains("Deactivated orders exceed the threshold", insertsAndDeletes.Output, StringComparison.Ordinal);
        Assert.Contains("(--accept deactivations)", insertsAndDeletes.Output, StringComparison.Ordinal);

        var all = await _cli.RunAsync("sync", _cli.Configuration, "--accept", "deletes", "--accept", "inserts", "--accept", "deactivations");

        Assert.True(all.ExitCode == ExitCodes.Success, all.ToString());
        var identities = await _cli.IdentitiesAsync();
        Assert.Equal((People, 20), (identities.Count(i => i.State == IdentityState.Active), identities.Count(i => i.State == IdentityState.Inactive)));
    }

    [Fact]
    public async Task Sync_AcceptUnknownKind_SaysWhichKindsExist()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration, "--accept", "everything");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains("--accept takes inserts, updates, deletes or deactivations, not 'everything'.", run.Output + run.Error, StringComparison.Ordinal);
    }
}
