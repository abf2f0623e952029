using Spectre.Console;

namespace HrConnector.Cli.Tests;

public sealed class TerminalTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sync_InteractiveTerminal_ShowsAProgressBarPerStep()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.Yes,
        });
        var terminal = new Terminal(console, console, output, error, interactive: true);

        var exitCode = await CliApp.RunAsync(["sync", _cli.Configuration], terminal, _cli.Factory);

        Assert.True(exitCode == 0, output + "\n" + error);
        foreach (var step in new[] { "Resume", "Read", "Plan", "Provision", "Stage", "Commit", "Release", "Dispatch" })
        {
            Assert.Contains(step, output.ToString());
        }

        Assert.Contains("100%", output.ToString());
        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(5, (await _cli.IdentitiesAsync()).Count);
    }

    [Fact]
    public async Task Sync_InteractiveTerminalWithJson_PrintsOnlyTheJson()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes });
        var terminal = new Terminal(console, console, output, error, interactive: true);

        var exitCode = await CliApp.RunAsync(["sync", _cli.Configuration, "--json"], terminal, _cli.Factory);

        Assert.Equal(0, exitCode);
        Assert.Equal(Jobs.JobStatus.Succeeded, Jobs.JobResult.FromJson(output.ToString()).Status);
    }
}
