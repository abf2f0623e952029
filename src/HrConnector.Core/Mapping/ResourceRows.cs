namespace HrConnector.Mapping;

/// <summary>
/// The resources of a mapping result as parallel arrays, one element per distinct key of the file (see
/// <see cref="Keys"/>): a row costs no object while it is read and diffed, and a <see cref="Resource"/> is made only
/// when someone asks for it. Keys of rows that are not resources (rejected, duplicated, deleted) have an entry too;
/// <see cref="Seal"/> lists the entries that are resources, in file order.
/// </summary>
internal sealed class ResourceRows
{
    private ReadOnlyMemory<byte>[] _payloads;
    private long[] _lines;
    private ulong[] _sourceHashes;
    private int[] _navigationStarts;
    private int[] _storedIndexes;
    private int[]? _entryOfRow;
    private int[]? _rowOfEntry;

    public ResourceRows(StoredPayloads? previous, int capacity = 64)
    {
        Previous = previous;
        Keys = new Utf8KeyTable(capacity);
        _payloads = new ReadOnlyMemory<byte>[capacity];
        _lines = new long[capacity];
        _sourceHashes = new ulong[capacity];
        _navigationStarts = new int[capacity];
        _storedIndexes = new int[capacity];
    }

    public Utf8KeyTable Keys { get; }

    /// <summary>Gets the stored payloads that rows were compared with while reading, or <see langword="null"/>.</summary>
    public StoredPayloads? Previous { get; }

    /// <summary>Gets the number of resources (valid after <see cref="Seal"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Sets the values of the entry of a key (see <see cref="Utf8KeyTable.Add(ReadOnlySpan{byte}, uint, out bool)"/>).</summary>
    public void Set(int entry, ReadOnlyMemory<byte> payload, long line, int navigationStart, ulong sourceHash, int storedIndex)
    {
        if (entry >= _payloads.Length)
        {
            var size = Math.Max(entry + 1, _payloads.Length * 2);
            Array.Resize(ref _payloads, size);
            Array.Resize(ref _lines, size);
            Array.Resize(ref _sourceHashes, size);
            Array.Resize(ref _navigationStarts, size);
            Array.Resize(ref _storedIndexes, size);
        }

        _payloads[entry] = payload;
        _lines[entry] = line;
        _sourceHashes[entry] = sourceHash;
        _navigationStarts[entry] = navigationStart;
        _storedIndexes[entry] = storedIndex;
    }

    public long LineOfEntry(int entry) => _lines[entry];

    /// <summary>Fixes which entries are resources: all of them, or those <paramref name="isResource"/> lists.</summary>
    public void Seal(bool[]? isResource)
    {
        if (isResource is null)
        {
            Count = Keys.Count;
            return;
        }

        var rows = new List<int>();
        _rowOfEntry = new int[Keys.Count];
        for (var entry = 0; entry < Keys.Count; entry++)
        {
            _rowOfEntry[entry] = isResource[entry] ? rows.Count : -1;
            if (isResource[entry])
            {
                rows.Add(entry);
            }
        }

        _entryOfRow = [.. rows];
        Count = rows.Count;
    }

    public ReadOnlySpan<byte> Key(int row) => Keys[Entry(row)];

    public string KeyString(int row) => Keys.GetString(Entry(row));

    public ReadOnlyMemory<byte> Payload(int row) => _payloads[Entry(row)];

    public long Line(int row) => _lines[Entry(row)];

    public ulong SourceHash(int row) => _sourceHashes[Entry(row)];

    public int NavigationStart(int row) => _navigationStarts[Entry(row)];

    /// <summary>Gets the index in <paramref name="stored"/> of the payload that the row reused, or -1.</summary>
    public int StoredIndex(int row, StoredPayloads stored) => ReferenceEquals(stored, Previous) ? _storedIndexes[Entry(row)] : -1;

    /// <summary>Finds the resource with a key; returns its row, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var entry = Keys.Find(key);
        return entry < 0 || _rowOfEntry is null ? entry : _rowOfEntry[entry];
    }

    public int Find(string key)
    {
        var entry = Keys.Find(key);
        return entry < 0 || _rowOfEntry is null ? entry : _rowOfEntry[entry];
    }

    private int Entry(int row) => _entryOfRow is null ? row : _entryOfRow[row];
}
