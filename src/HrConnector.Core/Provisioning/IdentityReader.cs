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
    private readonly string[]? _kept;
    private Dictionary<string, Identity>? _all;
    private int _reads;

    /// <summary>Creates a reader that starts with point queries and turns to one scan after <see cref="ScanThreshold"/> reads.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="kept">The only properties the reader's identities need (the others are dropped after a scan), or <see langword="null"/> for all.</param>
    public IdentityReader(IIdentityRepository repository, string[]? kept = null)
    {
        _repository = repository;
        _kept = kept;
    }

    public static async Task<IdentityReader> CreateAsync(IIdentityRepository repository, int expectedReads, CancellationToken cancellationToken, string[]? kept = null)
    {
        var reader = new IdentityReader(repository, kept);
        if (expectedReads >= ScanThreshold)
        {
            await reader.ScanAsync(cancellationToken, expectedReads).ConfigureAwait(false);
        }

        return reader;
    }

    /// <summary>The identity as it was when the scan was made, or now (point query).</summary>
    public ValueTask<Identity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        // Read a million times a run from the scan: no task allocated when the answer is at hand.
        if (_all is not null)
        {
            return ValueTask.FromResult(_all.GetValueOrDefault(id));
        }

        return ReadAsync(id, cancellationToken);
    }

    private async ValueTask<Identity?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (++_reads >= ScanThreshold)
        {
            await ScanAsync(cancellationToken).ConfigureAwait(false);
            return _all!.GetValueOrDefault(id);
        }

        return await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task ScanAsync(CancellationToken cancellationToken, int expected = 0)
    {
        // Sized up front: growing a dictionary of a million identities step by step showed in profiles.
        var all = new Dictionary<string, Identity>(expected, StringComparer.Ordinal);
        await foreach (var identity in _repository.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            all[identity.Id] = _kept is null ? identity : new Identity(identity.Id, new KeptProperties(_kept, identity), identity.State);
        }

        _all = all;
    }
}

/// <summary>The few properties of an identity a run keeps after a scan, in an array beside names shared by every identity.</summary>
internal sealed class KeptProperties : IReadOnlyDictionary<string, object?>
{
    private readonly string[] _names;
    private readonly object?[] _values;

    public KeptProperties(string[] names, Identity identity)
    {
        _names = names;
        _values = new object?[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _values[i] = identity.GetValue(names[i]);
        }
    }

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<object?> Values => _values;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The property '{key}' was not kept.");

    public bool ContainsKey(string key) => Array.FindIndex(_names, n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase)) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        var index = Array.FindIndex(_names, n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(_names[i], _values[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
