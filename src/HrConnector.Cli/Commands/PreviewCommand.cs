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
        if (result.Plan is not null)
        {
            // Sensitive values are written as "***": the plan can be shared for review.
            await OwnerOnlyFile.WriteAllTextAsync(planPath, result.PlanToJson(), cancellationToken);
        }

        string? htmlPath = null;
        if (settings.Html is { Length: > 0 } html)
        {
            // One self-contained page; the same redaction as the plan file, and created 0600 like it.
            htmlPath = Path.GetFullPath(html);
            await OwnerOnlyFile.WriteAllTextAsync(htmlPath, HtmlReview.Preview(result, connector), cancellationToken);
        }

        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(result.ToJson());
            Terminal.ErrorWriter.WriteLine($"Plan written to {planPath}");
            if (htmlPath is not null)
            {
                Terminal.ErrorWriter.WriteLine($"Review page written to {htmlPath}");
            }
        }
        else
        {
            JobResultView.Render(Terminal, result);
            OrdersView.Render(Terminal, result, settings.All);
            Terminal.OutWriter.WriteLine($"Plan written to {planPath}");
            if (htmlPath is not null)
            {
                Terminal.OutWriter.WriteLine($"Review page written to {htmlPath}");
            }
        }

        return JobResultView.ExitCode(result.Status);
    }
}
