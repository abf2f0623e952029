namespace HrConnector.Synchronization;

/// <summary>
/// The connector's last synchronized HR state (Usercube's "connector space"): per connector and entity type, the
/// resources as HR gave them last time. Changes are detected against it, so a value edited by hand in the identity
/// repository is not overwritten unless HR itself changed it.
/// </summary>
/// <remarks>
/// <para>Contract for hosts implementing it on their own database:</para>
/// <list type="bullet">
/// <item><see cref="ReadAsync"/> streams every stored resource of an entity type, in any order, without holding them all in memory.</item>
/// <item><see cref="CommitAsync"/> is atomic: every change of every entity type is applied, or none is (one database transaction).
/// It first checks that <see cref="GetLastRunIdAsync"/> equals <see cref="ResourceStoreCommit.ExpectedLastRunId"/>,
/// and throws <see cref="ResourceStoreConcurrencyException"/> otherwise, so that a plan computed against an older state is never applied.</item>
/// <item>Payloads are opaque bytes: store them and the schema of their entity type as they are.</item>
/// <item>Implementations are thread-safe; a read that runs while a commit happens sees the state before or after it, never a mix.</item>
/// </list>
/// </remarks>
public interface IResourceStore
{
    /// <summary>Gets the schema the stored payloads of an entity type were committed with.</summary>
    /// <param name="connector">The identifier of the connector.</param>
    /// <param name="entityType">The identifier of the entity type.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The schema, or <see langword="null"/> when nothing was ever committed for the entity type.</returns>
    ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default);

    /// <summary>Counts the stored resources of an entity type (the population thresholds are measured against).</summary>
    /// <param name="connector">The identifier of the connector.</param>
    /// <param name="entityType">The identifier of the entity type.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The number of resources.</returns>
    ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default);

    /// <summary>Streams the stored resources of an entity type.</summary>
    /// <param name="connector">The identifier of the connector.</param>
    /// <param name="entityType">The identifier of the entity type.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The resources, in any order.</returns>
    IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, CancellationToken cancellationToken = default);

    /// <summary>Gets the identifier of the last run committed for a connector.</summary>
    /// <param name="connector">The identifier of the connector.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The run id, or <see langword="null"/> when nothing was committed.</returns>
    ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Applies the changes of a run atomically.</summary>
    /// <param name="commit">The changes.</param>
    /// <param name="cancellationToken">Stops the call before anything is applied.</param>
    /// <returns>A task that completes when the changes are durable.</returns>
    /// <exception cref="ResourceStoreConcurrencyException">The store's last run id is not <see cref="ResourceStoreCommit.ExpectedLastRunId"/>.</exception>
    Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default);
}
