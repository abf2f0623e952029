using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>
/// The mapping engine of one entity type: streams the rows of its file, converts and encodes the values of each row
/// straight from the UTF-8 fields (no string per field), and gathers resources and rejects.
/// </summary>
internal sealed class EntityTypeReader
{
    private readonly EntityTypeMapping _mapping;
    private readonly PropertyMapping?[] _byProperty;
    private readonly byte[]?[] _defaults;
    private readonly byte[]?[] _separators;
    private readonly ValueMapLookup?[] _valueMaps;

    // Properties read from a column with no value map, separator or default: the common case, mapped on a fast path.
    private readonly bool[] _simple;

    public EntityTypeReader(EntityTypeMapping mapping)
    {
        _mapping = mapping;
        var properties = mapping.EntityType.Properties;
        _byProperty = new PropertyMapping?[properties.Count];
        _defaults = new byte[]?[properties.Count];
        _separators = new byte[]?[properties.Count];
        _valueMaps = new ValueMapLookup?[properties.Count];
        _simple = new bool[properties.Count];
        foreach (var property in mapping.Properties)
        {
            var index = property.Property.Index;
            _byProperty[index] = property;
            _defaults[index] = property.DefaultValue is { Length: > 0 } text ? Encoding.UTF8.GetBytes(text) : null;
            _separators[index] = property.Separator is { Length: > 0 } separator ? Encoding.UTF8.GetBytes(separator) : null;
            _valueMaps[index] = property.ValueMap.Count > 0 ? new ValueMapLookup(property.ValueMap) : null;
            _simple[index] = property is { Column: not null, Compute: null, ValueMap.Count: 0, Separator: null, DefaultValue: null, Property.IsMultiValued: false };
        }
    }

    /// <summary>Reads every row of <paramref name="stream"/>.</summary>
    /// <param name="stream">The bytes of the file, positioned at its start.</param>
    /// <param name="file">The path of the file, or the name given to in-memory text.</param>
    /// <param name="options">Run-time settings.</param>
    /// <param name="enforceLimits">
    /// Whether the reject limits of the connection apply and a cut last record is looked for (files, not in-memory text mapped by tests).
    /// </param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The resources and rejects.</returns>
    /// <param name="previous">What HR said last time, so that unchanged rows are not converted again; or <see langword="null"/>.</param>
    public MappingResult Read(Stream stream, string file, ReadOptions options, bool enforceLimits, CancellationToken cancellationToken, PreviousPayloads? previous = null)
    {
        var connection = _mapping.Connection;
        var sink = new RejectSink(_mapping.EntityType.Identifier, file, Path.GetFileName(file), connection, options, enforceLimits);
        using var source = CsvRecordReader.Open(stream, connection, sink);
        var columns = ResolveColumns(source, file);
        var keyIndex = source.TryGetColumnIndex(_mapping.KeyColumn, out var k) ? k : -1;
        source.KeyIndex = keyIndex;

        var row = new RowMapper(this, source, sink, columns);
        var fingerprint = Fingerprint(source.Headers);
        if (previous is not null && (fingerprint == 0 || previous.Fingerprint != fingerprint))
        {
            previous = null;
        }

        var commandIndex = _mapping.CommandColumn is { } commandColumn && source.TryGetColumnIndex(commandColumn, out var c) ? c : -1;
        Dictionary<string, ChangeCommand>? commands = commandIndex >= 0 ? new(StringComparer.Ordinal) : null;
        // Today's file has about as many rows as yesterday's: sized for them, the arrays are not copied while they grow.
        var rows = new ResourceRows(previous?.Stored, capacity: previous is null ? 1024 : previous.Stored.Count + (previous.Stored.Count / 32) + 1024);
        var keys = new KeyTracker(rows);
        var hint = 0;
        var arena = new PayloadArena();
        while (source.Read())
        {
            if ((sink.RowCount & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var line = source.Line;
            var key = source.GetField(keyIndex);
            if (key.IsEmpty)
            {
                sink.Add(line, _mapping.KeyColumn, RejectReason.EmptyKey, "the primary key is empty.");
                continue;
            }

            var command = ChangeCommand.Merge;
            if (commands is not null && !TryParseCommand(source.GetField(commandIndex), out command))
            {
                sink.Add(line, _mapping.CommandColumn, RejectReason.InvalidValue, "the command is not one of insert, update, delete, merge (or I, U, D, M).", Encoding.UTF8.GetString(key));
                keys.AddRejected(key, ResourceRows.NotLookedUp, line);
                continue;
            }

            // The key's stored resource, if any: it holds the key for the rest of the run (see ResourceRows).
            var stored = -1;
            if (previous is not null)
            {
                stored = previous.Stored.Find(key, hint);
                hint = stored >= 0 ? stored + 1 : hint;
            }

            var sourceHash = PreviousPayloads.HashRecord(source.RawRecord);
            bool added;

            // A delete row needs only its key: it stands in the key table as a resource without values.
            if (command == ChangeCommand.Delete)
            {
                added = keys.Add(key, stored, line, default, -1, 0);
            }
            else if (stored >= 0 && previous!.Stored.SourceHash(stored) == sourceHash)
            {
                added = keys.Add(key, stored, line, previous.Stored.Payload(stored), previous.Stored.NavigationStart(stored), sourceHash);
            }
            else if (row.Map(line))
            {
                added = keys.Add(key, stored, line, arena.Add(row.Payload), row.NavigationStart, sourceHash);
            }
            else
            {
                added = keys.AddRejected(key, stored, line);
            }

            if (added && commands is not null)
            {
                commands[Encoding.UTF8.GetString(key)] = command;
            }
        }

        if (source.TrailerCount is { } announced && announced != sink.RowCount)
        {
            throw new CsvFileException(file, CsvFileError.TrailerMismatch, 0, [string.Create(CultureInfo.InvariantCulture, $"the trailer row announces {announced} records, but the file has {sink.RowCount}: it is incomplete, or the trailer is wrong (TrailerPattern).")], [.. sink.Rejects]);
        }

        var isTruncated = source.IsTruncated;
        var (swallowedFrom, swallowedTo) = source.SwallowedLines;
        string? incompleteBecause = !isTruncated ? null
            : swallowedTo > swallowedFrom ? string.Create(CultureInfo.InvariantCulture, $"a quoted field opened on line {swallowedFrom} is never closed, so lines {swallowedFrom} to {swallowedTo} could not be read")
            : string.Create(CultureInfo.InvariantCulture, $"a quoted field opened on line {swallowedFrom} is never closed");
        if (enforceLimits && !source.EndsWithLineBreak && CutLastRecord(source, sink) is { } cut)
        {
            if (connection.CutLastRecord == CutLastRecordHandling.Fail)
            {
                throw new CsvFileException(file, CsvFileError.Truncated, cut.Line, [$"the last record does not end with a line break and {Describe(cut)}: the file was cut while it was written (or is still being written). Wait until it is complete, or set CutLastRecord to RejectAndHoldDeletes to reject that record and hold back deletions."], [.. sink.Rejects]);
            }

            // A quote that swallowed several lines says more than the cut it caused.
            if (!isTruncated || swallowedTo == swallowedFrom)
            {
                incompleteBecause = string.Create(CultureInfo.InvariantCulture, $"its last record, line {cut.Line}, does not end with a line break and {Describe(cut)}: the file was cut while it was written");
            }

            isTruncated = true;
        }

        // Rows rejected before mapping (wrong field count, bad bytes, over-long fields) still carry their key: a good
        // row with the same key is a duplicate too.
        foreach (var (key, line) in sink.Rejects
            .Where(r => r.Key is not null && r.Reason is RejectReason.FieldCountMismatch or RejectReason.InvalidEncoding or RejectReason.FieldTooLong or RejectReason.MalformedRow or RejectReason.UnterminatedQuote)
            .Select(r => (r.Key!, r.Line))
            .Distinct()
            .ToList())
        {
            keys.AddRejected(Encoding.UTF8.GetBytes(key), ResourceRows.NotLookedUp, line);
        }

        keys.RejectDuplicates(sink, _mapping.KeyColumn);
        sink.CheckShare();
        var deletions = new List<Deletion>();
        if (commands is not null)
        {
            for (var entry = 0; entry < rows.EntryCount; entry++)
            {
                if (keys.IsResource(entry) && rows.KeyStringOfEntry(entry) is var key && commands[key] == ChangeCommand.Delete)
                {
                    deletions.Add(new Deletion(key, rows.LineOfEntry(entry)));
                    keys.Remove(entry);
                }
            }

            foreach (var deletion in deletions)
            {
                commands.Remove(deletion.Key);
            }
        }

        keys.Seal();
        return new MappingResult(_mapping.EntityType, file, rows, sink.Rejects, sink.RowCount, sink.RejectedRowCount, isTruncated, commands, deletions, fingerprint)
        {
            Encoding = source.Encoding,
            LimitsEnforced = enforceLimits,
            IncompleteBecause = incompleteBecause,
        };
    }

    /// <summary>The first reject of the last record of the file, when it was rejected.</summary>
    private static Reject? CutLastRecord(CsvRecordReader source, RejectSink sink)
    {
        var line = source.LastRecordLine;
        var rejects = sink.Rejects;
        if (line <= 0 || rejects.Count == 0 || rejects[^1].Line != line)
        {
            return null;
        }

        var first = rejects.Count - 1;
        while (first > 0 && rejects[first - 1].Line == line)
        {
            first--;
        }

        return rejects[first];
    }

    /// <summary>Says what is wrong with a cut record, naming the column but never a value.</summary>
    private static string Describe(Reject reject)
    {
        var column = reject.Column is null ? string.Empty : $" (column '{reject.Column}')";
        return reject.Reason switch
        {
            RejectReason.FieldCountMismatch => "has a different number of fields than the header",
            RejectReason.UnterminatedQuote => "a quoted value in it is never closed",
            RejectReason.InvalidValue => $"a value{column} does not convert",
            RejectReason.MissingValue => $"a required value{column} is missing",
            RejectReason.EmptyKey => $"its primary key{column} is empty",
            RejectReason.InvalidEncoding => $"a value{column} holds bytes that are not valid in the encoding of the file",
            RejectReason.MalformedRow => "it breaks the quoting rules",
            _ => $"it is malformed ({reject.Reason})",
        };
    }

    /// <summary>
    /// The fingerprint of everything that turns a raw record into a payload: the mapping, the connection's reading
    /// settings and the header's column order. 0 when computed properties make it unknowable (code can change).
    /// </summary>
    private ulong Fingerprint(IReadOnlyList<string> headers)
    {
        if (_mapping.Properties.Any(p => p.Compute is not null))
        {
            return 0;
        }

        var c = _mapping.Connection;
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{c.Delimiter}|{c.Quote}|{c.TrimWhitespace}|{c.SpacesAroundQuotes}|{c.QuoteInUnquotedValue}|{c.Culture.Name}|{string.Join('\u001f', c.ValuesToTrim)}|{c.CaseInsensitiveHeaders}\n")
            .Append(CultureInfo.InvariantCulture, $"{_mapping.KeyColumn}|{_mapping.CommandColumn}\n")
            .AppendJoin('\u001f', headers).Append('\n');
        foreach (var p in _mapping.Properties)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Property.Identifier}|{p.Property.Type}|{p.Property.IsMultiValued}|{p.Property.IsRequired}|{p.Column}|{p.Culture.Name}|{p.DefaultValue}|{p.Separator}|{p.RejectUnmappedValues}|")
                .AppendJoin('\u001f', p.Formats).Append('|')
                .AppendJoin('\u001f', p.TrueValues).Append('|')
                .AppendJoin('\u001f', p.FalseValues).Append('|')
                .AppendJoin('\u001f', p.ValueMap.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value)).Append('\n');
        }

        return System.IO.Hashing.XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString())) | 1;
    }

    private static bool TryParseCommand(ReadOnlySpan<byte> text, out ChangeCommand command)
    {
        command = ChangeCommand.Merge;
        if (Ascii.EqualsIgnoreCase(text, "insert"u8) || Ascii.EqualsIgnoreCase(text, "I"u8))
        {
            command = ChangeCommand.Insert;
        }
        else if (Ascii.EqualsIgnoreCase(text, "update"u8) || Ascii.EqualsIgnoreCase(text, "U"u8))
        {
            command = ChangeCommand.Update;
        }
        else if (Ascii.EqualsIgnoreCase(text, "delete"u8) || Ascii.EqualsIgnoreCase(text, "D"u8))
        {
            command = ChangeCommand.Delete;
        }
        else if (!Ascii.EqualsIgnoreCase(text, "merge"u8) && !Ascii.EqualsIgnoreCase(text, "M"u8))
        {
            return false;
        }

        return true;
    }

    private int[] ResolveColumns(CsvRecordReader source, string file)
    {
        var indexes = new int[_byProperty.Length];
        var missing = new List<string>();
        foreach (var column in _mapping.Columns)
        {
            if (!source.TryGetColumnIndex(column, out _))
            {
                missing.Add($"'{column}'");
            }
        }

        if (missing.Count > 0)
        {
            var problem = missing.Count == 1
                ? $"the header has no column {missing[0]}, which the mapping of '{_mapping.EntityType.Identifier}' reads."
                : $"the header lacks {missing.Count.ToString(CultureInfo.InvariantCulture)} columns that the mapping of '{_mapping.EntityType.Identifier}' reads: {string.Join(", ", missing)}.";
            var errors = new List<string> { problem };
            if (missing.Count == _mapping.Columns.Count() && source.Headers.Any(h => CsvHeaderCheck.LooksLikeData(h, _mapping.Connection.Culture)))
            {
                errors.Add(CsvHeaderCheck.NoHeader);
            }
            else if (source.Headers.Count == 1)
            {
                errors.Add($"the header has a single column: is the delimiter right? The connection '{_mapping.Connection.Identifier}' splits on '{_mapping.Connection.Delimiter}'.");
            }
            else if (!_mapping.Connection.CaseInsensitiveHeaders)
            {
                errors.Add("header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.");
            }

            throw new CsvFileException(file, CsvFileError.InvalidHeader, source.HeaderLine, errors);
        }

        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = _byProperty[i]?.Column is { } column && source.TryGetColumnIndex(column, out var index) ? index : -1;
        }

        return indexes;
    }

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

            var start = _buffer.Length;
            _buffer.WriteByte(mapping.Property.IsMultiValued ? ResourcePayload.ManyValues : ResourcePayload.OneValue);
            if (mapping.Property.IsMultiValued)
            {
                _buffer.WriteVarUInt64(1);
            }

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
            _items.Sort((a, b) => Compare(buffer, a, b));
            var distinct = 0;
            for (var i = 0; i < _items.Count; i++)
            {
                if (i == 0 || Compare(buffer, _items[i], _items[distinct - 1]) != 0)
                {
                    _items[distinct++] = _items[i];
                }
            }

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

            var segmentStart = _buffer.Length;
            _buffer.WriteByte(mapping.Property.IsMultiValued ? ResourcePayload.ManyValues : ResourcePayload.OneValue);
            if (mapping.Property.IsMultiValued)
            {
                _buffer.WriteVarUInt64(1);
            }

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

    /// <summary>Tracks primary keys: a key on several rows rejects all of them, since none can be trusted.</summary>
    private sealed class KeyTracker(ResourceRows rows)
    {
        private const byte Standing = 0;
        private const byte RejectedRow = 1;
        private const byte Duplicated = 2;
        private const byte Removed = 3;

        // What each key of the table is, by key number; the line of its row is in the rows.
        private byte[] _states = new byte[1024];
        private bool _allStanding = true;
        private Dictionary<int, List<(long Line, bool AlreadyRejected)>>? _duplicates;

        /// <summary>Notes a row that is a resource so far; returns whether it may stand (its key is new).</summary>
        public bool Add(ReadOnlySpan<byte> key, int storedIndex, long line, ReadOnlyMemory<byte> payload, int navigationStart, ulong sourceHash)
        {
            var entry = rows.AddKey(key, storedIndex, out var added);
            if (added)
            {
                SetState(entry, Standing);
                rows.Set(entry, payload, line, navigationStart, sourceHash);
                return true;
            }

            Repeat(entry, line, rejected: false);
            return false;
        }

        /// <summary>Notes a rejected row whose key could be read.</summary>
        /// <returns><see langword="false"/>: the row never stands as a resource.</returns>
        public bool AddRejected(ReadOnlySpan<byte> key, int storedIndex, long line)
        {
            var entry = rows.AddKey(key, storedIndex, out var added);
            if (added)
            {
                SetState(entry, RejectedRow);
                rows.Set(entry, default, line, -1, 0);
            }
            else
            {
                Repeat(entry, line, rejected: true);
            }

            return false;
        }

        public bool IsResource(int entry) => _states[entry] == Standing;

        public void Remove(int entry) => SetState(entry, Removed);

        public void Seal()
        {
            if (_allStanding)
            {
                rows.Seal(null);
                return;
            }

            var isResource = new bool[rows.EntryCount];
            for (var i = 0; i < isResource.Length; i++)
            {
                isResource[i] = _states[i] == Standing;
            }

            rows.Seal(isResource);
        }

        public void RejectDuplicates(RejectSink sink, string keyColumn)
        {
            if (_duplicates is null)
            {
                return;
            }

            var rejects = new List<(long Line, string Key, string Others)>();
            foreach (var (entry, lines) in _duplicates)
            {
                var key = rows.KeyStringOfEntry(entry);
                foreach (var (line, alreadyRejected) in lines)
                {
                    if (!alreadyRejected)
                    {
                        var others = string.Join(", ", lines.Where(l => l.Line != line).Select(l => l.Line.ToString(CultureInfo.InvariantCulture)));
                        rejects.Add((line, key, others));
                    }
                }
            }

            foreach (var (line, key, others) in rejects.OrderBy(r => r.Line))
            {
                sink.Add(line, keyColumn, RejectReason.DuplicateKey, $"the primary key is also on line(s) {others}; every row with this key is rejected.", key);
            }
        }

        /// <summary>A key seen again: every row that carries it is rejected.</summary>
        private void Repeat(int entry, long line, bool rejected)
        {
            _duplicates ??= [];
            if (_states[entry] == Duplicated)
            {
                _duplicates[entry].Add((line, rejected));
                return;
            }

            _duplicates[entry] = [(rows.LineOfEntry(entry), _states[entry] == RejectedRow), (line, rejected)];
            SetState(entry, Duplicated);
        }

        private void SetState(int entry, byte state)
        {
            if (entry >= _states.Length)
            {
                Array.Resize(ref _states, Math.Max(entry + 1, _states.Length * 2));
            }

            _states[entry] = state;
            _allStanding &= state == Standing;
        }
    }
}
