using System.Buffers.Binary;
using System.Collections;
using System.Text;
using HrConnector.Provisioning;

namespace HrConnector.Sqlite;

/// <summary>
/// A <see cref="ProvisioningOrder"/> as compact bytes, in two parts so that the changes can be dropped by setting one
/// column to <c>NULL</c> once they are no longer needed (a verified or cancelled order):
/// <list type="bullet">
/// <item>the header (<c>journal_order.payload</c>): a format byte (never <c>{</c>, which marks a JSON payload of schema
/// version 1), the kind, the connector, entity type, resource key and run as length-prefixed UTF-8, the optional identity,
/// workflow, not-before time, desired fingerprint and reason (<see cref="ProvisioningOrder.Reason"/>, one byte, last) behind
/// a flag byte, the creation time;</item>
/// <item>the changes (<c>journal_order.changes</c>): a count, then per change its property, old and new values as tagged
/// values, and its policy.</item>
/// </list>
/// The order id is not encoded: it is a column of its own.
/// </summary>
/// <remarks>
/// A value is a tag byte and its data: null, string (length-prefixed UTF-8), true, false, int and long (zig-zag
/// varints), decimal (its four 32-bit parts, so the scale survives), double (8 bytes), DateOnly (day number),
/// DateTime (ticks and kind), DateTimeOffset (ticks and offset minutes), Guid (16 bytes), list (count, then values).
/// The same types as <see cref="TypedValues"/>, each coming back with the type it went in with.
/// </remarks>
internal static class OrderBinary
{
    private const byte Format = 1;

    private const byte HasIdentity = 1, HasWorkflow = 2, HasNotBefore = 4, HasDesired = 8, HasReason = 16;

    private enum Tag : byte
    {
        Null = 0,
        String,
        True,
        False,
        Int,
        Long,
        Decimal,
        Double,
        Date,
        DateTime,
        DateTimeOffset,
        Guid,
        List,
    }

    /// <summary>Gets the not-before time as stored in its column (Unix milliseconds), or <see langword="null"/>.</summary>
    public static long? NotBeforeColumn(ProvisioningOrder order) => order.NotBefore?.ToUnixTimeMilliseconds();

    public static byte[] WriteHeader(ProvisioningOrder order)
    {
        var writer = new Writer(64 + order.EntityType.Length + order.ResourceKey.Length + (order.Desired?.Length ?? 0));
        writer.Byte(Format);
        writer.Byte((byte)order.Kind);
        var flags = (byte)((order.IdentityId is null ? 0 : HasIdentity) | (order.Workflow is null ? 0 : HasWorkflow)
            | (order.NotBefore is null ? 0 : HasNotBefore) | (order.Desired is null ? 0 : HasDesired) | (order.Reason == OrderReason.Unknown ? 0 : HasReason));
        writer.Byte(flags);
        writer.String(order.Connector);
        writer.String(order.EntityType);
        writer.String(order.ResourceKey);
        writer.String(order.RunId ?? string.Empty);
        writer.Time(order.CreatedAt);
        if (order.IdentityId is { } identityId)
        {
            writer.String(identityId);
        }

        if (order.Workflow is { } workflow)
        {
            writer.String(workflow);
        }

        if (order.NotBefore is { } notBefore)
        {
            writer.Time(notBefore);
        }

        if (order.Desired is { } desired)
        {
            writer.Bytes(desired);
        }

        if (order.Reason != OrderReason.Unknown)
        {
            // Last, behind its flag: a header written before reasons reads as Unknown, and a reader that predates them stops before it.
            writer.Byte((byte)order.Reason);
        }

        return writer.ToArray();
    }

    /// <summary>Writes the changes, or returns <see langword="null"/> when there are none (nothing stored).</summary>
    public static byte[]? WriteChanges(IReadOnlyList<IdentityValueChange> changes)
    {
        if (changes.Count == 0)
        {
            return null;
        }

        var writer = new Writer(32 * changes.Count);
        writer.VarUInt((ulong)changes.Count);
        foreach (var change in changes)
        {
            writer.String(change.Property);
            writer.Value(change.OldValue);
            writer.Value(change.NewValue);
            writer.Byte((byte)change.Policy);
        }

        return writer.ToArray();
    }

    /// <summary>Reads an order from its header and changes; a payload that starts with <c>{</c> is the JSON of schema version 1 (changes inside).</summary>
    public static ProvisioningOrder Read(string id, byte[] payload, byte[]? changes)
    {
        if (payload.Length > 0 && payload[0] == (byte)'{')
        {
            return OrderJson.Read(Encoding.UTF8.GetString(payload));
        }

        var reader = new Reader(payload);
        if (reader.Byte() != Format)
        {
            throw new InvalidDataException($"The journal entry '{id}' has a payload of an unknown format.");
        }

        var kind = (OrderKind)reader.Byte();
        var flags = reader.Byte();
        var connector = reader.String();
        var entityType = reader.String();
        var resourceKey = reader.String();
        var runId = reader.String();
        var createdAt = reader.Time();
        var identityId = (flags & HasIdentity) != 0 ? reader.String() : null;
        var workflow = (flags & HasWorkflow) != 0 ? reader.String() : null;
        DateTimeOffset? notBefore = (flags & HasNotBefore) != 0 ? reader.Time() : null;
        var desired = (flags & HasDesired) != 0 ? reader.Bytes() : null;
        var reason = (flags & HasReason) != 0 ? (OrderReason)reader.Byte() : OrderReason.Unknown;
        return new ProvisioningOrder(id, connector, entityType, resourceKey, kind, identityId, workflow, ReadChanges(changes), runId, createdAt, notBefore, desired) { Reason = reason };
    }

    private static List<IdentityValueChange> ReadChanges(byte[]? bytes)
    {
        if (bytes is null)
        {
            return [];
        }

        var reader = new Reader(bytes);
        var count = (int)reader.VarUInt();
        var changes = new List<IdentityValueChange>(count);
        for (var i = 0; i < count; i++)
        {
            var property = reader.String();
            var oldValue = reader.Value();
            var newValue = reader.Value();
            changes.Add(new IdentityValueChange(property, oldValue, newValue, (OwnershipPolicy)reader.Byte()));
        }

        return changes;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private sealed class Writer(int capacity)
    {
        private byte[] _buffer = new byte[Math.Max(capacity, 16)];
        private int _length;

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        public void Byte(byte value) => Span(1)[0] = value;

        public void VarUInt(ulong value)
        {
            var span = Span(10);
            var i = 0;
            while (value >= 0x80)
            {
                span[i++] = (byte)(value | 0x80);
                value >>= 7;
            }

            span[i++] = (byte)value;
            _length -= 10 - i;
        }

        public void VarInt(long value) => VarUInt(ZigZag(value));

        public void String(string value)
        {
            var count = Encoding.UTF8.GetByteCount(value);
            VarUInt((ulong)count);
            Encoding.UTF8.GetBytes(value, Span(count));
        }

        public void Bytes(byte[] value)
        {
            VarUInt((ulong)value.Length);
            value.CopyTo(Span(value.Length));
        }

        public void Time(DateTimeOffset value)
        {
            VarInt(value.UtcTicks);
            VarInt((long)value.Offset.TotalMinutes);
        }

        public void Value(object? value)
        {
            switch (value)
            {
                case null:
                    Byte((byte)Tag.Null);
                    break;
                case string text:
                    Byte((byte)Tag.String);
                    String(text);
                    break;
                case bool flag:
                    Byte((byte)(flag ? Tag.True : Tag.False));
                    break;
                case int number:
                    Byte((byte)Tag.Int);
                    VarInt(number);
                    break;
                case long number:
                    Byte((byte)Tag.Long);
                    VarInt(number);
                    break;
                case decimal number:
                    Byte((byte)Tag.Decimal);
                    Span<int> bits = stackalloc int[4];
                    decimal.GetBits(number, bits);
                    var span = Span(16);
                    for (var i = 0; i < 4; i++)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], bits[i]);
                    }

                    break;
                case double number:
                    Byte((byte)Tag.Double);
                    BinaryPrimitives.WriteDoubleLittleEndian(Span(8), number);
                    break;
                case DateOnly date:
                    Byte((byte)Tag.Date);
                    VarInt(date.DayNumber);
                    break;
                case DateTime time:
                    Byte((byte)Tag.DateTime);
                    VarInt(time.Ticks);
                    Byte((byte)time.Kind);
                    break;
                case DateTimeOffset time:
                    Byte((byte)Tag.DateTimeOffset);
                    Time(time);
                    break;
                case Guid guid:
                    Byte((byte)Tag.Guid);
                    guid.TryWriteBytes(Span(16));
                    break;
                case byte or sbyte or short or ushort:
                    Value(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case uint number:
                    Value((long)number);
                    break;
                case ulong number:
                    Value((decimal)number);
                    break;
                case float number:
                    Value((double)number);
                    break;
                case IEnumerable items:
                    var list = items.Cast<object?>().ToList();
                    Byte((byte)Tag.List);
                    VarUInt((ulong)list.Count);
                    foreach (var item in list)
                    {
                        Value(item);
                    }

                    break;
                default:
                    // The type, never the value: values are personal data.
                    throw new NotSupportedException($"An identity value of type '{value.GetType().FullName}' cannot be stored: use a string, a number, a Boolean, a DateOnly, a DateTime, a Guid or a list of those.");
            }
        }

        private Span<byte> Span(int count)
        {
            if (_length + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            }

            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }
    }

    private ref struct Reader(byte[] bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public byte Byte() => _bytes[_position++];

        public ulong VarUInt()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public long VarInt() => UnZigZag(VarUInt());

        public string String()
        {
            var count = (int)VarUInt();
            var text = Encoding.UTF8.GetString(_bytes.Slice(_position, count));
            _position += count;
            return text;
        }

        public byte[] Bytes()
        {
            var count = (int)VarUInt();
            var value = _bytes.Slice(_position, count).ToArray();
            _position += count;
            return value;
        }

        public DateTimeOffset Time()
        {
            var utcTicks = VarInt();
            var offset = TimeSpan.FromMinutes(VarInt());
            return new DateTimeOffset(utcTicks + offset.Ticks, offset);
        }

        public object? Value()
        {
            switch ((Tag)Byte())
            {
                case Tag.Null:
                    return null;
                case Tag.String:
                    return String();
                case Tag.True:
                    return true;
                case Tag.False:
                    return false;
                case Tag.Int:
                    return (int)VarInt();
                case Tag.Long:
                    return VarInt();
                case Tag.Decimal:
                    Span<int> bits = stackalloc int[4];
                    for (var i = 0; i < 4; i++)
                    {
                        bits[i] = BinaryPrimitives.ReadInt32LittleEndian(_bytes.Slice(_position + (i * 4), 4));
                    }

                    _position += 16;
                    return new decimal(bits);
                case Tag.Double:
                    var number = BinaryPrimitives.ReadDoubleLittleEndian(_bytes.Slice(_position, 8));
                    _position += 8;
                    return number;
                case Tag.Date:
                    return DateOnly.FromDayNumber((int)VarInt());
                case Tag.DateTime:
                    var ticks = VarInt();
                    return new DateTime(ticks, (DateTimeKind)Byte());
                case Tag.DateTimeOffset:
                    return Time();
                case Tag.Guid:
                    var guid = new Guid(_bytes.Slice(_position, 16));
                    _position += 16;
                    return guid;
                case Tag.List:
                    var count = (int)VarUInt();
                    var items = new List<object?>(count);
                    for (var i = 0; i < count; i++)
                    {
                        items.Add(Value());
                    }

                    return items.AsReadOnly();
                default:
                    throw new InvalidDataException("Unknown identity value tag in a journal entry.");
            }
        }
    }
}
