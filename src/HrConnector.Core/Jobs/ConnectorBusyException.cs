using HrConnector.Modeling;
namespace HrConnector.Jobs;

/// <summary>A run of the connector is already in progress; only one runs at a time.</summary>
public sealed class ConnectorBusyException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The connector.</param>
    public ConnectorBusyException(string connector)
        : base($"A run of the connector '{connector}' is already in progress; wait for it to end (only one run per connector at a time).")
    {
        Connector = connector;
    }

    /// <summary>Gets the connector.</summary>
    public string Connector { get; }
}
