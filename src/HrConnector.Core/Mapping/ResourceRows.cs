namespace HrConnector.Mapping;

/// <summary>
/// The resources of a mapping result as parallel arrays, one element ("entry") per distinct key of the file, in the
/// order keys first appear (their values in <see cref="ResourceColumns"/>, as a <see cref="ResourceTable"/> keeps them, plus the line of each): a row costs no object while it is read and diffed, and a <see cref="Resource"/> is made
/// only when someone asks for it. Keys of rows that are not resources (rejected, duplicated, deleted) have an entry
/// too; <see cref="Seal"/> lists the entries that are resources, in file order.
/// </summary>
/// <remarks>
/// A key that yesterday's stored payloads (<see cref="Previous"/>) already have is not copied into a table of its
/// own: its entry points at the stored key, found while reading (usually at the position after the previous row's,
/// since HR exports keep their order from one day to the next). Only new keys go into <see cref="Keys"/>. A daily
/// file of a million rows then builds no hash table at all, and the diff knows each row's stored resource.
/// </remarks>
internal sealed class ResourceRows
{
    /// <summary>Passed as a stored index when the caller did not look the key up in <see cref="Previous"/>.</summary>
    public const int NotLookedUp = -2;

    // Per stored key, its entry here, or -1; per key of Keys, its entry here. Without Previous, entry i is key i of
    // Keys, and neither this nor _keyRefs is kept.
    private readonly int[] _entryOfStored;
    private int[] _entryOfOwn;

    // Per entry: the index of its key in Previous (>= 0), or the bitwise complement of its index in Keys.
    private int[] _keyRefs;
    private readonly ResourceColumns _values;
    private long[] _lines;
    private int[]? _entryOfRow;
    private int[]? _rowOfEntry;

    public ResourceRows(ResourceTable? previous, int capacity = 64)
    {
        capacity = Math.Max(capacity, 4);
        Previous = previous;
        if (previous is null)
        {
            _entryOfStored = [];
            _entryOfOwn = [];
            _keyRefs = [];
            Keys = new Utf8KeyTable(capacity);
        }
        else
        {
            _entryOfStored = new int[previous.Count];
            Array.Fill(_entryOfStored, -1);
            _entryOfOwn = new int[16];
            _keyRefs = new int[capacity];
            Keys = new Utf8KeyTable(Math.Min(capacity, 1024));
        }

        _values = new ResourceColumns(capacity);
        _lines = new long[capacity];
    }

    /// <summary>Gets the keys that <see cref="Previous"/> does not have.</summary>
    public Utf8KeyTable Keys { get; }

    /// <summary>Gets the stored payloads that rows were compared with while reading, or <see langword="null"/>.</summary>
    public ResourceTable? Previous { get; }

    /// <summary>Gets the number of distinct keys.</summary>
    public int EntryCount { get; private set; }

    /// <summary>Gets the number of resources (valid after <see cref="Seal"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Finds or adds the entry of a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="storedIndex">The index of the key in <see cref="Previous"/>, -1 when it has none, or <see cref="NotLookedUp"/>.</param>
    /// <param name="added">Whether the key is new.</param>
    /// <returns>The entry.</returns>
    public int AddKey(ReadOnlySpan<byte> key, int storedIndex, out bool added)
    {
        if (storedIndex == NotLookedUp)
        {
            storedIndex = Previous?.Keys.Find(key) ?? -1;
        }

        int entry;
        if (storedIndex >= 0)
        {
            entry = _entryOfStored[storedIndex];
            added = entry < 0;
            if (added)
            {
                entry = NewEntry(storedIndex);
                _entryOfStored[storedIndex] = entry;
            }

            return entry;
        }

        var own = Keys.Add(key, out added);
        if (Previous is null)
        {
            if (added)
            {
                NewEntry(~own);
            }

            return own;
        }

        if (!added)
        {
            return _entryOfOwn[own];
        }

        entry = NewEntry(~own);
        if (own >= _entryOfOwn.Length)
        {
            Array.Resize(ref _entryOfOwn, _entryOfOwn.Length * 2);
        }

        _entryOfOwn[own] = entry;
        return entry;
    }

    /// <summary>Sets the values of an entry.</summary>
    public void Set(int entry, ReadOnlyMemory<byte> payload, long line, int navigationStart, ulong sourceHash)
    {
        _values.Set(entry, payload, sourceHash, navigationStart);
        _lines[entry] = line;
    }

    public long LineOfEntry(int entry) => _lines[entry];

    public string KeyStringOfEntry(int entry) => System.Text.Encoding.UTF8.GetString(KeyOfEntry(entry));

    /// <summary>Fixes which entries are resources: all of them, or those <paramref name="isResource"/> lists.</summary>
    public void Seal(bool[]? isResource)
    {
        if (isResource is null)
        {
            Count = EntryCount;
            return;
        }

        var rows = new List<int>();
        _rowOfEntry = new int[EntryCount];
        for (var entry = 0; entry < EntryCount; entry++)
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

    public ReadOnlySpan<byte> Key(int row) => KeyOfEntry(Entry(row));

    public string KeyString(int row) => KeyStringOfEntry(Entry(row));

    public ReadOnlyMemory<byte> Payload(int row) => _values.Payload(Entry(row));

    public long Line(int row) => _lines[Entry(row)];

    public ulong SourceHash(int row) => _values.SourceHash(Entry(row));

    public int NavigationStart(int row) => _values.NavigationStart(Entry(row));

    /// <summary>Gets the index in <paramref name="stored"/> of the row's key, or -1 (not there, or rows not read against it).</summary>
    public int StoredIndex(int row, ResourceTable stored) => Previous is not null && ReferenceEquals(stored, Previous) ? Math.Max(_keyRefs[Entry(row)], -1) : -1;

    /// <summary>Finds the resource with a key; returns its row, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        int entry;
        if (Previous?.Keys.Find(key) is >= 0 and var stored)
        {
            entry = _entryOfStored[stored];
        }
        else
        {
            var own = Keys.Find(key);
            entry = own < 0 || Previous is null ? own : _entryOfOwn[own];
        }

        return entry < 0 || _rowOfEntry is null ? entry : _rowOfEntry[entry];
    }

    public int Find(string key)
    {
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = length <= 512 ? stackalloc byte[512] : new byte[length];
        return Find(buffer[..System.Text.Encoding.UTF8.GetBytes(key, buffer)]);
    }

    private ReadOnlySpan<byte> KeyOfEntry(int entry)
        => Previous is null ? Keys[entry] : _keyRefs[entry] is var reference && reference >= 0 ? Previous.Keys[reference] : Keys[~reference];

    private int NewEntry(int keyRef)
    {
        var entry = EntryCount++;
        if (entry == _lines.Length)
        {
            var size = entry * 2;
            if (Previous is not null)
            {
                Array.Resize(ref _keyRefs, size);
            }

            Array.Resize(ref _lines, size);
            _values.Grow(size);
        }

        if (Previous is not null)
        {
            _keyRefs[entry] = keyRef;
        }

        return entry;
    }

    private int Entry(int row) => _entryOfRow is null ? row : _entryOfRow[row];
}
