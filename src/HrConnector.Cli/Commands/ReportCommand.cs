using System.ComponentModel;
using HrConnector.Cli.Rendering;
using HrConnector.Provisioning;
using Spectre.Console;

namespace HrConnector.Cli.Commands;

/// <summary>The consistency report: the drift between HR's last synchronized records and the identities, by kind. Changes nothing.</summary>
[Description("Compare HR's last synchronized records with the identities and list the drift by kind; changes nothing.")]
internal sealed class ReportCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<ReportSettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(ReportSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        // A connector without a Provisioning section has nothing to compare: the job says so (an expected error).
        var report = await services.CreateJob(connector).ReportAsync(cancellationToken: cancellationToken);

        string? htmlPath = null;
        if (settings.Html is { Length: > 0 } html)
        {
            htmlPath = Path.GetFullPath(html);
            await OwnerOnlyFile.WriteAllTextAsync(htmlPath, HtmlReview.Report(report), cancellationToken);
        }

        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(report.ToJson());
        }
        else
        {
            Render(report);
        }

        if (htmlPath is not null)
        {
            (settings.Json ? Terminal.ErrorWriter : Terminal.OutWriter).WriteLine($"Report page written to {htmlPath}");
        }

        return ExitCodes.Success;
    }

    private void Render(ConsistencyReport report)
    {
        var console = Terminal.Out;
        console.MarkupLineInterpolated($"Consistency of [bold]{report.EntityType}[/] records of [bold]{report.Connector}[/] with the identities: {report.HrRecords} HR records, {report.Identities} identities, {report.Linked} linked");
        JobResultView.RenderStuck(Terminal, report.Stuck);
        if (report.Drifts.Count == 0)
        {
            console.WriteLine("No drift: HR and the identities agree.");
            return;
        }

        foreach (var group in report.Drifts.GroupBy(d => d.Kind).OrderBy(g => g.Key))
        {
            var mismatch = group.Key == DriftKind.PropertyMismatch;
            var table = mismatch
                ? Tables.Create("HR record", "Identity", "Property", "Policy", "Next run")
                : Tables.Create("HR record", "Identity");
            foreach (var drift in group)
            {
                if (mismatch)
                {
                    table.AddRow(Tables.Cell(drift.ResourceKey), Tables.Cell(drift.IdentityId), Tables.Cell(drift.Property), Tables.Cell(drift.Policy?.ToString()), Tables.Cell(Wording.NextRun(drift.Policy)));
                }
                else
                {
                    table.AddRow(Tables.Cell(drift.ResourceKey ?? "–"), Tables.Cell(drift.IdentityId ?? "–"));
                }
            }

            console.Write(new Text($"{group.Key} ({group.Count()})", new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            console.Write(table);
        }

        console.WriteLine(Wording.Plural(report.Drifts.Count, "difference") + ".");
    }
}
