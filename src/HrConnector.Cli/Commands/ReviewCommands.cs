using System.ComponentModel;
using System.Globalization;
using HrConnector.Cli.Rendering;
using HrConnector.Provisioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HrConnector.Cli.Commands;

/// <summary>Lists the correlation cases to decide (disputed, or below full confidence), the decisions the next run acts on, and the ignored records. Keys and identity ids only, never values.</summary>
[Description("List the HR records whose correlation needs a decision (candidates, rule, confidence), the decisions not acted on yet, and the ignored records.")]
internal sealed class ReviewListCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<ConnectorSettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(ConnectorSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        var items = await services.CreateReview(connector).ListAsync(cancellationToken);
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Serialize(items.Select(i => new
            {
                i.EntityType,
                i.ResourceKey,
                Status = Status(i),
                i.Case?.Rule,
                i.Case?.Confidence,
                Candidates = i.Case?.Candidates ?? [],
                i.Decision?.IdentityId,
                i.Decision?.DecidedBy,
                i.Decision?.DecidedAt,
            })));
            return ExitCodes.Success;
        }

        var open = items.Count(i => i.IsOpen);
        Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Correlation review of {connector.Identifier}: {Wording.Plural(open, "open case")}, {Wording.Plural(items.Count - open, "decision")}."));
        if (items.Count == 0)
        {
            return ExitCodes.Success;
        }

        var table = Tables.Create("HR key", "Status", "Rule", "Confidence", "Candidates", "Decided");
        foreach (var item in items)
        {
            table.AddRow(
                Tables.Cell(item.ResourceKey),
                Tables.Cell(Status(item)),
                Tables.Cell(item.Case?.Rule ?? "–"),
                Tables.Cell(item.Case is { } found ? found.Confidence.ToString(CultureInfo.InvariantCulture) : "–"),
                Tables.Cell(item.Case is { Candidates.Count: > 0 } withCandidates ? string.Join(", ", withCandidates.Candidates) : "–"),
                Tables.Cell(item.Decision is { } decision ? Decided(decision) : "–"));
        }

        Terminal.Out.Write(table);
        if (open > 0)
        {
            Terminal.Out.WriteLine("Decide with: review link <connector.json> <hr-key> <identity-id>, review create <connector.json> <hr-key>, or review ignore <connector.json> <hr-key>; the next sync acts on it.");
        }

        return ExitCodes.Success;
    }

    private static string Status(CorrelationReviewItem item) => item.Decision switch
    {
        null => "open",
        { Kind: CorrelationDecisionKind.Link } link => $"link to {link.IdentityId}",
        { Kind: CorrelationDecisionKind.Create } => "create",
        _ => "ignored",
    };

    private static string Decided(CorrelationDecision decision)
        => decision.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) + (decision.DecidedBy is { } by ? " by " + by : string.Empty);
}

/// <summary>The settings of the review decisions: the record, and who decides.</summary>
internal class ReviewDecisionSettings : ConnectorSettings
{
    [CommandArgument(1, "<hr-key>")]
    [Description("The key of the HR record, as review lists it.")]
    public string Key { get; set; } = string.Empty;

    [CommandOption("--by <name>")]
    [Description("Who decides, recorded with the decision. Default: the user name of the session.")]
    public string? DecidedBy { get; set; }

    /// <summary>Who decides: --by, or the session's user name.</summary>
    public string Decider => DecidedBy is { Length: > 0 } by ? by : Environment.UserName;
}

/// <summary>The settings of <see cref="ReviewLinkCommand"/>.</summary>
internal sealed class ReviewLinkSettings : ReviewDecisionSettings
{
    [CommandArgument(2, "<identity-id>")]
    [Description("The identity to link the record to (one of the candidates, or any identity of the repository not linked yet).")]
    public string IdentityId { get; set; } = string.Empty;
}

/// <summary>A decision command: records the decision through the correlation review, then says what the next sync does.</summary>
internal abstract class ReviewDecisionCommand<TSettings>(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<TSettings>(terminal, infrastructure)
    where TSettings : ReviewDecisionSettings
{
    protected override async Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        var decision = await DecideAsync(services.CreateReview(connector), settings, cancellationToken);
        return ReviewOutput.Write(Terminal, settings, decision, Describe(decision));
    }

    /// <summary>Records the decision.</summary>
    protected abstract Task<CorrelationDecision> DecideAsync(CorrelationReview review, TSettings settings, CancellationToken cancellationToken);

    /// <summary>What the next sync does about it, for people.</summary>
    protected abstract string Describe(CorrelationDecision decision);
}

/// <summary>Decides that an HR record is an identity: the next sync links them.</summary>
[Description("Decide that an HR record is this identity: the next sync links them and updates the identity under the ownership policies.")]
internal sealed class ReviewLinkCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ReviewDecisionCommand<ReviewLinkSettings>(terminal, infrastructure)
{
    protected override Task<CorrelationDecision> DecideAsync(CorrelationReview review, ReviewLinkSettings settings, CancellationToken cancellationToken)
        => review.LinkAsync(settings.Key, settings.IdentityId, settings.Decider, cancellationToken);

    protected override string Describe(CorrelationDecision decision)
        => $"The next sync links the record '{decision.ResourceKey}' to the identity '{decision.IdentityId}'.";
}

/// <summary>Decides that an HR record gets a new identity.</summary>
[Description("Decide that an HR record gets a new identity: the next sync creates it without correlating again.")]
internal sealed class ReviewCreateCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ReviewDecisionCommand<ReviewDecisionSettings>(terminal, infrastructure)
{
    protected override Task<CorrelationDecision> DecideAsync(CorrelationReview review, ReviewDecisionSettings settings, CancellationToken cancellationToken)
        => review.CreateAsync(settings.Key, settings.Decider, cancellationToken);

    protected override string Describe(CorrelationDecision decision)
        => $"The next sync creates a new identity for the record '{decision.ResourceKey}'.";
}

/// <summary>Decides that an HR record is never provisioned, until the decision is cleared.</summary>
[Description("Decide that an HR record is never provisioned (until review clear); it stays listed as ignored.")]
internal sealed class ReviewIgnoreCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ReviewDecisionCommand<ReviewDecisionSettings>(terminal, infrastructure)
{
    protected override Task<CorrelationDecision> DecideAsync(CorrelationReview review, ReviewDecisionSettings settings, CancellationToken cancellationToken)
        => review.IgnoreAsync(settings.Key, settings.Decider, cancellationToken);

    protected override string Describe(CorrelationDecision decision)
        => $"The record '{decision.ResourceKey}' is ignored: no sync provisions it until review clear.";
}

/// <summary>Clears the decision on an HR record: the next sync correlates it again.</summary>
[Description("Clear the decision on an HR record: the next sync correlates it again.")]
internal sealed class ReviewClearCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<ReviewDecisionSettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(ReviewDecisionSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        var cleared = await services.CreateReview(connector).ClearAsync(settings.Key, cancellationToken);
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Serialize(new { settings.Key, Cleared = cleared }));
        }
        else
        {
            Terminal.OutWriter.WriteLine(cleared
                ? $"The decision on the record '{settings.Key}' is cleared: the next sync correlates it again."
                : $"There was no decision on the record '{settings.Key}'.");
        }

        return ExitCodes.Success;
    }
}

/// <summary>What a decision command prints.</summary>
internal static class ReviewOutput
{
    public static int Write(Terminal terminal, ConnectorSettings settings, CorrelationDecision decision, string message)
    {
        terminal.OutWriter.WriteLine(settings.Json ? JsonDocuments.Serialize(decision) : message);
        return ExitCodes.Success;
    }
}
