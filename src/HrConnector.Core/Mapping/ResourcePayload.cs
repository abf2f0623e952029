using System.Buffers.Binary;
using System.Text;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>
/// The compact, canonical encoding of the values of a resource: for each property of the entity type, in order, a tag
/// (0 no value, 1 one value, 2 several values with their count) and the values. Strings are UTF-8, integers zigzag
/// varints, decimals normalized (1.0 and 1.00 encode alike), dates day numbers, multi-valued properties sorted and
/// without duplicates, so that two resources have the same values exactly when their payloads are byte-equal.
/// </summary>
internal static class ResourcePayload
{
    public const byte NoValue = 0;
    public const byte OneValue = 1;
    public const byte ManyValues = 2;

    public static void WriteString(PayloadBuffer buffer, ReadOnlySpan<byte> utf8)
    {
        buffer.WriteVarUInt64((ulong)utf8.Length);
        buffer.WriteBytes(utf8);
    }

    public static void WriteString(PayloadBuffer buffer, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        buffer.WriteVarUInt64((ulong)byteCount);
        var written = Encoding.UTF8.GetBytes(value, buffer.GetSpan(byteCount));
        buffer.Advance(written);
    }

    /// <param name="buffer">Where the value is encoded.</param>
    /// <param name="value">The value.</param>
    /// <param name="normalized">Whether <paramref name="value"/> already has no trailing zeros (the fast parser's values).</param>
    public static void WriteDecimal(PayloadBuffer buffer, decimal value, bool normalized = false)
    {
        // Dividing by 1 with 28 decimals removes trailing zeros: 1.00m becomes 1m.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(normalized ? value : value / 1.0000000000000000000000000000m, bits);
        foreach (var part in bits)
        {
            buffer.WriteInt32(part);
        }
    }

    public static void WriteDate(PayloadBuffer buffer, DateOnly value) => buffer.WriteVarUInt64((ulong)value.DayNumber);

    public static void WriteDateTime(PayloadBuffer buffer, DateTime value)
    {
        buffer.WriteInt64(value.Ticks);
        buffer.WriteByte(value.Kind == DateTimeKind.Utc ? (byte)1 : (byte)0);
    }

    public static void WriteGuid(PayloadBuffer buffer, Guid value)
    {
        value.TryWriteBytes(buffer.GetSpan(16));
        buffer.Advance(16);
    }

    /// <summary>Writes a CLR value of the given type (used for computed values and defaults).</summary>
    public static void WriteValue(PayloadBuffer buffer, PropertyType type, object value)
    {
        switch (type)
        {
            case PropertyType.String: WriteString(buffer, (string)value); break;
            case PropertyType.Int32: buffer.WriteVarInt64((int)value); break;
            case PropertyType.Int64: buffer.WriteVarInt64((long)value); break;
            case PropertyType.Decimal: WriteDecimal(buffer, (decimal)value); break;
            case PropertyType.Boolean: buffer.WriteByte((bool)value ? (byte)1 : (byte)0); break;
            case PropertyType.Date: WriteDate(buffer, (DateOnly)value); break;
            case PropertyType.DateTime: WriteDateTime(buffer, (DateTime)value); break;
            case PropertyType.Guid: WriteGuid(buffer, (Guid)value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown property type.");
        }
    }

    /// <summary>
    /// Encodes CLR values (one per property of <paramref name="entityType"/>, in order; a sequence for a multi-valued
    /// property; text is converted with the invariant culture) into a canonical payload.
    /// </summary>
    /// <exception cref="FormatException">A value is not of its property's type.</exception>
    public static byte[] Encode(EntityType entityType, IReadOnlyList<object?> values)
    {
        var buffer = new PayloadBuffer();
        var items = new List<byte[]>();
        for (var i = 0; i < entityType.Properties.Count; i++)
        {
            var property = entityType.Properties[i];
            var converter = new ValueConverter(property.Type, System.Globalization.CultureInfo.InvariantCulture, [], [], []);
            items.Clear();
            var value = values[i];
            IEnumerable<object?> sequence = value is System.Collections.IEnumerable many and not string ? many.Cast<object?>() : [value];
            foreach (var item in sequence)
            {
                if (item is null || item is string { Length: 0 })
                {
                    continue;
                }

                var scratch = new PayloadBuffer(32);
                if (!converter.TryWriteObject(item, scratch, out var failure))
                {
                    throw new FormatException($"The value of '{entityType.Identifier}.{property.Identifier}' is not valid: {failure}");
                }

                items.Add(scratch.WrittenSpan.ToArray());
            }

            if (items.Count == 0)
            {
                buffer.WriteByte(NoValue);
                continue;
            }

            if (!property.IsMultiValued)
            {
                buffer.WriteByte(OneValue);
                buffer.WriteBytes(items[0]);
                continue;
            }

            var distinct = SortDistinct(items, static (a, b) => a.AsSpan().SequenceCompareTo(b));
            buffer.WriteByte(ManyValues);
            buffer.WriteVarUInt64((ulong)distinct);
            foreach (var item in items.Take(distinct))
            {
                buffer.WriteBytes(item);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Makes the encoded items of a multi-valued property one canonical set, in place: sorted by their encoded bytes,
    /// without duplicates (the read and the encoding of objects share it, so both give one payload for one set).
    /// </summary>
    /// <returns>How many items are kept, at the start of <paramref name="items"/>.</returns>
    internal static int SortDistinct<T>(List<T> items, Comparison<T> compare)
    {
        items.Sort(compare);
        var distinct = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (i == 0 || compare(items[i], items[distinct - 1]) != 0)
            {
                items[distinct++] = items[i];
            }
        }

        return distinct;
    }

    /// <summary>Gets the values of property <paramref name="index"/>: null, one value, or a read-only list of values.</summary>
    public static object? GetValue(ReadOnlySpan<byte> payload, EntityType entityType, int index)
    {
        var reader = new Reader(payload);
        var properties = entityType.Properties;
        for (var i = 0; i < index; i++)
        {
            reader.SkipProperty(properties[i].Type);
        }

        return reader.ReadProperty(properties[index].Type);
    }

    /// <summary>Decodes every property, in entity type order.</summary>
    public static object?[] GetValues(ReadOnlySpan<byte> payload, EntityType entityType)
    {
        var reader = new Reader(payload);
        var properties = entityType.Properties;
        var values = new object?[properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadProperty(properties[i].Type);
        }

        return values;
    }

    /// <summary>Tests the UTF-8 bytes of the values of String properties without decoding them.</summary>
    /// <param name="slot">The position of the property in the indexes given.</param>
    /// <param name="value">The UTF-8 bytes of one value.</param>
    /// <returns>Whether the value matches.</returns>
    public delegate bool Utf8Predicate(int slot, ReadOnlySpan<byte> value);

    /// <summary>Whether any value of the String properties at <paramref name="indexes"/> (ascending) matches <paramref name="predicate"/>.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="entityType">Its entity type.</param>
    /// <param name="indexes">The properties tested, ascending.</param>
    /// <param name="predicate">The test.</param>
    /// <param name="startIndex">A property at or before the first of <paramref name="indexes"/> whose offset is known.</param>
    /// <param name="startOffset">The offset of property <paramref name="startIndex"/> in the payload.</param>
    public static bool AnyString(ReadOnlySpan<byte> payload, EntityType entityType, int[] indexes, Utf8Predicate predicate, int startIndex = 0, int startOffset = 0)
    {
        var reader = new Reader(payload) { Position = startOffset };
        var properties = entityType.Properties;
        var next = 0;
        for (var i = startIndex; i < properties.Count && next < indexes.Length; i++)
        {
            if (i != indexes[next])
            {
                reader.SkipProperty(properties[i].Type);
                continue;
            }

            if (reader.AnyString(next, predicate))
            {
                return true;
            }

            next++;
        }

        return false;
    }

    /// <summary>Reads the values of the String properties at <paramref name="indexes"/> (ascending), one entry per value, in one pass.</summary>
    public static void GetStrings(ReadOnlySpan<byte> payload, EntityType entityType, int[] indexes, List<(int Index, string Value)> values)
    {
        var reader = new Reader(payload);
        var properties = entityType.Properties;
        var next = 0;
        for (var i = 0; i < properties.Count && next < indexes.Length; i++)
        {
            if (i != indexes[next])
            {
                reader.SkipProperty(properties[i].Type);
                continue;
            }

            next++;
            switch (reader.ReadProperty(PropertyType.String))
            {
                case string value:
                    values.Add((i, value));
                    break;
                case IReadOnlyList<object> many:
                    foreach (var value in many)
                    {
                        values.Add((i, (string)value));
                    }

                    break;
            }
        }
    }

    /// <summary>Gets the encoded bytes of each property (tag included), for comparisons property by property.</summary>
    public static void GetPropertyRanges(ReadOnlySpan<byte> payload, EntityType entityType, Span<Range> ranges)
    {
        var reader = new Reader(payload);
        var properties = entityType.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var start = reader.Position;
            reader.SkipProperty(properties[i].Type);
            ranges[i] = new Range(start, reader.Position);
        }
    }

    internal ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _bytes;

        public Reader(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
            Position = 0;
        }

        public int Position { get; set; }

        public object? ReadProperty(PropertyType type)
        {
            var tag = _bytes[Position++];
            switch (tag)
            {
                case NoValue:
                    return null;
                case OneValue:
                    return ReadValue(type);
                default:
                    var count = (int)ReadVarUInt64();
                    var values = new object[count];
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = ReadValue(type);
                    }

                    return Array.AsReadOnly(values);
            }
        }

        /// <summary>Reads the tag and String values of a property and tests each one's bytes.</summary>
        public bool AnyString(int slot, Utf8Predicate predicate)
        {
            var tag = _bytes[Position++];
            var count = tag switch
            {
                NoValue => 0,
                OneValue => 1,
                _ => (int)ReadVarUInt64(),
            };
            var found = false;
            for (var i = 0; i < count; i++)
            {
                var length = (int)ReadVarUInt64();
                found |= predicate(slot, _bytes.Slice(Position, length));
                Position += length;
            }

            return found;
        }

        public void SkipProperty(PropertyType type)
        {
            var tag = _bytes[Position++];
            var count = tag switch
            {
                NoValue => 0,
                OneValue => 1,
                _ => (int)ReadVarUInt64(),
            };
            for (var i = 0; i < count; i++)
            {
                SkipValue(type);
            }
        }

        public object ReadValue(PropertyType type)
        {
            switch (type)
            {
                case PropertyType.String:
                    var length = (int)ReadVarUInt64();
                    var text = Encoding.UTF8.GetString(_bytes.Slice(Position, length));
                    Position += length;
                    return text;
                case PropertyType.Int32:
                    return (int)ReadVarInt64();
                case PropertyType.Int64:
                    return ReadVarInt64();
                case PropertyType.Decimal:
                    Span<int> bits = stackalloc int[4];
                    for (var i = 0; i < 4; i++)
                    {
                        bits[i] = BinaryPrimitives.ReadInt32LittleEndian(_bytes.Slice(Position + (4 * i)));
                    }

                    Position += 16;
                    return new decimal(bits);
                case PropertyType.Boolean:
                    return _bytes[Position++] != 0;
                case PropertyType.Date:
                    return DateOnly.FromDayNumber((int)ReadVarUInt64());
                case PropertyType.DateTime:
                    var ticks = BinaryPrimitives.ReadInt64LittleEndian(_bytes.Slice(Position));
                    var kind = _bytes[Position + 8] == 1 ? DateTimeKind.Utc : DateTimeKind.Unspecified;
                    Position += 9;
                    return new DateTime(ticks, kind);
                case PropertyType.Guid:
                    var guid = new Guid(_bytes.Slice(Position, 16));
                    Position += 16;
                    return guid;
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown property type.");
            }
        }

        /// <summary>Skips one value and returns its encoded length.</summary>
        public int SkipValue(PropertyType type)
        {
            var start = Position;
            switch (type)
            {
                case PropertyType.String:
                    var length = (int)ReadVarUInt64();
                    Position += length;
                    break;
                case PropertyType.Int32:
                case PropertyType.Int64:
                case PropertyType.Date:
                    ReadVarUInt64();
                    break;
                case PropertyType.Decimal:
                case PropertyType.Guid:
                    Position += 16;
                    break;
                case PropertyType.Boolean:
                    Position += 1;
                    break;
                case PropertyType.DateTime:
                    Position += 9;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown property type.");
            }

            return Position - start;
        }

        private ulong ReadVarUInt64()
        {
            ulong result = 0;
            var shift = 0;
            while (true)
            {
                var b = _bytes[Position++];
                result |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result;
                }

                shift += 7;
            }
        }

        private long ReadVarInt64()
        {
            var raw = ReadVarUInt64();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }
    }
}
