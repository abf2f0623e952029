using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>
/// The schema of the payloads of an entity type — its properties, their types and multiplicity, in order — written as
/// text next to stored payloads. When the model changes, payloads stored with the old schema are transcoded property by
/// property (matched by identifier): a new property has no value, a removed one is dropped, a property whose type
/// changed loses its value, and each difference shows up in the plan as an update.
/// </summary>
internal sealed class ResourceSchema
{
    private readonly (string Identifier, PropertyType Type, bool IsMultiValued)[] _properties;

    private ResourceSchema(string text, (string, PropertyType, bool)[] properties)
    {
        Text = text;
        _properties = properties;
    }

    public string Text { get; }

    public static ResourceSchema Of(EntityType entityType)
    {
        var properties = entityType.Properties.Select(p => (p.Identifier, p.Type, p.IsMultiValued)).ToArray();
        return new ResourceSchema(Format(properties), properties);
    }

    /// <summary>The schema text stored with payloads: the properties, then '#' and the fingerprint of the mapping and header they were made with.</summary>
    public static string Stored(EntityType entityType, ulong fingerprint)
        => Of(entityType).Text + "#" + fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Splits a stored schema text into its properties part and its mapping fingerprint (0 when absent).</summary>
    public static (string Properties, ulong Fingerprint) Split(string stored)
    {
        var hash = stored.LastIndexOf('#');
        return hash < 0
            ? (stored, 0)
            : (stored[..hash], ulong.TryParse(stored.AsSpan(hash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var fingerprint) ? fingerprint : 0);
    }

    public static ResourceSchema Parse(string text)
    {
        text = Split(text).Properties;
        var properties = text.Length == 0
            ? []
            : text.Split(';').Select(part =>
            {
                var pieces = part.Split(':');
                var multi = pieces[1].EndsWith('*');
                return (pieces[0], Enum.Parse<PropertyType>(pieces[1].TrimEnd('*')), multi);
            }).ToArray();
        return new ResourceSchema(text, properties);
    }

    /// <summary>Builds the function that re-encodes payloads of this (stored) schema into <paramref name="target"/>'s.</summary>
    public Func<ReadOnlyMemory<byte>, byte[]> TranscoderTo(EntityType target)
    {
        var sources = target.Properties
            .Select(p => Array.FindIndex(_properties, s => string.Equals(s.Identifier, p.Identifier, StringComparison.OrdinalIgnoreCase) && s.Type == p.Type && s.IsMultiValued == p.IsMultiValued))
            .ToArray();
        var buffer = new PayloadBuffer();
        return payload =>
        {
            var ranges = new Range[_properties.Length];
            var reader = new ResourcePayload.Reader(payload.Span);
            for (var i = 0; i < _properties.Length; i++)
            {
                var start = reader.Position;
                reader.SkipProperty(_properties[i].Type);
                ranges[i] = new Range(start, reader.Position);
            }

            buffer.Clear();
            foreach (var source in sources)
            {
                if (source < 0)
                {
                    buffer.WriteByte(ResourcePayload.NoValue);
                }
                else
                {
                    buffer.WriteBytes(payload.Span[ranges[source]]);
                }
            }

            return buffer.WrittenSpan.ToArray();
        };
    }

    private static string Format((string Identifier, PropertyType Type, bool IsMultiValued)[] properties)
        => string.Join(';', properties.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Identifier}:{p.Type}{(p.IsMultiValued ? "*" : string.Empty)}")));
}
