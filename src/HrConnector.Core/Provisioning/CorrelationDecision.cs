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
/// <param name="EntityType">The HR entity type.</param>
/// <param name="ResourceKey">The key of the HR record.</param>
/// <param name="Kind">What was decided.</param>
/// <param name="IdentityId">The identity to link to (<see cref="CorrelationDecisionKind.Link"/>), otherwise <see langword="null"/>.</param>
/// <param name="DecidedAt">When it was decided.</param>
/// <param name="DecidedBy">Who decided, as the caller named them, or <see langword="null"/>.</param>
public sealed record CorrelationDecision(string EntityType, string ResourceKey, CorrelationDecisionKind Kind, string? IdentityId, DateTimeOffset DecidedAt, string? DecidedBy = null);

/// <summary>One line of the correlation review: an open case, a decision not yet acted on, or an ignored record.</summary>
/// <param name="EntityType">The HR entity type.</param>
/// <param name="ResourceKey">The key of the HR record.</param>
/// <param name="Case">The case the last run found, or <see langword="null"/> when the record was decided without one.</param>
/// <param name="Decision">The decision taken, or <see langword="null"/> while the case is open.</param>
public sealed record CorrelationReviewItem(string EntityType, string ResourceKey, Provisioning.CorrelationCase? Case, CorrelationDecision? Decision)
{
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
