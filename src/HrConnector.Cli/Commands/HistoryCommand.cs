using System.ComponentModel;
using HrConnector.Cli.Rendering;
using HrConnector.Jobs;
using Spectre.Console;

namespace HrConnector.Cli.Commands;

/// <summary>The results of past runs of the connector, newest first.</summary>
[Description("List past runs of the connector, newest first: status, counts and provisioning orders.")]
internal sealed class HistoryCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<HistorySettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(HistorySettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath);
        var results = new List<JobResult>();
        await foreach (var result in services.History.ListAsync(connector.Identifier, cancellationToken))
        {
            results.Add(result);
            if (settings.Limit > 0 && results.Count == settings.Limit)
            {
                break;
            }
        }

        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Array(results.Select(r => r.ToJson())));
            return ExitCodes.Success;
        }

        if (results.Count == 0)
        {
            Terminal.OutWriter.WriteLine($"No runs of {connector.Identifier} yet in {settings.DatabasePath}.");
            return ExitCodes.Success;
        }

        var table = Tables.CreateNumeric(4, "Run id", "Started (UTC)", "Mode", "Status", "Rows", "Inserted", "Updated", "Deleted", "Rejected", "Orders");
        table.AddColumn(new TableColumn(new Text("Orders by kind", new Style(decoration: Decoration.Bold))));
        foreach (var r in results)
        {
            var status = r.Status.ToString() + (r.Forced ? " (forced)" : string.Empty);
            table.AddRow(
                Tables.Cell(r.RunId),
                Tables.Time(r.StartedAt),
                Tables.Cell(r.Mode.ToString()),
                new Text(status, JobResultView.StatusStyle(r.Status)),
                Tables.Number(r.EntityTypes.Sum(e => e.Rows)),
                Tables.Number(r.EntityTypes.Sum(e => e.Inserted)),
                Tables.Number(r.EntityTypes.Sum(e => e.Updated)),
                Tables.Number(r.EntityTypes.Sum(e => e.Deleted)),
                Tables.Number(r.EntityTypes.Sum(e => e.Rejected)),
                Tables.Number(JobResultView.OrderCount(r)),
                Tables.Cell(JobResultView.OrdersByKind(r.Provisioning)));
        }

        Terminal.Out.Write(table);
        return ExitCodes.Success;
    }
}
