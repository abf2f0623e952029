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
internal sealed partial class EntityTypeReader
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
    /// <param name="previous">What HR said last time (with the <see cref="ResourceTable.Fingerprint"/> of the mapping and header it was made with), so that unchanged rows are not converted again; or <see langword="null"/>.</param>
    public MappingResult Read(Stream stream, string file, ReadOptions options, bool enforceLimits, CancellationToken cancellationToken, ResourceTable? previous = null)
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
        var rows = new ResourceRows(previous, capacity: previous is null ? 1024 : previous.Count + (previous.Count / 32) + 1024);
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
                stored = previous.Find(key, hint);
                hint = stored >= 0 ? stored + 1 : hint;
            }

            var sourceHash = ResourceTable.HashRecord(source.RawRecord);
            bool added;

            // A delete row needs only its key: it stands in the key table as a resource without values.
            if (command == ChangeCommand.Delete)
            {
                added = keys.Add(key, stored, line, default, -1, 0);
            }
            else if (stored >= 0 && previous!.SourceHash(stored) == sourceHash)
            {
                added = keys.Add(key, stored, line, previous.Payload(stored), previous.NavigationStart(stored), sourceHash);
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
}
