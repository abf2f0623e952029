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
public sealed record CorrelationCase
{
    /// <summary>Creates a correlation case.</summary>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="rule">The correlation rule that found the candidates.</param>
    /// <param name="confidence">The confidence of the rule.</param>
    /// <param name="candidates">The identities that matched.</param>
    public CorrelationCase(string entityType, string resourceKey, string rule, int confidence, IReadOnlyList<string> candidates)
    {
        EntityType = entityType;
        ResourceKey = resourceKey;
        Rule = rule;
        Confidence = confidence;
        Candidates = candidates;
    }

    /// <summary>Gets the HR entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the key of the HR record.</summary>
    public string ResourceKey { get; init; }

    /// <summary>Gets the correlation rule that found the candidates.</summary>
    public string Rule { get; init; }

    /// <summary>Gets the confidence of the rule.</summary>
    public int Confidence { get; init; }

    /// <summary>Gets the identities that matched.</summary>
    public IReadOnlyList<string> Candidates { get; init; }
}

/// <summary>An order that spent its retry budget. Names no personal value.</summary>
public sealed record StuckOrder
{
    /// <summary>Creates a stuck order.</summary>
    /// <param name="orderId">The order id (<see cref="ProvisioningOrder.Id"/>), to retry it.</param>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="kind">What the order does.</param>
    /// <param name="failures">How many times it failed for good.</param>
    /// <param name="attempts">How many calls were made for it.</param>
    /// <param name="error">Its last error, as the host gave it.</param>
    public StuckOrder(string orderId, string entityType, string resourceKey, OrderKind kind, int failures, int attempts, string? error)
    {
        OrderId = orderId;
        EntityType = entityType;
        ResourceKey = resourceKey;
        Kind = kind;
        Failures = failures;
        Attempts = attempts;
        Error = error;
    }

    /// <summary>Gets the order id (<see cref="ProvisioningOrder.Id"/>), to retry it.</summary>
    public string OrderId { get; init; }

    /// <summary>Gets the HR entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the key of the HR record.</summary>
    public string ResourceKey { get; init; }

    /// <summary>Gets what the order does.</summary>
    public OrderKind Kind { get; init; }

    /// <summary>Gets how many times it failed for good.</summary>
    public int Failures { get; init; }

    /// <summary>Gets how many calls were made for it.</summary>
    public int Attempts { get; init; }

    /// <summary>Its last error, as the host gave it.</summary>
    public string? Error { get; init; }
}

/// <summary>An order threshold a run exceeded.</summary>
public sealed record OrderThresholdBreach
{
    /// <summary>Creates a breach.</summary>
    /// <param name="entityType">The HR entity type provisioned.</param>
    /// <param name="kind">The kind of order (<see cref="OrderKind.Added"/> counts the linked ones too).</param>
    /// <param name="count">The orders of that kind.</param>
    /// <param name="limit">The limit exceeded.</param>
    /// <param name="setting">The setting that sets the limit, such as <c>Provisioning.Thresholds.MaxDeactivated</c>.</param>
    public OrderThresholdBreach(string entityType, OrderKind kind, long count, long limit, string setting)
    {
        EntityType = entityType;
        Kind = kind;
        Count = count;
        Limit = limit;
        Setting = setting;
    }

    /// <summary>Gets the HR entity type provisioned.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the kind of order (<see cref="OrderKind.Added"/> counts the linked ones too).</summary>
    public OrderKind Kind { get; init; }

    /// <summary>Gets the orders of that kind.</summary>
    public long Count { get; init; }

    /// <summary>Gets the limit exceeded.</summary>
    public long Limit { get; init; }

    /// <summary>Gets the setting that sets the limit, such as <c>Provisioning.Thresholds.MaxDeactivated</c>.</summary>
    public string Setting { get; init; }
}
