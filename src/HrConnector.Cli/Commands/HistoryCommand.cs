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
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
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

        var table = Tables.CreateNumeric(3, "Run id", "Started (UTC)", "Status", "Rows", "Inserted", "Updated", "Deleted", "Rejected");
        table.AddColumn(new TableColumn(new Text("Provisioning orders", new Style(decoration: Decoration.Bold))));
        table.Columns[0].NoWrap();
        foreach (var r in results)
        {
            var status = r.Status.ToString() + (r.Forced ? " (forced)" : string.Empty);
            table.AddRow(
                Tables.Cell(r.RunId),
                Tables.Time(r.StartedAt),
                new Text(status, JobResultView.StatusStyle(r.Status)),
                Tables.Number(r.EntityTypes.Sum(e => e.Rows)),
                Tables.Number(r.EntityTypes.Sum(e => e.Inserted)),
                Tables.Number(r.EntityTypes.Sum(e => e.Updated)),
                Tables.Number(r.EntityTypes.Sum(e => e.Deleted)),
                Tables.Number(r.EntityTypes.Sum(e => e.Rejected)),
                Tables.Cell(JobResultView.OrdersByKind(r.Provisioning)));
        }

        Terminal.Out.Write(table);
        return ExitCodes.Success;
    }
}
