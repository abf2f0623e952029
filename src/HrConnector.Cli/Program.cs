using HrConnector.Cli;

// Ctrl+C or SIGTERM stops the run at the next step or order; the next run resumes what it left.
using var cancellation = new CancellationTokenSource();
using var signals = Signals.CancelOn(cancellation);

return await CliApp.RunAsync(args, Terminal.FromSystemConsole(), new SqliteInfrastructureFactory(), cancellation.Token);
