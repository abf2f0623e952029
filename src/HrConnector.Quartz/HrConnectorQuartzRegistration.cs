namespace HrConnector.Quartz;

/// <summary>The connectors whose jobs <c>AddHrConnectorQuartz</c> registered, in registration order.</summary>
internal sealed record HrConnectorQuartzRegistration(IReadOnlyList<string> Connectors);
