using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace HrConnector.Cli.Tests;

/// <summary>Ctrl+C and SIGTERM cancel a run through its token: exit 130, a clean message, and the next run succeeds.</summary>
[Trait("Category", "Hosting")]
public class SignalsTests
{
    [Fact]
    public void Handle_FirstSignal_CancelsTheRunAndKeepsTheProcess()
    {
        using var cancellation = new CancellationTokenSource();
        var context = new PosixSignalContext(PosixSignal.SIGTERM);

        Signals.Handle(context, cancellation);

        Assert.True(context.Cancel);
        Assert.True(cancellation.IsCancellationRequested);
    }

    [Fact]
    public void Handle_SecondSignal_LetsTheDefaultActionEndTheProcess()
    {
        using var cancellation = new CancellationTokenSource();
        Signals.Handle(new PosixSignalContext(PosixSignal.SIGINT), cancellation);
        var second = new PosixSignalContext(PosixSignal.SIGTERM);

        Signals.Handle(second, cancellation);

        Assert.False(second.Cancel);
    }

    [Fact]
    public void Cancelling_IsCtrlCAndSigterm()
        => Assert.Equal([PosixSignal.SIGINT, PosixSignal.SIGTERM], Signals.Cancelling);

    [Fact]
    public async Task Sync_Sigterm_CancelsCleanlyWithExitCode130AndTheNextRunSucceeds()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var harness = new CliHarness();
        var people = File.ReadAllText(harness.PathOf("people.csv"));

        // A first load long enough (about a minute) that the signal lands while it reads.
        var big = new StringBuilder("EmployeeId;FirstName;LastName;Email;Title;BirthDate;HireDate;Department;Manager\n");
        for (var n = 1; n <= 300_000; n++)
        {
            big.Append('E').Append(n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).Append(";First;Last;p@fabrikam.example;Engineer;10/12/1985;2015-01-05;D02;\n");
        }

        harness.Write("people.csv", big.ToString());

        var cancelled = await RunToolAsync(harness, afterLine: "Read…", "sync", "connector.json", "--initial");

        Assert.True(cancelled.ExitCode == CliApp.CancelledExitCode, cancelled.ToString());
        Assert.Contains("Cancelled. What was written is consistent: the next run resumes it.", cancelled.Error, StringComparison.Ordinal);
        cancelled.AssertNoStackTrace();

        harness.Write("people.csv", people);
        var next = await RunToolAsync(harness, afterLine: null, "sync", "connector.json", "--initial");

        Assert.True(next.ExitCode == ExitCodes.Success, next.ToString());
    }

    /// <summary>Runs the built tool in a child process; sends SIGTERM once stderr shows <paramref name="afterLine"/>.</summary>
    private static async Task<CliRun> RunToolAsync(CliHarness harness, string? afterLine, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = harness.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HrConnector.Cli.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = new StringBuilder();
        var signalled = false;
        try
        {
            while (await child.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) is { } line)
            {
                error.AppendLine(line);
                if (!signalled && afterLine is not null && line == afterLine)
                {
                    await TerminateAsync(child);
                    signalled = true;
                }
            }

            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        Assert.True(afterLine is null || signalled, $"The tool never wrote '{afterLine}':\n{error}");
        return new CliRun(child.ExitCode, await output, error.ToString());
    }

    /// <summary>Sends SIGTERM as a service manager does (<c>kill -TERM</c>).</summary>
    private static async Task TerminateAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
