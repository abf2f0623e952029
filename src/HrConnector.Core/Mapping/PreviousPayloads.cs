using System.IO.Hashing;

namespace HrConnector.Mapping;

/// <summary>
/// What HR said last time, for the read of a daily file: per key, the hash of the raw record the stored payload was
/// mapped from. A row whose raw record hashes the same is mapped to the same payload, so it is not converted again:
/// 99% of a daily file then costs a parse, a hash and a lookup. Used only when the mapping and the header are the
/// ones the stored payloads were made with (<see cref="Fingerprint"/>).
/// </summary>
internal sealed class PreviousPayloads
{
    public PreviousPayloads(ulong fingerprint, int capacity)
        : this(fingerprint, new StoredPayloads(capacity))
    {
    }

    /// <summary>Wraps a store's own immutable index (the in-memory store's), without copying it.</summary>
    public PreviousPayloads(ulong fingerprint, StoredPayloads stored)
    {
        Fingerprint = fingerprint;
        Stored = stored;
    }

    /// <summary>Gets the fingerprint of the mapping and header the stored payloads were made with.</summary>
    public ulong Fingerprint { get; }

    /// <summary>Gets the stored payloads; a mapping result points at the keys its rows share with them (see <see cref="ResourceRows"/>).</summary>
    public StoredPayloads Stored { get; }

    public void Add(string key, ulong sourceHash, ReadOnlyMemory<byte> payload) => Stored.Set(key, payload, sourceHash);

    /// <summary>Hashes a raw record (UTF-8, as the file has it): equal records map to equal payloads under one fingerprint.</summary>
    public static ulong HashRecord(ReadOnlySpan<byte> rawRecord) => XxHash3.HashToUInt64(rawRecord) | 1;
}
