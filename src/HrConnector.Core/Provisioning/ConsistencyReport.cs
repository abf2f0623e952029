using System.Text.Json;
using System.Text.Json.Serialization;

namespace HrConnector.Provisioning;

/// <summary>A kind of drift between HR and the identity repository.</summary>
public enum DriftKind
{
    /// <summary>An identity that no HR record is linked to (created by hand, or whose record left long ago).</summary>
    IdentityWithoutHrRecord = 0,

    /// <summary>An HR record with no identity (not provisioned yet, deferred, in review, or whose order failed).</summary>
    HrRecordWithoutIdentity,

    /// <summary>An HR record linked to an identity that no longer exists.</summary>
    IdentityMissing,

    /// <summary>An identity whose value differs from HR's.</summary>
    PropertyMismatch,

    /// <summary>An active identity linked to an HR record that left, or an inactive one whose record is in HR.</summary>
    StateMismatch,
}

/// <summary>One difference between HR and the identity repository.</summary>
public sealed record Drift
{
    /// <summary>Creates a difference.</summary>
    /// <param name="kind">The kind of drift.</param>
    /// <param name="resourceKey">The key of the HR record, if any.</param>
    /// <param name="identityId">The identity, if any.</param>
    /// <param name="property">The identity property, for <see cref="DriftKind.PropertyMismatch"/>.</param>
    /// <param name="policy">The ownership policy of the property: what the next run does about it (an authoritative value is corrected; the others stay).</param>
    /// <param name="hrValue">HR's value, only when values were asked for and the property is not sensitive.</param>
    /// <param name="identityValue">The identity's value, under the same condition.</param>
    public Drift(DriftKind kind, string? resourceKey, string? identityId, string? property = null, OwnershipPolicy? policy = null, object? hrValue = null, object? identityValue = null)
    {
        Kind = kind;
        ResourceKey = resourceKey;
        IdentityId = identityId;
        Property = property;
        Policy = policy;
        HrValue = hrValue;
        IdentityValue = identityValue;
    }

    /// <summary>Gets the kind of drift.</summary>
    public DriftKind Kind { get; init; }

    /// <summary>Gets the key of the HR record, if any.</summary>
    public string? ResourceKey { get; init; }

    /// <summary>Gets the identity, if any.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets the identity property, for <see cref="DriftKind.PropertyMismatch"/>.</summary>
    public string? Property { get; init; }

    /// <summary>Gets the ownership policy of the property: what the next run does about it (an authoritative value is corrected; the others stay).</summary>
    public OwnershipPolicy? Policy { get; init; }

    /// <summary>Gets hR's value, only when values were asked for and the property is not sensitive.</summary>
    public object? HrValue { get; init; }

    /// <summary>Gets the identity's value, under the same condition.</summary>
    public object? IdentityValue { get; init; }
}

/// <summary>
/// The comparison of the HR records of the resource store with the identity repository: identities with no HR record,
/// HR records with no identity, property mismatches with the policy that applies. A review, like a certification
/// campaign of HR data against the repository; computing it changes nothing.
/// </summary>
public sealed class ConsistencyReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Gets the connector.</summary>
    public required string Connector { get; init; }

    /// <summary>Gets the HR entity type compared.</summary>
    public required string EntityType { get; init; }

    /// <summary>Gets when the report was computed.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the number of HR records compared.</summary>
    public long HrRecords { get; init; }

    /// <summary>Gets the number of identities compared.</summary>
    public long Identities { get; init; }

    /// <summary>Gets the number of HR records linked to an identity.</summary>
    public long Linked { get; init; }

    /// <summary>Gets the differences, by kind then key.</summary>
    public IReadOnlyList<Drift> Drifts { get; init; } = [];

    /// <summary>Gets the orders that spent their retry budget (<see cref="OrderState.Stuck"/>), to retry with <see cref="HrConnector.SynchronizationJob.RetryAsync"/>.</summary>
    public IReadOnlyList<Provisioning.StuckOrder> Stuck { get; init; } = [];

    /// <summary>Gets the number of differences of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public int Count(DriftKind kind) => Drifts.Count(d => d.Kind == kind);

    /// <summary>Writes the report as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
