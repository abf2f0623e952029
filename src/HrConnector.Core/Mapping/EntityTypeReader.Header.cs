using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

// The header: the mapped columns found in it, and the fingerprint that lets unchanged rows skip conversion.
internal sealed partial class EntityTypeReader
{
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
}
