using System.Text;

namespace HrConnector.Mapping;

/// <summary>
/// The value map of a property mapping, looked up from UTF-8 field bytes. On .NET 9 and later the lookup decodes into
/// a stack buffer and allocates nothing; replacements are pre-encoded.
/// </summary>
internal sealed class ValueMapLookup
{
    private const int MaxStackChars = 256;
    private readonly Dictionary<string, byte[]> _map;
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
#endif

    public ValueMapLookup(IReadOnlyDictionary<string, string> map)
    {
        _map = map.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value), StringComparer.Ordinal);
#if NET9_0_OR_GREATER
        _spanLookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    public bool TryGetReplacement(ReadOnlySpan<byte> utf8, out byte[] replacement)
    {
#if NET9_0_OR_GREATER
        if (utf8.Length <= MaxStackChars)
        {
            Span<char> chars = stackalloc char[MaxStackChars];
            var length = Encoding.UTF8.GetChars(utf8, chars);
            return _spanLookup.TryGetValue(chars[..length], out replacement!);
        }
#endif
        return _map.TryGetValue(Encoding.UTF8.GetString(utf8), out replacement!);
    }
}
