using HrConnector.Provisioning;

namespace MyProduct;

/// <summary>The host's identities, as the connector reads and writes them.</summary>
public sealed class MyIdentityRepository : IIdentityRepository
{
    // Correlation and uniqueness: the identities whose values match every criterion of the query, compared after
    // query.Normalization (IdentityValues.AreEqual does it the connector's way).
    public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // One identity by id, or null when there is none.
    public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // Every identity (the consistency report reads them all).
    public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // A joiner: creates the identity and returns its id. Idempotent per operationId: called again with the same
    // operationId, returns the id created the first time and creates nothing.
    public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // A mover: sets the given properties (a null value clears one). Applied once per operationId.
    public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // A leaver (Inactive) or a rehire (Active). Applied once per operationId.
    public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // A leaver past the retention period. Applied once per operationId; an identity already gone is not an error.
    public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
