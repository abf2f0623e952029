using System.ComponentModel;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Cli.Rendering;
using Spectre.Console;

namespace HrConnector.Cli.Commands;

/// <summary>
/// Checks the model, the mappings and the files: every configuration problem at once, then every mapped file read
/// in full. Rejected rows are warnings (the run would keep those records as they were); a configuration that does not
/// build or a file that cannot be read is an error. Exit 0 when the files can be synchronized, 1 otherwise.
/// </summary>
[Description("Check the configuration and read every mapped file: problems are listed with file and line.")]
internal sealed class ValidateCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<ConnectorSettings>(terminal, infrastructure)
{
    // A file with thousands of rejects must not flood the terminal; --json lists them all.
    private const int MaxWarningsShown = 50;

    protected override Task<int> RunAsync(ConnectorSettings settings, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        var files = new List<FileSummary>();
        var configurationFile = Path.GetFileName(settings.ConfigurationPath);
        Connector? connector = null;
        try
        {
            connector = LoadConnector(settings);
        }
        catch (ConnectorValidationException exception)
        {
            problems.AddRange(exception.Errors.Select(e => Problem.Error(configurationFile, null, "InvalidConfiguration", e)));
        }
        catch (Exception exception) when (IsExpected(exception))
        {
            problems.Add(Problem.Error(configurationFile, null, "InvalidConfiguration", exception.Message));
        }

        if (connector is not null)
        {
            foreach (var mapping in connector.Mappings)
            {
                cancellationToken.ThrowIfCancellationRequested();
                files.Add(Read(connector, mapping, problems, cancellationToken));
            }
        }

        var valid = !problems.Any(p => p.IsError);
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Serialize(problems));
        }
        else
        {
            Render(connector, configurationFile, files, problems, valid);
        }

        return Task.FromResult(valid ? ExitCodes.Success : ExitCodes.Error);
    }

    private static FileSummary Read(Connector connector, EntityTypeMapping mapping, List<Problem> problems, CancellationToken cancellationToken)
    {
        var entityType = mapping.EntityType.Identifier;
        try
        {
            var result = connector.Read(entityType, cancellationToken: cancellationToken);
            problems.AddRange(result.Rejects.Select(Problem.Warning));
            return new FileSummary(entityType, Path.GetFileName(result.File), result.RowCount, result.Resources.Count, result.RejectedRowCount, result.IsTruncated ? "truncated" : "ok");
        }
        catch (CsvFileException exception)
        {
            problems.Add(Problem.Error(Path.GetFileName(exception.File), exception.Line > 0 ? exception.Line : null, exception.Error.ToString(), exception.Message));
            problems.AddRange(exception.Rejects.Select(Problem.Warning));
            return new FileSummary(entityType, Path.GetFileName(exception.File), null, null, exception.Rejects.Count, "unusable");
        }
        catch (HrConnectorException exception)
        {
            problems.Add(Problem.Error(mapping.Connection.Identifier, null, "Unreadable", exception.Message));
            return new FileSummary(entityType, mapping.Connection.Identifier, null, null, 0, "unusable");
        }
    }

    private void Render(Connector? connector, string configurationFile, List<FileSummary> files, List<Problem> problems, bool valid)
    {
        if (connector is not null)
        {
            Terminal.Out.MarkupLineInterpolated($"Connector [bold]{connector.Identifier}[/] ({configurationFile}): {connector.EntityTypes.Count} entity types, {connector.Mappings.Count} mapped files");
            var table = Tables.Create("Entity type", "File", "Rows", "Resources", "Rejected", "File status");
            foreach (var file in files)
            {
                table.AddRow(Tables.Cell(file.EntityType), Tables.Cell(file.File), Tables.Number(file.Rows), Tables.Number(file.Resources), Tables.Number(file.Rejected), Tables.Cell(file.Status));
            }

            Terminal.Out.Write(table);
        }

        foreach (var problem in problems.Where(p => p.IsError))
        {
            Errors.Line(Terminal, error: true, problem.Message);
        }

        var warnings = problems.Where(p => !p.IsError).ToList();
        foreach (var problem in warnings.Take(MaxWarningsShown))
        {
            Errors.Line(Terminal, error: false, problem.Message);
        }

        if (warnings.Count > MaxWarningsShown)
        {
            Terminal.OutWriter.WriteLine($"… and {warnings.Count - MaxWarningsShown} more warnings (--json lists them all).");
        }

        var errorCount = problems.Count - warnings.Count;
        Terminal.OutWriter.WriteLine(!valid ? $"Not valid: {Wording.Plural(errorCount, "error")}, {Wording.Plural(warnings.Count, "warning")}."
            : warnings.Count == 0 ? "Valid: the files can be synchronized."
            : $"Valid: the files can be synchronized ({Wording.Plural(warnings.Count, "warning")}: rejected rows keep their records as they were).");
    }


    private sealed record FileSummary(string EntityType, string File, long? Rows, long? Resources, long Rejected, string Status);
}

/// <summary>A problem found by validate: where, why, and a message without field values.</summary>
/// <param name="Severity">error (the files cannot be synchronized) or warning (a rejected row).</param>
/// <param name="File">The file at fault (the configuration file, or a file name without folder).</param>
/// <param name="Line">The 1-based line, when there is one.</param>
/// <param name="Column">The column, for a reject.</param>
/// <param name="Reason">The reject reason, the file error, or InvalidConfiguration.</param>
/// <param name="Message">The library's message: file, line, column and reason, never a value.</param>
/// <param name="EntityType">The entity type, for a reject.</param>
/// <param name="Key">The key of the rejected row, when it could be read.</param>
internal sealed record Problem(string Severity, string File, long? Line, string? Column, string Reason, string Message, string? EntityType = null, string? Key = null)
{
    public bool IsError => Severity == "error";

    public static Problem Error(string file, long? line, string reason, string message) => new("error", file, line, null, reason, message);

    public static Problem Warning(Reject reject) => new("warning", reject.File, reject.Line, reject.Column, reject.Reason.ToString(), reject.Message, reject.EntityType, reject.Key);
}
