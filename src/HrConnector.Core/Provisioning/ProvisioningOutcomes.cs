namespace HrConnector.Provisioning;

/// <summary>Where an HR record stands with respect to identities (the situations of identity suites).</summary>
public enum CorrelationSituation
{
    /// <summary>Already linked to its identity.</summary>
    Linked = 0,

    /// <summary>Not linked, one identity matched with full confidence: linked by this run.</summary>
    Unlinked,

    /// <summary>No identity matched: one is created.</summary>
    Unmatched,

    /// <summary>Several identities matched, or one with less than full confidence: left for review, nothing is done.</summary>
    Disputed,
}

/// <summary>An HR record whose correlation needs a person to decide.</summary>
/// <param name="EntityType">The HR entity type.</param>
/// <param name="ResourceKey">The key of the HR record.</param>
/// <param name="Rule">The correlation rule that found the candidates.</param>
/// <param name="Confidence">The confidence of the rule.</param>
/// <param name="Candidates">The identities that matched.</param>
public sealed record CorrelationCase(string EntityType, string ResourceKey, string Rule, int Confidence, IReadOnlyList<string> Candidates);

/// <summary>An order that spent its retry budget. Names no personal value.</summary>
/// <param name="OrderId">The order id (<see cref="ProvisioningOrder.Id"/>), to retry it.</param>
/// <param name="EntityType">The HR entity type.</param>
/// <param name="ResourceKey">The key of the HR record.</param>
/// <param name="Kind">What the order does.</param>
/// <param name="Failures">How many times it failed for good.</param>
/// <param name="Attempts">How many calls were made for it.</param>
/// <param name="Error">Its last error, as the host gave it.</param>
public sealed record StuckOrder(string OrderId, string EntityType, string ResourceKey, OrderKind Kind, int Failures, int Attempts, string? Error);

/// <summary>An order threshold a run exceeded.</summary>
/// <param name="EntityType">The HR entity type provisioned.</param>
/// <param name="Kind">The kind of order (<see cref="OrderKind.Added"/> counts the linked ones too).</param>
/// <param name="Count">The orders of that kind.</param>
/// <param name="Limit">The limit exceeded.</param>
/// <param name="Setting">The setting that sets the limit, such as <c>Provisioning.Thresholds.MaxDeactivated</c>.</param>
public sealed record OrderThresholdBreach(string EntityType, OrderKind Kind, long Count, long Limit, string Setting);
