using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HrConnector.Sqlite;

/// <summary>
/// Identity values as typed JSON, so that a value comes back with the type it went in with: a string is a JSON string,
/// a Boolean a JSON Boolean, <see langword="null"/> a JSON null, a list a JSON array, and every other type an object
/// with one member naming the type: <c>{"i":5}</c> (int), <c>{"l":5}</c> (long), <c>{"m":"1.50"}</c> (decimal),
/// <c>{"f":1.5}</c> (double), <c>{"d":"2026-01-05"}</c> (DateOnly), <c>{"t":"…"}</c> (DateTime, round-trip format with
/// its kind), <c>{"o":"…"}</c> (DateTimeOffset), <c>{"g":"…"}</c> (Guid).
/// </summary>
internal static class TypedValues
{
    [ThreadStatic]
    private static List<(byte[] Utf8, string Name)>? s_names;

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                Tagged(writer, "i").WriteNumberValue(number);
                writer.WriteEndObject();
                break;
            case long number:
                Tagged(writer, "l").WriteNumberValue(number);
                writer.WriteEndObject();
                break;
            case decimal number:
                Tagged(writer, "m").WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case double number:
                Tagged(writer, "f").WriteStringValue(number.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case DateOnly date:
                Tagged(writer, "d").WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case DateTime time:
                Tagged(writer, "t").WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case DateTimeOffset time:
                Tagged(writer, "o").WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case Guid id:
                Tagged(writer, "g").WriteStringValue(id.ToString("D"));
                writer.WriteEndObject();
                break;
            case byte or sbyte or short or ushort:
                Tagged(writer, "i").WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            case uint number:
                Write(writer, (long)number);
                break;
            case ulong number:
                Write(writer, (decimal)number);
                break;
            case float number:
                Write(writer, (double)number);
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // The type, never the value: values are personal data.
                throw new NotSupportedException($"An identity value of type '{value.GetType().FullName}' cannot be stored: use a string, a number, a Boolean, a DateOnly, a DateTime, a Guid or a list of those.");
        }
    }

    public static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.StartArray:
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }

                return items.AsReadOnly();
            case JsonTokenType.StartObject:
                reader.Read();
                var tag = reader.GetString();
                reader.Read();
                object? value = tag switch
                {
                    "i" => reader.GetInt32(),
                    "l" => reader.GetInt64(),
                    "m" => decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                    "f" => double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
                    "d" => DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "t" => DateTime.ParseExact(reader.GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    "o" => DateTimeOffset.ParseExact(reader.GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    "g" => Guid.ParseExact(reader.GetString()!, "D"),
                    _ => throw new JsonException($"Unknown identity value tag '{tag}'."),
                };
                reader.Read();
                return value;
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} in an identity value.");
        }
    }

    /// <summary>Writes a property bag as one JSON object.</summary>
    public static string WriteProperties(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WritePropertyName(name);
                Write(writer, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a property bag written by <see cref="WriteProperties"/> into a case-insensitive dictionary (as Core's repository keeps them).</summary>
    public static Dictionary<string, object?> ReadProperties(string json) => ReadProperties(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads properties from the UTF-8 bytes of their JSON (a TEXT column read as bytes: no string in between).</summary>
    public static Dictionary<string, object?> ReadProperties(ReadOnlySpan<byte> utf8)
    {
        var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            properties[name] = Read(ref reader);
        }

        return properties;
    }

    /// <summary>
    /// The name of a property, shared between identities: a scan of a million identities read eight million names that
    /// are the same eight strings (the names are few; they are compared as UTF-8 before a string is made).
    /// </summary>
    private static string PropertyName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!;
        }

        var names = s_names ??= [];
        var span = reader.ValueSpan;
        foreach (var (utf8, known) in names)
        {
            if (span.SequenceEqual(utf8))
            {
                return known;
            }
        }

        var name = reader.GetString()!;
        if (names.Count < 64)
        {
            names.Add((span.ToArray(), name));
        }

        return name;
    }

    private static Utf8JsonWriter Tagged(Utf8JsonWriter writer, string tag)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(tag);
        return writer;
    }
}
