
namespace HrConnector.Provisioning;

/// <summary>
/// What a journal keeps for the correlation review: the cases the last run left for a person to decide (disputed, or
/// below the confidence threshold) and the decisions taken. An <see cref="IProvisioningJournal"/> implements it to
/// support <see cref="CorrelationReview"/>; <see cref="InMemoryProvisioningJournal"/> and the SQLite journal do.
/// </summary>
/// <remarks>
/// Every method must be atomic and thread-safe. Entity types are compared ignoring case, resource keys ordinally. A job
/// replaces the cases of its entity type after each run that commits, so a case disappears once its record is gone from
/// HR or decided.
/// </remarks>
public interface ICorrelationJournal
{
    /// <summary>Replaces the open cases of an entity type by those of the last run.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="cases">The cases the run found.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task ReplaceCasesAsync(string connector, string entityType, IReadOnlyList<CorrelationCase> cases, CancellationToken cancellationToken = default);

    /// <summary>Reads the cases of a connector, ordered by entity type and key.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The cases.</returns>
    IAsyncEnumerable<CorrelationCase> ReadCasesAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Records a decision, replacing the one of the same record (entity type and key).</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task SetDecisionAsync(string connector, CorrelationDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Clears the decision of a record; clearing one that does not exist is not an error.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="entityType">The HR entity type.</param>
    /// <param name="resourceKey">The key of the HR record.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>Whether there was a decision.</returns>
    Task<bool> RemoveDecisionAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default);

    /// <summary>Reads the decisions of a connector, ordered by entity type and key.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The decisions.</returns>
    IAsyncEnumerable<CorrelationDecision> ReadDecisionsAsync(string connector, CancellationToken cancellationToken = default);
}
