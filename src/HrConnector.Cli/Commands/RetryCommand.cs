using System.ComponentModel;
using HrConnector.Jobs;
using Spectre.Console.Cli;

namespace HrConnector.Cli.Commands;

/// <summary>Gives stuck orders (their retry budget spent) one more chance at the next sync, once their cause is fixed.</summary>
[Description("Give stuck orders (their retry budget spent) one more chance: the next sync sends them again if HR still asks for them.")]
internal sealed class RetryCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<RetrySettings>(terminal, infrastructure)
{
    protected override async Task<int> RunAsync(RetrySettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        var retried = await services.CreateJob(connector).RetryAsync(settings.OrderIds is { Length: > 0 } ids ? ids : null, cancellationToken);
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine($"{{\"retried\": {retried}}}");
        }
        else
        {
            Terminal.OutWriter.WriteLine(retried == 0
                ? "No stuck order to retry."
                : $"{Rendering.Wording.Plural(retried, "stuck order")} will be sent again by the next sync if HR still asks for them.");
        }

        return ExitCodes.Success;
    }
}

/// <summary>The settings of <see cref="RetryCommand"/>.</summary>
internal sealed class RetrySettings : ConnectorSettings
{
    [CommandOption("--order <id>")]
    [Description("A stuck order to retry (its id, as sync and report list it); repeat for several. Default: every stuck order.")]
    public string[]? OrderIds { get; set; }
}
