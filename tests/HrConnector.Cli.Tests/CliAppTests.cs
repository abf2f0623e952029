namespace HrConnector.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var run = await _cli.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "validate", "preview", "sync", "report", "history" })
        {
            Assert.Contains($"{command} <connector.json>", run.Output);
        }
    }

    [Fact]
    public async Task SyncHelp_ListsItsOptions()
    {
        var run = await _cli.RunAsync("sync", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--force", run.Output);
        Assert.Contains("--json", run.Output);
        Assert.Contains("--db <PATH>", run.Output);
    }

    [Fact]
    public async Task UnknownCommand_ExitsOne()
    {
        var run = await _cli.RunAsync("synchronize", _cli.Configuration);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("synchronize", run.Error);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task MissingArgument_ExitsOne()
    {
        var run = await _cli.RunAsync("sync");

        Assert.Equal(1, run.ExitCode);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task UnknownOption_ExitsOne()
    {
        var run = await _cli.RunAsync("preview", _cli.Configuration, "--froce");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("froce", run.Error);
    }

    [Fact]
    public async Task Cancelled_ExitsWithTheCancellationCode()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApp.RunAsync(["sync", _cli.Configuration], output, error, _cli.Factory, cancellation.Token);

        Assert.Equal(CliApp.CancelledExitCode, exitCode);
        Assert.Empty(await _cli.IdentitiesAsync());
    }
}
