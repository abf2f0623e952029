using System.ComponentModel;
using HrConnector.Cli.Rendering;
using HrConnector.Jobs;

namespace HrConnector.Cli.Commands;

/// <summary>Computes the run without writing anything but the plan file: the database does not change.</summary>
[Description("Compute the run without applying it: summary, provisioning orders (the first 10 of each kind, --all for every one), breaches; the plan and its orders are written as JSON.")]
internal sealed class PreviewCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<PreviewSettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(PreviewSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        var job = services.CreateJob(connector);
        var result = await JobProgressDisplay.RunAsync(Terminal, settings.Json, progress => job.RunAsync(JobRequest.Preview, progress, cancellationToken));

        var planPath = settings.PlanPath;
        if (result.Plan is { } plan)
        {
            // Sensitive values are written as "***": the plan can be shared for review.
            await OwnerOnlyFile.WriteAllTextAsync(planPath, plan.ToJson(), cancellationToken);
        }

        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(result.ToJson());
            Terminal.ErrorWriter.WriteLine($"Plan written to {planPath}");
        }
        else
        {
            JobResultView.Render(Terminal, result);
            OrdersView.Render(Terminal, result, settings.All);
            Terminal.OutWriter.WriteLine($"Plan written to {planPath}");
        }

        return JobResultView.ExitCode(result.Status);
    }
}
