using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>
/// The bad inputs that got through or ended badly, tried as a new user would: a company of 1,000 people run through
/// the tool under the default thresholds (the connector declares none), then the bad file. One test per case.
/// </summary>
[Trait("Category", "InputSafety")]
public sealed class BadInputRegressionTests : IDisposable
{
    private const int People = 1_000;

    private readonly CliHarness _cli = new();

    public BadInputRegressionTests()
    {
        Company.WriteTo(_cli, People);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sync_PeopleFileCutAt96PercentOfItsBytes_FailsAndDeactivatesNobody()
    {
        await DayOneAsync();
        var bytes = File.ReadAllBytes(_cli.PathOf("people.csv"));
        File.WriteAllBytes(_cli.PathOf("people.csv"), bytes[..(int)(bytes.Length * 0.96)]);

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains("the file was cut while it was written", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count(i => i.State == IdentityState.Active));
        Assert.Equal(People, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
    }

    [Fact]
    public async Task Sync_Utf8FileDeclaredWindows1252_FirstLoadIsRefusedAndCreatesNoIdentity()
    {
        _cli.Write("connector.json", Company.Configuration(peopleConnection: """{ "Identifier": "people", "Path": "people.csv", "Delimiter": ";", "Encoding": "windows-1252" }"""));

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--force");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.True((run.Output + run.Error).Contains("declared windows-1252, but its bytes are valid UTF-8", StringComparison.Ordinal), run.ToString());
        Assert.Empty(await _cli.IdentitiesAsync());
        Assert.DoesNotContain("Ã", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_Utf8FileDeclaredWindows1252OnALaterDay_IsRefusedAndChangesNoName()
    {
        await DayOneAsync();
        _cli.Write("connector.json", Company.Configuration(peopleConnection: """{ "Identifier": "people", "Path": "people.csv", "Delimiter": ";", "Encoding": "windows-1252" }"""));

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--force");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.True((run.Output + run.Error).Contains("declared windows-1252, but its bytes are valid UTF-8", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain(await _cli.IdentitiesAsync(), i => i.GetValue("LastName") is string name && name.Contains('Ã', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_FirstLoadWhereEveryPersonsDepartmentDangles_FailsInsteadOfSucceedingWithWarnings()
    {
        _cli.Write("departments.csv", "Code,Name,ParentCode\n");

        var run = await _cli.RunAsync("sync", _cli.Configuration, "--force");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Empty(await _cli.IdentitiesAsync());
        Assert.Equal(JobStatus.Failed, (await _cli.HistoryAsync()).Single().Status);
    }

    [Fact]
    public async Task Sync_UnchangedRowWhoseDepartmentDangles_IsCountedOnceAsRejectedAndKept()
    {
        await DayOneAsync();
        MoveToMissingDepartment("E0010");

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var person = (await _cli.HistoryAsync())[0].EntityTypes.Single(e => e.EntityType == "Person");
        Assert.Equal((People, 0, 0, 0, People - 1, 1, 1), (person.Rows, person.Inserted, person.Updated, person.Deleted, person.Unchanged, person.Rejected, person.Kept));
        Assert.Equal(person.Rows, person.Inserted + person.Updated + person.Unchanged + person.Rejected);
        Assert.Contains("the resource stays as it was", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_NewRowWhoseDepartmentDangles_SaysNothingIsStoredNotThatItStaysAsItWas()
    {
        await DayOneAsync();
        File.AppendAllText(_cli.PathOf("people.csv"), "E9999;Zoë;Müller;z.muller@fabrikam.example;Engineer;07/03/1984;2024-01-01;D99;\n");

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("nothing is stored for it", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("stays as it was", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_HeaderlessExport_SaysTheFirstRowLooksLikeDataAndQuotesNoCell()
    {
        await DayOneAsync();
        var lines = File.ReadAllLines(_cli.PathOf("people.csv"));
        File.WriteAllLines(_cli.PathOf("people.csv"), lines.Skip(1));

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.True((run.Output + run.Error).Contains("the first row looks like data (no header?)", StringComparison.Ordinal), run.ToString());
        foreach (var cell in lines[1].Split(';').Where(c => c.Length > 0))
        {
            Assert.DoesNotContain(cell, run.Output + run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sync_FileNamePatternThatTimesOut_OneLineNamingThePatternNoStackTrace()
    {
        const string catastrophic = "(a+)+$";
        Directory.CreateDirectory(_cli.PathOf("exports"));
        File.WriteAllText(Path.Combine(_cli.PathOf("exports"), new string('a', 60) + "!.csv"), "x");
        _cli.Write("connector.json", Company.Configuration(peopleConnection: $$"""{ "Identifier": "people", "Directory": "exports", "FileNamePattern": "{{catastrophic}}", "Delimiter": ";" }"""));

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.Contains($"The pattern '{catastrophic}' of connection 'people' took too long", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_HeaderWith10000DuplicateNames_ShortMessageThatCountsTheRest()
    {
        await DayOneAsync();
        var header = "EmployeeId;FirstName;LastName;Email;Title;BirthDate;HireDate;Department;Manager" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $";Extra{i % 2}"));
        _cli.Write("people.csv", header + "\n" + string.Concat(File.ReadAllLines(_cli.PathOf("people.csv")).Skip(1).Take(3).Select(l => l + new string(';', 10_000) + "\n")));

        var run = await _cli.RunAsync("sync", _cli.Configuration);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.True(run.Output.Length + run.Error.Length < 10_000, $"{run.Output.Length + run.Error.Length} characters");
        Assert.Contains("the header names the column 'Extra0' more than once.", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("the header names the column 'Extra1' more than once.", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(People, await _cli.Services.ResourceStore.CountAsync("Fabrikam_HR", "Person"));
    }

    /// <summary>Points one person's department at a department that does not exist.</summary>
    private void MoveToMissingDepartment(string key)
    {
        var lines = File.ReadAllLines(_cli.PathOf("people.csv"));
        var index = Array.FindIndex(lines, l => l.StartsWith(key + ";", StringComparison.Ordinal));
        var fields = lines[index].Split(';');
        fields[7] = "D99";
        lines[index] = string.Join(';', fields);
        File.WriteAllLines(_cli.PathOf("people.csv"), lines);
    }

    private async Task DayOneAsync()
    {
        var run = await _cli.RunAsync("sync", _cli.Configuration, "--force");
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(People, (await _cli.IdentitiesAsync()).Count);
    }
}
