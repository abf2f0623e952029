using System.Text.Json;

namespace HrConnector.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Validate_ValidConfiguration_ListsFilesAndExitsZero()
    {
        var run = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connector Fabrikam_HR (connector.json): 2 entity types, 2 mapped files", run.Output);
        Assert.Matches(@"│ Department\s+│ departments\.csv\s+│ 3\s+│ 3\s+│ 0\s+│ ok", run.Output);
        Assert.Matches(@"│ Person\s+│ people\.csv\s+│ 5\s+│ 5\s+│ 0\s+│ ok", run.Output);
        Assert.Contains("Valid: the files can be synchronized.", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Validate_RejectedRow_IsAWarningWithFileAndLineAndNoValue()
    {
        _cli.Edit("people.csv", "09/12/1986", "31/02/1986");

        var run = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: people.csv:4: column 'BirthDate': the value is not a date", run.Output);
        Assert.Contains("Valid: the files can be synchronized (1 warning", run.Output);
        Assert.DoesNotContain("31/02/1986", run.Output + run.Error);
    }

    [Fact]
    public async Task Validate_TooManyRejects_FileIsUnusableAndExitsOne()
    {
        _cli.Edit("people.csv", "2016-03-01", "yesterday");
        _cli.Edit("people.csv", "2017-09-18", "tomorrow");
        _cli.Edit("people.csv", "2019-02-11", "someday");

        var run = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: ", run.Output);
        Assert.Contains("more than the 50% allowed (MaxRejectPercent)", run.Output);
        Assert.Matches(@"│ Person\s+│ people\.csv\s+│ –\s+│ –\s+│ 3\s+│ unusable", run.Output);
        Assert.Contains("Not valid: 1 error, 3 warnings.", run.Output);
        Assert.DoesNotContain("someday", run.Output + run.Error);
    }

    [Fact]
    public async Task Validate_UnknownKeyAndInvalidValue_ListsEveryProblemAndExitsOne()
    {
        _cli.Edit("connector.json", "\"Delimiter\": \";\"", "\"Delimeter\": \";\"");
        _cli.Edit("connector.json", "{ \"Identifier\": \"BirthDate\", \"Type\": \"Date\"", "{ \"Identifier\": \"BirthDate\", \"Type\": \"Dat\"");

        var run = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: The setting 'Connections:1:Delimeter' is unknown", run.Output);
        Assert.Contains("error: The setting 'EntityTypes:1:Properties:4:Type' has the value 'Dat'", run.Output);
        Assert.Contains("Not valid: 2 errors, 0 warnings.", run.Output);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Validate_MissingFile_NamesTheFileAndExitsOne()
    {
        File.Delete(_cli.PathOf("departments.csv"));

        var run = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("departments.csv: The file of connection 'departments' does not exist.", run.Output);
        Assert.Matches(@"│ Department\s+│ departments\.csv\s+│ –\s+│ –\s+│ 0\s+│ unusable", run.Output);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Validate_WrongDelimiter_SaysSoAndExitsOne()
    {
        _cli.Write("people.csv", File.ReadAllText(_cli.PathOf("people.csv")).Replace(';', ','));

        var run = await _cli.RunAsync("validate", _cli.Configuration);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is the delimiter right? The connection 'people' splits on ';'", run.Output);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Validate_MissingConfiguration_ExitsOne()
    {
        var run = await _cli.RunAsync("validate", _cli.PathOf("nowhere.json"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("nowhere.json' does not exist.", run.Output);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Validate_Json_PrintsTheProblemsAsAListAndNothingElse()
    {
        _cli.Edit("people.csv", "09/12/1986", "31/02/1986");
        File.Delete(_cli.PathOf("departments.csv"));

        var run = await _cli.RunAsync("validate", _cli.Configuration, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var problems = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, problems.Count);
        Assert.Equal("error", problems[0].GetProperty("severity").GetString());
        Assert.Equal("departments.csv", problems[0].GetProperty("file").GetString());
        Assert.Equal("FileNotFound", problems[0].GetProperty("reason").GetString());
        Assert.Equal("warning", problems[1].GetProperty("severity").GetString());
        Assert.Equal("people.csv", problems[1].GetProperty("file").GetString());
        Assert.Equal(4, problems[1].GetProperty("line").GetInt64());
        Assert.Equal("BirthDate", problems[1].GetProperty("column").GetString());
        Assert.Equal("InvalidValue", problems[1].GetProperty("reason").GetString());
        Assert.Equal("E003", problems[1].GetProperty("key").GetString());
        Assert.Equal(string.Empty, run.Error);
    }
}
