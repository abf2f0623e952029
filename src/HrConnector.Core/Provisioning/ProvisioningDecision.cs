using HrConnector.Jobs;

namespace HrConnector.Provisioning;

/// <summary>What provisioning decided for a plan, before anything is written.</summary>
internal sealed record ProvisioningDecision(
    IReadOnlyList<ProvisioningOrder> Orders,
    IReadOnlyList<string> Cancelled,
    IReadOnlyDictionary<CorrelationSituation, int> Situations,
    IReadOnlyList<CorrelationCase> Review,
    int Deferred,
    IReadOnlyList<string> Warnings);
