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
    [CommandOption("--force")]
    [Description("Apply a run that thresholds or safety rules blocked, after reviewing it with preview.")]
    public bool Force { get; set; }
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
