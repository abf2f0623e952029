namespace HrConnector.Provisioning;

/// <summary>
/// The host's identities. The connector queries it to correlate HR records with identities that exist already and to
/// report drift; when <see cref="ProvisioningOptions.Target"/> is <see cref="ProvisioningTarget.Repository"/> it also
/// writes to it.
/// </summary>
/// <remarks>
/// <para>
/// Every write carries an <c>operationId</c>: the id of the provisioning order. A write must be idempotent for its
/// operation id: called again with an operation id it already executed (the process crashed before the journal
/// recorded the result), it must not apply it twice, and <see cref="CreateAsync"/> must return the identity it created
/// the first time. That is what makes dispatch exactly-once.
/// </para>
/// <para>A transient failure (a time-out, a lost connection) should be thrown as <see cref="TransientProvisioningException"/>, or as <see cref="TimeoutException"/>: it is retried with backoff.</para>
/// </remarks>
public interface IIdentityRepository
{
    /// <summary>Finds the identities that match a query.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The matching identities, active or not.</returns>
    Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads one identity.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity, or <see langword="null"/> when there is none.</returns>
    Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Streams every identity (for the consistency report).</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The identities.</returns>
    IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an active identity.</summary>
    /// <param name="properties">Its values.</param>
    /// <param name="operationId">The idempotency key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identifier of the identity created, the same for a repeated operation id.</returns>
    Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default);

    /// <summary>Sets values of an identity; properties not given keep their value.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="properties">The new values.</param>
    /// <param name="operationId">The idempotency key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default);

    /// <summary>Activates or deactivates an identity.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="state">The new state.</param>
    /// <param name="operationId">The idempotency key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an identity; deleting one that does not exist is not an error.</summary>
    /// <param name="id">The identifier.</param>
    /// <param name="operationId">The idempotency key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default);
}
