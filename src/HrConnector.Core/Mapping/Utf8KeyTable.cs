using System.IO.Hashing;
using System.Text;

namespace HrConnector.Mapping;

/// <summary>
/// An append-only set of UTF-8 keys, numbered 0, 1, 2… in the order they were added, found by an open-addressing
/// hash table. A million keys cost a handful of arrays instead of a million strings and dictionary entries, which
/// the garbage collector would otherwise have to promote and mark at every full collection. Keys are compared
/// byte by byte (ordinal, like the string keys they stand for).
/// </summary>
internal sealed class Utf8KeyTable
{
    private byte[] _bytes;
    private int _byteCount;

    // Where the bytes of key i start; key i ends where key i + 1 starts (_starts[Count] is the end of the last key).
    private int[] _starts;

    // One slot per bucket: the high 32 bits are the key's hash, the low 32 bits the key's number + 1 (0 when free).
    // A probe reads one long and touches the key bytes only when the hashes match.
    private long[] _slots;
    private int _mask;

    public Utf8KeyTable(int capacity = 16)
    {
        capacity = Math.Max(capacity, 4);
        _bytes = new byte[capacity * 8];
        _starts = new int[capacity + 1];
        var buckets = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2));
        _slots = new long[buckets];
        _mask = buckets - 1;
    }

    public int Count { get; private set; }

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    public string GetString(int index) => Encoding.UTF8.GetString(this[index]);

    public static uint Hash(ReadOnlySpan<byte> key) => (uint)XxHash3.HashToUInt64(key);

    /// <summary>Gets the number of <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key) => Find(key, Hash(key));

    public int Find(ReadOnlySpan<byte> key, uint hash)
    {
        var tag = (long)hash << 32;
        for (var bucket = (int)hash & _mask; ; bucket = (bucket + 1) & _mask)
        {
            var slot = _slots[bucket];
            if (slot == 0)
            {
                return -1;
            }

            if ((slot & ~0xFFFFFFFFL) == tag && this[(int)slot - 1].SequenceEqual(key))
            {
                return (int)slot - 1;
            }
        }
    }

    /// <summary>Finds a key given as a string (UTF-8 encoded on the stack when short).</summary>
    public int Find(string key)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = length <= 512 ? stackalloc byte[512] : new byte[length];
        return Find(buffer[..Encoding.UTF8.GetBytes(key, buffer)]);
    }

    /// <summary>Adds <paramref name="key"/> unless present; returns its number either way.</summary>
    public int Add(ReadOnlySpan<byte> key, out bool added) => Add(key, Hash(key), out added);

    /// <summary>Adds <paramref name="key"/>, whose <see cref="Hash"/> is <paramref name="hash"/>, unless present; returns its number either way.</summary>
    public int Add(ReadOnlySpan<byte> key, uint hash, out bool added)
    {
        var tag = (long)hash << 32;
        var bucket = (int)hash & _mask;
        for (; ; bucket = (bucket + 1) & _mask)
        {
            var slot = _slots[bucket];
            if (slot == 0)
            {
                break;
            }

            if ((slot & ~0xFFFFFFFFL) == tag && this[(int)slot - 1].SequenceEqual(key))
            {
                added = false;
                return (int)slot - 1;
            }
        }

        var index = Count;
        if (index + 1 == _starts.Length)
        {
            Array.Resize(ref _starts, (index * 2) + 1);
        }

        if (_byteCount + key.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + key.Length));
        }

        key.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += key.Length;
        _starts[index + 1] = _byteCount;
        Count = index + 1;

        // Kept at most half full, so that probes stay short.
        if (Count * 2 > _slots.Length)
        {
            Grow();
            Place(tag | (uint)(index + 1));
        }
        else
        {
            _slots[bucket] = tag | (uint)(index + 1);
        }

        added = true;
        return index;
    }

    public int Add(string key) => Add(Encoding.UTF8.GetBytes(key), out _);

    /// <summary>Doubles the buckets. Slots carry their key's hash, so keys are not hashed again.</summary>
    private void Grow()
    {
        var old = _slots;
        _slots = new long[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot != 0)
            {
                Place(slot);
            }
        }
    }

    private void Place(long slot)
    {
        var bucket = (int)(slot >>> 32) & _mask;
        while (_slots[bucket] != 0)
        {
            bucket = (bucket + 1) & _mask;
        }

        _slots[bucket] = slot;
    }
}
