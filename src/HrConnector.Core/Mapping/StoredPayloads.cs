namespace HrConnector.Mapping;

/// <summary>
/// Stored resources by key, as arrays: key i (in <see cref="Keys"/>) has payload i and source hash i. The in-memory
/// store keeps its state this way, so that a million resources are a few arrays rather than a million strings and
/// dictionary entries; the read of a daily file and the diff look keys up by their UTF-8 bytes. Append-only, and
/// never changed once published (a commit builds a new one).
/// </summary>
internal sealed class StoredPayloads
{
    private ReadOnlyMemory<byte>[] _payloads;
    private ulong[] _sourceHashes;

    // Where the navigation properties start in each payload, or -1: the reference check of a million unchanged
    // resources then reads only their navigation properties instead of skipping every value before them.
    private int[] _navigationStarts;

    public StoredPayloads(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        Keys = new Utf8KeyTable(capacity);
        _payloads = new ReadOnlyMemory<byte>[capacity];
        _sourceHashes = new ulong[capacity];
        _navigationStarts = new int[capacity];
    }

    public Utf8KeyTable Keys { get; }

    public int Count => Keys.Count;

    public ReadOnlyMemory<byte> Payload(int index) => _payloads[index];

    public ulong SourceHash(int index) => _sourceHashes[index];

    /// <summary>Gets the offset of the first navigation property in payload <paramref name="index"/>, or -1 when unknown.</summary>
    public int NavigationStart(int index) => _navigationStarts[index];

    /// <summary>
    /// Finds a key, trying position <paramref name="hint"/> first: a daily file lists its rows in about the same order
    /// as yesterday's, so the key of a row is usually the one after the previous row's, and a comparison of bytes read
    /// in sequence replaces a hash lookup that would miss the processor's cache at every row.
    /// </summary>
    public int Find(ReadOnlySpan<byte> key, int hint)
        => (uint)hint < (uint)Count && Keys[hint].SequenceEqual(key) ? hint : Keys.Find(key);

    /// <summary>Sets the payload of a key, adding the key when it is new.</summary>
    public void Set(ReadOnlySpan<byte> key, ReadOnlyMemory<byte> payload, ulong sourceHash, int navigationStart = -1)
    {
        var index = Keys.Add(key, out _);
        if (index == _payloads.Length)
        {
            Array.Resize(ref _payloads, index * 2);
            Array.Resize(ref _sourceHashes, index * 2);
            Array.Resize(ref _navigationStarts, index * 2);
        }

        _payloads[index] = payload;
        _sourceHashes[index] = sourceHash;
        _navigationStarts[index] = navigationStart;
    }

    public void Set(string key, ReadOnlyMemory<byte> payload, ulong sourceHash, int navigationStart = -1)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Keys are encoded on the stack: a store streamed into a million entries must not leave a million arrays behind.
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = length <= 512 ? stackalloc byte[512] : new byte[length];
        Set(buffer[..System.Text.Encoding.UTF8.GetBytes(key, buffer)], payload, sourceHash, navigationStart);
    }
}
