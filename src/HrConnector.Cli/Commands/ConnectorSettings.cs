using System.ComponentModel;
using Spectre.Console.Cli;

namespace HrConnector.Cli.Commands;

/// <summary>The argument and options every command takes.</summary>
internal class ConnectorSettings : CommandSettings
{
    [CommandArgument(0, "<connector.json>")]
    [Description("The connector declared in JSON (relative file paths are resolved against its folder).")]
    public string Configuration { get; set; } = string.Empty;

    [CommandOption("--json")]
    [Description("Print a machine-readable JSON document on stdout, and nothing else.")]
    public bool Json { get; set; }

    [CommandOption("--db <path>")]
    [Description("The database file (resource store, identities, journal, history). Default: hrconnector.db next to the configuration file.")]
    public string? Database { get; set; }

    /// <summary>The full path of the configuration file.</summary>
    public string ConfigurationPath => Path.GetFullPath(Configuration);

    /// <summary>The full path of the database: --db, or hrconnector.db in the configuration's folder.</summary>
    public string DatabasePath => Database is { Length: > 0 } database
        ? Path.GetFullPath(database)
        : Path.Combine(Path.GetDirectoryName(ConfigurationPath)!, "hrconnector.db");
}

internal sealed class PreviewSettings : ConnectorSettings
{
    [CommandOption("--out <path>")]
    [Description("Where the plan is written as JSON (sensitive values redacted). Default: plan.json next to the configuration file.")]
    public string? Out { get; set; }

    [CommandOption("--all")]
    [Description("List every provisioning order, not only the first 10 of each kind.")]
    public bool All { get; set; }

    [CommandOption("--html <path>")]
    [Description("Also write the review as one self-contained HTML page (sensitive values redacted; readable by its owner only).")]
    public string? Html { get; set; }

    /// <summary>The full path of the plan file.</summary>
    public string PlanPath => Out is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.Combine(Path.GetDirectoryName(ConfigurationPath)!, "plan.json");
}

internal sealed class ReportSettings : ConnectorSettings
{
    [CommandOption("--html <path>")]
    [Description("Also write the report as one self-contained HTML page (readable by its owner only).")]
    public string? Html { get; set; }
}

internal sealed class SyncSettings : ConnectorSettings
{
    [CommandOption("--initial")]
    [Description("Run the first load into an empty store: everything is inserted and no threshold applies (refused on a store that is not empty).")]
    public bool Initial { get; set; }

    [CommandOption("--accept <KIND>")]
    [Description("Accept the threshold breaches of a kind of change, after reviewing them with preview: inserts, updates, deletes or deactivations (repeatable).")]
    public string[] Accept { get; set; } = [];

    [CommandOption("--accept-empty-source")]
    [Description("Accept the deletions that the safety rules hold back: an entity type whose file has no data rows, is incomplete, or has rows without a readable key.")]
    public bool AcceptEmptySource { get; set; }

    [CommandOption("--force")]
    [Description("Accept every threshold breach (the same as --accept for every kind); not the safety rules.")]
    public bool Force { get; set; }

    [CommandOption("--plan <PLAN_JSON>")]
    [Description("Apply exactly the plan that preview --out wrote, after reviewing it: refused if the files, the store or the connector changed since. A Blocked plan applies without --accept.")]
    public string? PlanPath { get; set; }

    [CommandOption("--approved-by <NAME>")]
    [Description("Who approves the plan given with --plan (kept in the run history). Default: the user running the tool.")]
    public string? ApprovedBy { get; set; }

    /// <summary>The kinds of change accepted by <c>--accept</c>.</summary>
    public HrConnector.Jobs.AcceptedChanges Accepted
        => Accept.Aggregate(HrConnector.Jobs.AcceptedChanges.None, (all, kind) => all | Parse(kind) ?? HrConnector.Jobs.AcceptedChanges.None);

    public override Spectre.Console.ValidationResult Validate()
    {
        if (PlanPath is not null && (Initial || Force || AcceptEmptySource || Accept.Length > 0))
        {
            return Spectre.Console.ValidationResult.Error("--plan applies the reviewed plan as it is: it does not combine with --initial, --accept, --accept-empty-source or --force.");
        }

        if (ApprovedBy is not null && PlanPath is null)
        {
            return Spectre.Console.ValidationResult.Error("--approved-by names who approved the plan given with --plan.");
        }

        foreach (var kind in Accept)
        {
            if (Parse(kind) is null)
            {
                return Spectre.Console.ValidationResult.Error($"--accept takes inserts, updates, deletes or deactivations, not '{kind}'.");
            }
        }

        return base.Validate();
    }

    private static HrConnector.Jobs.AcceptedChanges? Parse(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "inserts" => HrConnector.Jobs.AcceptedChanges.Inserts,
        "updates" => HrConnector.Jobs.AcceptedChanges.Updates,
        "deletes" => HrConnector.Jobs.AcceptedChanges.Deletes,
        "deactivations" => HrConnector.Jobs.AcceptedChanges.Deactivations,
        _ => null,
    };
}

internal sealed class HistorySettings : ConnectorSettings
{
    [CommandOption("--limit <count>")]
    [Description("How many runs to show, newest first. Default: 20; 0 for all.")]
    [DefaultValue(20)]
    public int Limit { get; set; } = 20;

    public override Spectre.Console.ValidationResult Validate()
        => Limit < 0 ? Spectre.Console.ValidationResult.Error("--limit must be 0 or more.") : base.Validate();
}
