using System.IO.Hashing;

namespace HrConnector.Mapping;

/// <summary>
/// Resources by key, as columns: key i (in <see cref="Keys"/>) has payload i, source hash i and navigation start i
/// (<see cref="ResourceColumns"/>). The in-memory store keeps its state this way, and the state a read compares its
/// rows with (what HR said last time) is one too, whichever store it came from: a million resources are a few arrays
/// rather than a million strings and dictionary entries, and the read of a daily file and the diff look keys up by
/// their UTF-8 bytes. Append-only, and never changed once published (a commit builds a new one).
/// </summary>
/// <remarks>
/// With a <see cref="Fingerprint"/> (the mapping and header its payloads were made with), a read skips the conversion
/// of every row whose raw record hashes the same as the one its stored payload was mapped from
/// (<see cref="HashRecord"/>): 99% of a daily file then costs a parse, a hash and a lookup.
/// </remarks>
internal sealed class ResourceTable
{
    private readonly ResourceColumns _columns;

    public ResourceTable(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        Keys = new Utf8KeyTable(capacity);
        _columns = new ResourceColumns(capacity);
    }

    public Utf8KeyTable Keys { get; }

    public int Count => Keys.Count;

    /// <summary>Gets the fingerprint of the mapping and header the payloads were made with, or 0 when unknown (a read then converts every row).</summary>
    public ulong Fingerprint { get; init; }

    public ReadOnlyMemory<byte> Payload(int index) => _columns.Payload(index);

    public ulong SourceHash(int index) => _columns.SourceHash(index);

    /// <summary>Gets the offset of the first navigation property in payload <paramref name="index"/>, or -1 when unknown.</summary>
    public int NavigationStart(int index) => _columns.NavigationStart(index);

    /// <summary>Hashes a raw record (UTF-8, as the file has it): equal records map to equal payloads under one fingerprint.</summary>
    public static ulong HashRecord(ReadOnlySpan<byte> rawRecord) => XxHash3.HashToUInt64(rawRecord) | 1;

    /// <summary>
    /// Finds a key, trying position <paramref name="hint"/> first: a daily file lists its rows in about the same order
    /// as yesterday's, so the key of a row is usually the one after the previous row's, and a comparison of bytes read
    /// in sequence replaces a hash lookup that would miss the processor's cache at every row.
    /// </summary>
    public int Find(ReadOnlySpan<byte> key, int hint)
        => (uint)hint < (uint)Count && Keys[hint].SequenceEqual(key) ? hint : Keys.Find(key);

    /// <summary>Sets the payload of a key, adding the key when it is new.</summary>
    public void Set(ReadOnlySpan<byte> key, ReadOnlyMemory<byte> payload, ulong sourceHash, int navigationStart = -1)
        => _columns.Set(Keys.Add(key, out _), payload, sourceHash, navigationStart);

    public void Set(string key, ReadOnlyMemory<byte> payload, ulong sourceHash, int navigationStart = -1)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Keys are encoded on the stack: a store streamed into a million entries must not leave a million arrays behind.
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = length <= 512 ? stackalloc byte[512] : new byte[length];
        Set(buffer[..System.Text.Encoding.UTF8.GetBytes(key, buffer)], payload, sourceHash, navigationStart);
    }
}
