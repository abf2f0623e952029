using System.ComponentModel;
using HrConnector.Cli.Rendering;
using HrConnector.Jobs;

namespace HrConnector.Cli.Commands;

/// <summary>Runs the job: commits the resource store and provisions the identities. Exit 0 done, 2 blocked, 1 failed.</summary>
[Description("Synchronize: apply the HR files to the resource store and provision the identities (--force for a blocked run).")]
internal sealed class SyncCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<SyncSettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(SyncSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath);
        var job = services.CreateJob(connector);
        var request = new JobRequest { Force = settings.Force };
        var result = await JobProgressDisplay.RunAsync(Terminal, settings.Json, progress => job.RunAsync(request, progress, cancellationToken));
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(result.ToJson());
        }
        else
        {
            JobResultView.Render(Terminal, result);
            Terminal.OutWriter.WriteLine($"Database: {settings.DatabasePath}");
        }

        return JobResultView.ExitCode(result.Status);
    }
}
