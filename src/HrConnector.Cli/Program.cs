using HrConnector.Cli;

// Ctrl+C stops the run at the next step or order; the next run resumes what it left.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, Terminal.FromSystemConsole(), new SqliteInfrastructureFactory(), cancellation.Token);
