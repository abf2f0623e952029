using System.Reflection;
using HrConnector.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HrConnector.Cli;

/// <summary>The hrconnector command line, runnable in-process: the console, the database and the arguments are given.</summary>
internal static class CliApp
{
    /// <summary>Exit code of a run stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report an interrupted command).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Runs one command with plain text output (no colours, no progress bars), as when stdout is redirected.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IInfrastructureFactory infrastructure, CancellationToken cancellationToken = default)
        => RunAsync(args, Terminal.Plain(output, error), infrastructure, cancellationToken);

    /// <summary>Runs one command.</summary>
    /// <returns>0 done, 1 error, 2 blocked by thresholds (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, Terminal terminal, IInfrastructureFactory infrastructure, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("hrconnector");
            // A misspelt option (--froce) is an error, not an argument silently ignored.
            config.UseStrictParsing();
            config.SetApplicationVersion(typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");
            config.ConfigureConsole(terminal.Out);
            config.Settings.Registrar.RegisterInstance(terminal);
            config.Settings.Registrar.RegisterInstance(infrastructure);
            config.CancellationExitCode(CancelledExitCode);
            config.SetExceptionHandler((exception, _) => HandleException(terminal, exception));

            config.AddCommand<ValidateCommand>("validate")
                .WithExample("validate", "connector.json");
            config.AddCommand<PreviewCommand>("preview")
                .WithExample("preview", "connector.json", "--out", "plan.json");
            config.AddCommand<SyncCommand>("sync")
                .WithExample("sync", "connector.json")
                .WithExample("sync", "connector.json", "--force");
            config.AddCommand<ReportCommand>("report")
                .WithExample("report", "connector.json");
            config.AddCommand<HistoryCommand>("history")
                .WithExample("history", "connector.json", "--limit", "10");
            config.AddCommand<RetryCommand>("retry")
                .WithExample("retry", "connector.json")
                .WithExample("retry", "connector.json", "--order", "0123456789ABCDEF0123456789ABCDEF");
            config.AddBranch("review", review =>
            {
                review.SetDescription("The correlation review: list the HR records whose correlation needs a decision, and decide (link, create, ignore, clear).");
                review.SetDefaultCommand<ReviewListCommand>();
                review.AddCommand<ReviewLinkCommand>("link")
                    .WithExample("review", "link", "connector.json", "E0042", "I000017");
                review.AddCommand<ReviewCreateCommand>("create")
                    .WithExample("review", "create", "connector.json", "E0042");
                review.AddCommand<ReviewIgnoreCommand>("ignore")
                    .WithExample("review", "ignore", "connector.json", "E0042");
                review.AddCommand<ReviewClearCommand>("clear")
                    .WithExample("review", "clear", "connector.json", "E0042");
            });
            config.AddCommand<ShowCommand>("show")
                .WithExample("show", "connector.json")
                .WithExample("show", "connector.json", "Person", "--page", "2")
                .WithExample("show", "connector.json", "Person", "E0001");
        });

        return await app.RunAsync(args, cancellationToken);
    }

    /// <summary>What the commands did not handle: a bad command line, a cancellation, or a bug (only a bug shows a stack trace).</summary>
    private static int HandleException(Terminal terminal, Exception exception)
    {
        switch (exception)
        {
            case CommandAppException { Pretty: { } pretty }:
                terminal.Error.Write(pretty);
                return ExitCodes.Error;
            case CommandAppException:
                Errors.Write(terminal, exception);
                return ExitCodes.Error;
            case OperationCanceledException:
                Errors.Write(terminal, "Cancelled. What was written is consistent: the next run resumes it.");
                return CancelledExitCode;
            case var expected when ConnectorCommand<ConnectorSettings>.IsExpected(expected):
                Errors.Write(terminal, expected);
                return ExitCodes.Error;
            default:
                Errors.Write(terminal, "unexpected failure, please report it with the following details.");
                terminal.ErrorWriter.WriteLine(exception.ToString());
                return ExitCodes.Error;
        }
    }
}
