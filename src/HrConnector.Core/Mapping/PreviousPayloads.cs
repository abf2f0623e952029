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
    private readonly Dictionary<string, (ReadOnlyMemory<byte> Payload, ulong SourceHash)> _byKey;

    public PreviousPayloads(ulong fingerprint, int capacity)
    {
        Fingerprint = fingerprint;
        _byKey = new(capacity, StringComparer.Ordinal);
    }

    /// <summary>Wraps a store's own immutable key index (the in-memory store's), without copying it.</summary>
    public PreviousPayloads(ulong fingerprint, Dictionary<string, (ReadOnlyMemory<byte> Payload, ulong SourceHash)> byKey)
    {
        Fingerprint = fingerprint;
        _byKey = byKey;
    }

    /// <summary>Gets the fingerprint of the mapping and header the stored payloads were made with.</summary>
    public ulong Fingerprint { get; }

    public void Add(string key, ulong sourceHash, ReadOnlyMemory<byte> payload) => _byKey[key] = (payload, sourceHash);

    /// <summary>Gets the stored payload of <paramref name="key"/> when it was mapped from the same raw record.</summary>
    public bool TryGetSame(string key, ulong sourceHash, out ReadOnlyMemory<byte> payload)
    {
        if (_byKey.TryGetValue(key, out var previous) && previous.SourceHash == sourceHash && sourceHash != 0)
        {
            payload = previous.Payload;
            return true;
        }

        payload = default;
        return false;
    }

    /// <summary>Hashes a raw record (UTF-8, as the file has it): equal records map to equal payloads under one fingerprint.</summary>
    public static ulong HashRecord(ReadOnlySpan<byte> rawRecord) => XxHash3.HashToUInt64(rawRecord) | 1;
}
