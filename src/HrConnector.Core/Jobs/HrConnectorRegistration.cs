namespace HrConnector.Jobs;

/// <summary>Marks a connector registered by name, so that the factory can list them.</summary>
internal sealed record HrConnectorRegistration(string Name);
