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
    private int _reads;

    /// <summary>Creates a reader that starts with point queries and turns to one scan after <see cref="ScanThreshold"/> reads.</summary>
    public IdentityReader(IIdentityRepository repository) => _repository = repository;

    public static async Task<IdentityReader> CreateAsync(IIdentityRepository repository, int expectedReads, CancellationToken cancellationToken)
    {
        var reader = new IdentityReader(repository);
        if (expectedReads >= ScanThreshold)
        {
            await reader.ScanAsync(cancellationToken).ConfigureAwait(false);
        }

        return reader;
    }

    /// <summary>The identity as it was when the scan was made, or now (point query).</summary>
    public async Task<Identity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_all is null && ++_reads >= ScanThreshold)
        {
            await ScanAsync(cancellationToken).ConfigureAwait(false);
        }

        return _all is null ? await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false) : _all.GetValueOrDefault(id);
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, Identity>(StringComparer.Ordinal);
        await foreach (var identity in _repository.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            all[identity.Id] = identity;
        }

        _all = all;
    }
}
