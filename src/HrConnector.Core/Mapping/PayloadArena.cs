namespace HrConnector.Mapping;

/// <summary>
/// Holds many small payloads in a few large chunks. A million resources then cost a few hundred chunk arrays instead
/// of a million small ones, which the garbage collector would have to promote and scan one by one. Payloads are
/// immutable once added; a chunk lives as long as any payload in it.
/// </summary>
internal sealed class PayloadArena
{
    private const int ChunkSize = 1024 * 1024;
    private byte[] _chunk = [];
    private int _used;

    public ReadOnlyMemory<byte> Add(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > ChunkSize / 4)
        {
            return payload.ToArray();
        }

        if (_used + payload.Length > _chunk.Length)
        {
            // Not zeroed: every byte handed out is written first, and zeroing a megabyte per chunk showed in profiles.
            _chunk = GC.AllocateUninitializedArray<byte>(ChunkSize);
            _used = 0;
        }

        payload.CopyTo(_chunk.AsSpan(_used));
        var memory = new ReadOnlyMemory<byte>(_chunk, _used, payload.Length);
        _used += payload.Length;
        return memory;
    }
}
