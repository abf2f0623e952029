namespace HrConnector.Mapping;

/// <summary>
/// The values of resources as parallel columns, one element per resource: its payload, the hash of the raw record it
/// was mapped from, and where its navigation properties start. The one representation of HR values inside the
/// engine: the store's table and the previous state (<see cref="ResourceTable"/>) and the rows of a read
/// (<see cref="ResourceRows"/>) each keep their values here; <see cref="Resource"/> and
/// <c>StoredResource</c> are views made only when someone asks for one.
/// </summary>
internal sealed class ResourceColumns
{
    private ReadOnlyMemory<byte>[] _payloads;
    private ulong[] _sourceHashes;

    // Where the navigation properties start in each payload, or -1: the reference check of a million unchanged
    // resources then reads only their navigation properties instead of skipping every value before them.
    private int[] _navigationStarts;

    public ResourceColumns(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        _payloads = new ReadOnlyMemory<byte>[capacity];
        _sourceHashes = new ulong[capacity];
        _navigationStarts = new int[capacity];
    }

    /// <summary>Gets how many elements the columns hold before they grow.</summary>
    public int Capacity => _payloads.Length;

    public ReadOnlyMemory<byte> Payload(int index) => _payloads[index];

    /// <summary>Gets the hash of the raw record element <paramref name="index"/> was mapped from, or 0 when unknown.</summary>
    public ulong SourceHash(int index) => _sourceHashes[index];

    /// <summary>Gets the offset of the first navigation property in payload <paramref name="index"/>, or -1 when unknown.</summary>
    public int NavigationStart(int index) => _navigationStarts[index];

    /// <summary>Sets element <paramref name="index"/>, doubling the columns when it is one past their end.</summary>
    public void Set(int index, ReadOnlyMemory<byte> payload, ulong sourceHash, int navigationStart)
    {
        if (index == _payloads.Length)
        {
            Grow(index * 2);
        }

        _payloads[index] = payload;
        _sourceHashes[index] = sourceHash;
        _navigationStarts[index] = navigationStart;
    }

    /// <summary>Grows the columns to <paramref name="capacity"/> elements.</summary>
    public void Grow(int capacity)
    {
        Array.Resize(ref _payloads, capacity);
        Array.Resize(ref _sourceHashes, capacity);
        Array.Resize(ref _navigationStarts, capacity);
    }
}
