using System.ComponentModel;
using HrConnector.Cli.Rendering;
using HrConnector.Jobs;
using HrConnector.Synchronization;
using HrConnector.Modeling;

namespace HrConnector.Cli.Commands;

/// <summary>Runs the job: commits the resource store and provisions the identities. Exit 0 done, 2 blocked, 1 failed.</summary>
[Description("Synchronize: apply the HR files to the resource store and provision the identities (--initial for a first load; --accept after reviewing a blocked run).")]
internal sealed class SyncCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<SyncSettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(SyncSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath);
        var job = services.CreateJob(connector);
        var approval = settings.PlanPath is { } planPath ? ReadApproval(planPath, settings.ApprovedBy) : null;
        var request = new JobRequest
        {
            Approval = approval,
            Mode = settings.Initial ? Synchronization.SynchronizationMode.Initial : Synchronization.SynchronizationMode.Complete,
            Force = settings.Force,
            Accept = settings.Accepted,
            AcceptEmptySource = settings.AcceptEmptySource,
        };
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

    /// <summary>The approval of the plan file given with --plan: its basis, who approves it, now.</summary>
    private static PlanApproval ReadApproval(string planPath, string? approvedBy)
    {
        var path = Path.GetFullPath(planPath);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HrConnectorException($"The plan '{path}' cannot be read: {exception.Message}", exception);
        }

        PlanBasis basis;
        try
        {
            basis = PlanBasis.FromPlanJson(json);
        }
        catch (HrConnectorException exception)
        {
            throw new HrConnectorException($"{path}: {exception.Message}", exception);
        }

        var by = string.IsNullOrWhiteSpace(approvedBy) ? Environment.UserName : approvedBy.Trim();
        return new PlanApproval(basis, by, DateTimeOffset.UtcNow);
    }
}
