namespace HrConnector.Provisioning;

/// <summary>
/// Reads identities one by one, or — when a run is about to read many of them (the drift check of authoritative
/// properties, the verification of a first load) — all at once with one <see cref="IIdentityRepository.ListAsync"/>:
/// one sequential scan instead of a query per identity, which is what a database repository does best.
/// </summary>
internal sealed class IdentityReader
{
    /// <summary>The number of reads from which one scan is cheaper than point queries.</summary>
    internal const int ScanThreshold = 1_000;

    private readonly IIdentityRepository _repository;
    private Dictionary<string, Identity>? _all;

    private IdentityReader(IIdentityRepository repository) => _repository = repository;

    public static async Task<IdentityReader> CreateAsync(IIdentityRepository repository, int expectedReads, CancellationToken cancellationToken)
    {
        var reader = new IdentityReader(repository);
        if (expectedReads >= ScanThreshold)
        {
            reader._all = new Dictionary<string, Identity>(StringComparer.Ordinal);
            await foreach (var identity in repository.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                reader._all[identity.Id] = identity;
            }
        }

        return reader;
    }

    /// <summary>The identity as it was when the reader was created (scan) or now (point query).</summary>
    public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken)
        => _all is null ? _repository.GetAsync(id, cancellationToken) : Task.FromResult(_all.GetValueOrDefault(id));
}
