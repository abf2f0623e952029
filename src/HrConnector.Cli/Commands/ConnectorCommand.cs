using System.Text.Json;
using HrConnector.Modeling;
using Spectre.Console.Cli;

namespace HrConnector.Cli.Commands;

/// <summary>
/// What every command shares: the connector loaded from its JSON file, the database opened next to it, and expected
/// errors (bad configuration, unreadable files) turned into a message on stderr and exit code 1, never a stack trace.
/// </summary>
internal abstract class ConnectorCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ConnectorSettings
{
    protected ConnectorCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    {
        Terminal = terminal;
        InfrastructureFactory = infrastructure;
    }

    protected Terminal Terminal { get; }

    protected IInfrastructureFactory InfrastructureFactory { get; }

    public override sealed async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(settings, cancellationToken);
        }
        catch (Exception exception) when (IsExpected(exception))
        {
            Errors.Write(Terminal, exception);
            return ExitCodes.Error;
        }
    }

    /// <summary>The errors a person can fix (configuration, files, permissions, a locked or damaged database file): a message is enough.</summary>
    public static bool IsExpected(Exception exception)
        => exception is HrConnectorException or JsonException or IOException or UnauthorizedAccessException or System.Data.Common.DbException;

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);

    protected static Connector LoadConnector(ConnectorSettings settings)
        => ConnectorConfiguration.FromJsonFile(settings.ConfigurationPath);
}
