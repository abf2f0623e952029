namespace HrConnector.Modeling;

/// <summary>
/// Thrown when a connector declaration is not valid. Every problem found is listed in <see cref="Errors"/>, and the
/// message lists them one per line, so that a whole configuration can be fixed in one go.
/// </summary>
public sealed class ConnectorValidationException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The identifier of the connector, or a placeholder when it has none.</param>
    /// <param name="errors">The problems, each a sentence naming the element at fault.</param>
    public ConnectorValidationException(string connector, IReadOnlyList<string> errors)
        : base(FormatMessage(connector, errors))
    {
        Connector = connector;
        Errors = errors;
    }

    /// <summary>Gets the identifier of the connector that is not valid.</summary>
    public string Connector { get; }

    /// <summary>Gets the problems, each a sentence naming the element at fault.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(string connector, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
        return $"The connector '{connector}' is not valid ({count}):{Environment.NewLine} - "
            + string.Join(Environment.NewLine + " - ", errors);
    }
}
