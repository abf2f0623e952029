using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

// The row encoder: one CSV record's fields converted to typed values and encoded as the resource's payload.
internal sealed partial class EntityTypeReader
{
    /// <summary>Maps the fields of the current row to an encoded payload, or rejects the row.</summary>
    private sealed class RowMapper : IRowValues
    {
        private readonly EntityTypeReader _owner;
        private readonly CsvRecordReader _source;
        private readonly RejectSink _sink;
        private readonly int[] _columns;
        private readonly PayloadBuffer _buffer = new();

        // The payload put back in property order, when computed properties were written after the others.
        private readonly PayloadBuffer _assembled = new();

        // The items of a multi-valued property, before they are sorted into the payload.
        private readonly PayloadBuffer _scratch = new(64);
        private readonly Range[] _segments;
        private readonly List<Range> _items = [];
        private readonly ComputeContext _context;
        private readonly IReadOnlyList<EntityProperty> _properties;
        private readonly bool _hasComputed;
        private long _line;

        // Where the encoded property being written starts (a failed conversion leaves nothing behind it).
        private int _segmentStart;

        public RowMapper(EntityTypeReader owner, CsvRecordReader source, RejectSink sink, int[] columns)
        {
            _owner = owner;
            _source = source;
            _sink = sink;
            _columns = columns;
            _properties = owner._mapping.EntityType.Properties;
            _segments = new Range[_properties.Count];
            _context = new ComputeContext(this);
            _hasComputed = owner._mapping.Properties.Any(p => p.Compute is not null);
        }

        private string? _key;

        /// <summary>Gets the key of the row being mapped; made only for a reject or a computation that asks for it.</summary>
        public string Key => _key ??= _source.GetString(_source.KeyIndex) ?? string.Empty;

        /// <summary>Gets the offset of the first navigation property in <see cref="Payload"/>, or -1.</summary>
        public int NavigationStart
            => !_hasComputed && _owner._mapping.EntityType.FirstNavigationIndex is var first && first < _segments.Length
                ? _segments[first].Start.Value
                : -1;

        /// <summary>Gets the payload of the row mapped last, valid until the next <see cref="Map"/>.</summary>
        public ReadOnlySpan<byte> Payload => _hasComputed ? _assembled.WrittenSpan : _buffer.WrittenSpan;

        /// <summary>Maps the current row into <see cref="Payload"/>; returns <see langword="false"/> when it was rejected.</summary>
        public bool Map(long line)
        {
            _key = null;
            _line = line;
            _buffer.Clear();
            var ok = true;
            for (var i = 0; i < _segments.Length; i++)
            {
                var mapping = _owner._byProperty[i];
                _segmentStart = _buffer.Length;
                if (_owner._simple[i])
                {
                    ok &= WriteSimple(mapping!, _source.GetField(_columns[i]));
                }
                else if (mapping is null)
                {
                    _buffer.WriteByte(ResourcePayload.NoValue);
                }
                else if (mapping.Compute is null)
                {
                    var text = _columns[i] >= 0 ? _source.GetField(_columns[i]) : default;
                    ok &= WriteText(i, mapping, text);
                }

                _segments[i] = new Range(_segmentStart, _buffer.Length);
            }

            if (_hasComputed && ok)
            {
                for (var i = 0; i < _segments.Length; i++)
                {
                    if (_owner._byProperty[i] is { Compute: not null } mapping)
                    {
                        _segmentStart = _buffer.Length;
                        ok &= WriteComputed(mapping);
                        _segments[i] = new Range(_segmentStart, _buffer.Length);
                    }
                }
            }

            // Column-mapped properties are written in property order: the buffer is the payload. Computed ones come
            // after them and must be put back in place.
            if (ok && _hasComputed)
            {
                Assemble();
            }

            return ok;
        }

        public string? GetColumn(string column)
            => _source.TryGetColumnIndex(column, out var index)
                ? _source.GetString(index)
                : throw new KeyNotFoundException($"The file has no column '{column}'.");

        public object? GetValue(string property)
        {
            var target = _owner._mapping.EntityType.GetProperty(property);
            var (offset, length) = _segments[target.Index].GetOffsetAndLength(_buffer.Length);
            if (_owner._byProperty[target.Index]?.Compute is not null || length == 0)
            {
                throw new InvalidOperationException($"The property '{target.Identifier}' is computed; a computation can only read properties mapped from columns or defaults.");
            }

            return new ResourcePayload.Reader(_buffer.Slice(offset, length)).ReadProperty(target.Type);
        }

        private void Assemble()
        {
            _assembled.Clear();
            foreach (var segment in _segments)
            {
                var (offset, length) = segment.GetOffsetAndLength(_buffer.Length);
                _assembled.WriteBytes(_buffer.Slice(offset, length));
            }
        }

        private bool WriteSimple(PropertyMapping mapping, ReadOnlySpan<byte> text)
        {
            if (text.IsEmpty)
            {
                _buffer.WriteByte(ResourcePayload.NoValue);
                return !mapping.Property.IsRequired || RejectMissing(mapping);
            }

            var start = _buffer.Length;
            _buffer.WriteByte(ResourcePayload.OneValue);
            if (mapping.Property.Type == PropertyType.String)
            {
                ResourcePayload.WriteString(_buffer, text);
                return true;
            }

            if (mapping.Converter.TryWrite(text, _buffer, out var failure))
            {
                return true;
            }

            _buffer.Truncate(start);
            Reject(mapping, RejectReason.InvalidValue, failure!, text);
            return false;
        }

        private bool WriteText(int index, PropertyMapping mapping, ReadOnlySpan<byte> text)
        {
            var separator = _owner._separators[index];
            if (separator is not null && !text.IsEmpty)
            {
                return WriteMany(index, mapping, text, separator);
            }

            var value = Mapped(index, mapping, text, out var unmapped);
            if (unmapped)
            {
                Reject(mapping, RejectReason.InvalidValue, "the value is not one of the values of the value map.", text);
                return false;
            }

            if (value.IsEmpty && _owner._defaults[index] is { } fallback)
            {
                value = fallback;
            }

            if (value.IsEmpty)
            {
                _buffer.WriteByte(ResourcePayload.NoValue);
                return !mapping.Property.IsRequired || RejectMissing(mapping);
            }

            var start = BeginOneValue(mapping.Property);

            if (!mapping.Converter.TryWrite(value, _buffer, out var failure))
            {
                _buffer.Truncate(start);
                Reject(mapping, RejectReason.InvalidValue, failure!, value);
                return false;
            }

            return true;
        }

        private bool WriteMany(int index, PropertyMapping mapping, ReadOnlySpan<byte> text, byte[] separator)
        {
            _items.Clear();
            _scratch.Clear();
            var ok = true;
            while (true)
            {
                var end = text.IndexOf(separator);
                var piece = (end < 0 ? text : text[..end]).Trim(" \t"u8);
                var value = Mapped(index, mapping, piece, out var unmapped);
                if (unmapped)
                {
                    Reject(mapping, RejectReason.InvalidValue, "a value is not one of the values of the value map.", piece);
                    ok = false;
                }
                else if (!value.IsEmpty)
                {
                    var start = _scratch.Length;
                    if (mapping.Converter.TryWrite(value, _scratch, out var failure))
                    {
                        _items.Add(new Range(start, _scratch.Length));
                    }
                    else
                    {
                        Reject(mapping, RejectReason.InvalidValue, failure!, value);
                        ok = false;
                    }
                }

                if (end < 0)
                {
                    break;
                }

                text = text[(end + separator.Length)..];
            }

            if (!ok)
            {
                _segmentStart = _buffer.Length;
                _buffer.WriteByte(ResourcePayload.NoValue);
                return false;
            }

            return WriteItems(mapping);
        }

        /// <summary>Writes the encoded items gathered in <see cref="_items"/> as one canonical set: sorted, without duplicates.</summary>
        private bool WriteItems(PropertyMapping mapping)
        {
            var buffer = _scratch;
            var distinct = ResourcePayload.SortDistinct(_items, (a, b) => Compare(buffer, a, b));

            _segmentStart = _buffer.Length;
            if (distinct == 0)
            {
                _buffer.WriteByte(ResourcePayload.NoValue);
                return !mapping.Property.IsRequired || RejectMissing(mapping);
            }

            _buffer.WriteByte(ResourcePayload.ManyValues);
            _buffer.WriteVarUInt64((ulong)distinct);
            for (var i = 0; i < distinct; i++)
            {
                var (offset, length) = _items[i].GetOffsetAndLength(int.MaxValue);
                _buffer.WriteBytes(_scratch.Slice(offset, length));
            }

            return true;
        }

        private bool WriteComputed(PropertyMapping mapping)
        {
            object? value;
            try
            {
                value = mapping.Compute!(_context);
            }
#pragma warning disable CA1031 // A host computation that throws rejects the row instead of ending the read.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _buffer.WriteByte(ResourcePayload.NoValue);
                Reject(mapping, RejectReason.InvalidValue, $"the computation of the value threw {exception.GetType().Name}.", default);
                return false;
            }

            if (value is null || value is string { Length: 0 })
            {
                _buffer.WriteByte(ResourcePayload.NoValue);
                return !mapping.Property.IsRequired || RejectMissing(mapping);
            }

            if (mapping.Property.IsMultiValued && value is System.Collections.IEnumerable sequence and not string)
            {
                _items.Clear();
                _scratch.Clear();
                foreach (var item in sequence)
                {
                    if (item is null || item is string { Length: 0 })
                    {
                        continue;
                    }

                    var start = _scratch.Length;
                    if (!mapping.Converter.TryWriteObject(item, _scratch, out var itemFailure))
                    {
                        _segmentStart = _buffer.Length;
                        _buffer.WriteByte(ResourcePayload.NoValue);
                        Reject(mapping, RejectReason.InvalidValue, itemFailure!, default);
                        return false;
                    }

                    _items.Add(new Range(start, _scratch.Length));
                }

                return WriteItems(mapping);
            }

            var segmentStart = BeginOneValue(mapping.Property);

            if (!mapping.Converter.TryWriteObject(value, _buffer, out var failure))
            {
                _buffer.Truncate(segmentStart);
                _buffer.WriteByte(ResourcePayload.NoValue);
                Reject(mapping, RejectReason.InvalidValue, failure!, default);
                return false;
            }

            return true;
        }

        private static int Compare(PayloadBuffer buffer, Range a, Range b)
        {
            var (aOffset, aLength) = a.GetOffsetAndLength(int.MaxValue);
            var (bOffset, bLength) = b.GetOffsetAndLength(int.MaxValue);
            return buffer.Slice(aOffset, aLength).SequenceCompareTo(buffer.Slice(bOffset, bLength));
        }

        private ReadOnlySpan<byte> Mapped(int index, PropertyMapping mapping, ReadOnlySpan<byte> text, out bool unmapped)
        {
            unmapped = false;
            if (_owner._valueMaps[index] is not { } map || text.IsEmpty)
            {
                return text;
            }

            if (map.TryGetReplacement(text, out var replacement))
            {
                return replacement;
            }

            unmapped = mapping.RejectUnmappedValues;
            return text;
        }

        private bool RejectMissing(PropertyMapping mapping)
        {
            Reject(mapping, RejectReason.MissingValue, $"the property '{mapping.Property.Identifier}' is required but the row has no value for it.", default);
            return false;
        }

        /// <summary>Starts the payload segment of one value (a list of one for a multi-valued property).</summary>
        /// <returns>Where the segment starts, to truncate the buffer back to if the value is rejected.</returns>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private int BeginOneValue(EntityProperty property)
        {
            var start = _buffer.Length;
            _buffer.WriteByte(property.IsMultiValued ? ResourcePayload.ManyValues : ResourcePayload.OneValue);
            if (property.IsMultiValued)
            {
                _buffer.WriteVarUInt64(1);
            }

            return start;
        }

        private void Reject(PropertyMapping mapping, RejectReason reason, string detail, ReadOnlySpan<byte> value)
        {
            string? shown = null;
            if (_sink.Options.IncludeValuesInRejects && !mapping.Property.IsSensitive && !value.IsEmpty)
            {
                shown = Encoding.UTF8.GetString(value);
                detail = $"{detail} Value: '{shown}'.";
            }

            _sink.Add(_line, mapping.Column ?? mapping.Property.Identifier, reason, detail, Key, shown);
        }
    }
}
