using HrConnector.Modeling;
namespace HrConnector.Provisioning;

/// <summary>What a person decided for an HR record whose correlation was disputed or below the confidence threshold.</summary>
public enum CorrelationDecisionKind
{
    /// <summary>Link the record to the identity given (<see cref="CorrelationDecision.IdentityId"/>): the next run links it and updates it under the ownership policies, as an automatic match.</summary>
    Link = 0,

    /// <summary>Create a new identity for the record: the next run does not correlate it again.</summary>
    Create,

    /// <summary>Never provision the record, until the decision is cleared.</summary>
    Ignore,
}

/// <summary>A decision on the correlation of one HR record. Names no personal value.</summary>
public sealed record CorrelationDecision
{
    /// <summary>Creates a decision.</summary>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="kind">What was decided.</param>
    /// <param name="identityId">The identity to link to (<see cref="CorrelationDecisionKind.Link"/>), otherwise <see langword="null"/>.</param>
    /// <param name="decidedAt">When it was decided.</param>
    /// <param name="decidedBy">Who decided, as the caller named them, or <see langword="null"/>.</param>
    public CorrelationDecision(string entityType, string resourceKey, CorrelationDecisionKind kind, string? identityId, DateTimeOffset decidedAt, string? decidedBy = null)
    {
        EntityType = entityType;
        ResourceKey = resourceKey;
        Kind = kind;
        IdentityId = identityId;
        DecidedAt = decidedAt;
        DecidedBy = decidedBy;
    }

    /// <summary>Gets the HR entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the key of the HR record.</summary>
    public string ResourceKey { get; init; }

    /// <summary>Gets what was decided.</summary>
    public CorrelationDecisionKind Kind { get; init; }

    /// <summary>Gets the identity to link to (<see cref="CorrelationDecisionKind.Link"/>), otherwise <see langword="null"/>.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets when it was decided.</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>Gets who decided, as the caller named them, or <see langword="null"/>.</summary>
    public string? DecidedBy { get; init; }
}

/// <summary>One line of the correlation review: an open case, a decision not yet acted on, or an ignored record.</summary>
public sealed record CorrelationReviewItem
{
    /// <summary>Creates an item of the review.</summary>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="case">The case the last run found, or <see langword="null"/> when the record was decided without one.</param>
    /// <param name="decision">The decision taken, or <see langword="null"/> while the case is open.</param>
    public CorrelationReviewItem(string entityType, string resourceKey, Provisioning.CorrelationCase? @case, CorrelationDecision? decision)
    {
        EntityType = entityType;
        ResourceKey = resourceKey;
        Case = @case;
        Decision = decision;
    }

    /// <summary>Gets the HR entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the key of the HR record.</summary>
    public string ResourceKey { get; init; }

    /// <summary>Gets the case the last run found, or <see langword="null"/> when the record was decided without one.</summary>
    public Provisioning.CorrelationCase? Case { get; init; }

    /// <summary>Gets the decision taken, or <see langword="null"/> while the case is open.</summary>
    public CorrelationDecision? Decision { get; init; }

    /// <summary>Gets a value indicating whether the case waits for a decision.</summary>
    public bool IsOpen => Decision is null;
}

/// <summary>A correlation decision that cannot be taken: an unknown HR key or identity, a record already linked, a journal that keeps no decisions.</summary>
public sealed class CorrelationReviewException : HrConnectorException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What is wrong, naming keys and identity ids, never field values.</param>
    public CorrelationReviewException(string message)
        : base(message)
    {
    }
}
