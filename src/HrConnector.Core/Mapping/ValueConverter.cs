using System.Globalization;
using System.Text;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

/// <summary>
/// Converts the UTF-8 text of a field to one typed value of a property and encodes it (see <see cref="ResourcePayload"/>).
/// Built once per property mapping; stateless afterwards, so it can be shared.
/// </summary>
internal sealed class ValueConverter
{
    private static readonly string[] DefaultTrueValues = ["true", "1", "Y", "yes", "T"];
    private static readonly string[] DefaultFalseValues = ["false", "0", "N", "no", "F"];
    private const int MaxStackChars = 256;

    private readonly PropertyType _type;
    private readonly CultureInfo _culture;
    private readonly string[] _formats;
    private readonly FixedDateFormat?[] _fastFormats;
    private readonly byte[][] _trueTokens;
    private readonly byte[][] _falseTokens;
    private readonly byte _decimalSeparator;

    public ValueConverter(PropertyType type, CultureInfo culture, IReadOnlyList<string> formats, IReadOnlyList<string> trueValues, IReadOnlyList<string> falseValues)
    {
        _type = type;
        _culture = culture;
        _formats = [.. formats];
        _fastFormats = [.. _formats.Select(FixedDateFormat.TryCreate)];
        _trueTokens = [.. (trueValues.Count == 0 ? DefaultTrueValues : trueValues).Select(Encoding.UTF8.GetBytes)];
        _falseTokens = [.. (falseValues.Count == 0 ? DefaultFalseValues : falseValues).Select(Encoding.UTF8.GetBytes)];
        var separator = culture.NumberFormat.NumberDecimalSeparator;
        _decimalSeparator = separator.Length == 1 && separator[0] < 128 ? (byte)separator[0] : (byte)0;
    }

    public PropertyType Type => _type;

    /// <summary>Converts and encodes one non-empty value.</summary>
    /// <param name="utf8">The text of the value.</param>
    /// <param name="buffer">Where the value is encoded.</param>
    /// <param name="failure">Why the text is not a value of the type, without the text itself.</param>
    /// <returns>Whether the text is a value of the type.</returns>
    public bool TryWrite(ReadOnlySpan<byte> utf8, PayloadBuffer buffer, out string? failure)
    {
        failure = null;
        switch (_type)
        {
            case PropertyType.String:
                ResourcePayload.WriteString(buffer, utf8);
                return true;
            case PropertyType.Int32:
                if (int.TryParse(utf8, NumberStyles.Integer, _culture, out var int32))
                {
                    buffer.WriteVarInt64(int32);
                    return true;
                }

                failure = "the value is not a whole number between -2147483648 and 2147483647.";
                return false;
            case PropertyType.Int64:
                if (long.TryParse(utf8, NumberStyles.Integer, _culture, out var int64))
                {
                    buffer.WriteVarInt64(int64);
                    return true;
                }

                failure = "the value is not a whole number within the 64-bit range.";
                return false;
            case PropertyType.Decimal:
                if (TryParseSimpleDecimal(utf8, _decimalSeparator, out var number))
                {
                    ResourcePayload.WriteDecimal(buffer, number, normalized: true);
                    return true;
                }

                if (decimal.TryParse(utf8, NumberStyles.Float, _culture, out number))
                {
                    ResourcePayload.WriteDecimal(buffer, number);
                    return true;
                }

                failure = $"the value is not a decimal number in the culture '{CultureName}' (decimal separator '{_culture.NumberFormat.NumberDecimalSeparator}', no thousands separator).";
                return false;
            case PropertyType.Boolean:
                var isTrue = Matches(utf8, _trueTokens);
                if (isTrue || Matches(utf8, _falseTokens))
                {
                    buffer.WriteByte(isTrue ? (byte)1 : (byte)0);
                    return true;
                }

                failure = $"the value is not one of the boolean tokens {Describe(_trueTokens)} (true) or {Describe(_falseTokens)} (false).";
                return false;
            case PropertyType.Date:
                if (TryParseDate(utf8, out var date))
                {
                    ResourcePayload.WriteDate(buffer, date);
                    return true;
                }

                failure = _formats.Length == 0
                    ? "the value is not a date in the format 'yyyy-MM-dd'."
                    : $"the value is not a date in the format(s) {string.Join(", ", _formats.Select(f => $"'{f}'"))}.";
                return false;
            case PropertyType.DateTime:
                if (TryParseDateTime(utf8, out var dateTime))
                {
                    ResourcePayload.WriteDateTime(buffer, dateTime);
                    return true;
                }

                failure = _formats.Length == 0
                    ? $"the value is not a date and time (ISO 8601 such as 2024-01-31T08:30:00Z, or a form of the culture '{CultureName}')."
                    : $"the value is not a date and time in the format(s) {string.Join(", ", _formats.Select(f => $"'{f}'"))}.";
                return false;
            case PropertyType.Guid:
                if (TryParseGuid(utf8, out var guid))
                {
                    ResourcePayload.WriteGuid(buffer, guid);
                    return true;
                }

                failure = "the value is not a GUID.";
                return false;
            default:
                throw new InvalidOperationException($"Unknown property type {_type}.");
        }
    }

    /// <summary>Encodes a value computed in code: text is converted like a column value; other values must have the property's CLR type.</summary>
    public bool TryWriteObject(object value, PayloadBuffer buffer, out string? failure)
    {
        if (value is string text)
        {
            return TryWrite(Encoding.UTF8.GetBytes(text), buffer, out failure);
        }

        var expected = ClrType(_type);
        if (value.GetType() != expected)
        {
            failure = $"the computed value is a {value.GetType().Name}, not a {expected.Name}.";
            return false;
        }

        ResourcePayload.WriteValue(buffer, _type, value);
        failure = null;
        return true;
    }

    /// <summary>Gets the CLR type of the values of a property type.</summary>
    public static Type ClrType(PropertyType type) => type switch
    {
        PropertyType.String => typeof(string),
        PropertyType.Int32 => typeof(int),
        PropertyType.Int64 => typeof(long),
        PropertyType.Decimal => typeof(decimal),
        PropertyType.Boolean => typeof(bool),
        PropertyType.Date => typeof(DateOnly),
        PropertyType.DateTime => typeof(DateTime),
        PropertyType.Guid => typeof(Guid),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown property type."),
    };

    private string CultureName => _culture.Name.Length == 0 ? "invariant" : _culture.Name;

    /// <summary>
    /// Reads the common decimal form — an optional sign, up to 19 digits and one decimal separator — straight from
    /// the bytes, without trailing zeros; anything else (exponents, more digits, a separator that is not one ASCII character) is left to
    /// <see cref="decimal.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out decimal)"/>.
    /// </summary>
    private static bool TryParseSimpleDecimal(ReadOnlySpan<byte> utf8, byte separator, out decimal value)
    {
        value = default;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < utf8.Length; i++)
        {
            var digit = (uint)(utf8[i] - (byte)'0');
            if (digit <= 9)
            {
                if (++digits > 19)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (utf8[i] == separator && separator != 0 && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        // Canonical form: 1.50 is 1.5, as ResourcePayload.WriteDecimal would make it.
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)Math.Max(scale, 0));
        return true;
    }

    private bool TryParseDate(ReadOnlySpan<byte> utf8, out DateOnly date)
    {
        if (_formats.Length == 0)
        {
            return FixedDateFormat.Iso.TryParse(utf8, out date);
        }

        // Formats are tried in their order: the fast parser where a format allows it, the general one otherwise.
        Span<char> chars = stackalloc char[MaxStackChars];
        var length = -1;
        for (var i = 0; i < _formats.Length; i++)
        {
            if (_fastFormats[i] is { } fast)
            {
                if (fast.TryParse(utf8, out date))
                {
                    return true;
                }

                continue;
            }

            if (utf8.Length > MaxStackChars)
            {
                continue;
            }

            if (length < 0)
            {
                length = Encoding.UTF8.GetChars(utf8, chars);
            }

            if (DateOnly.TryParseExact(chars[..length], _formats[i], _culture, DateTimeStyles.None, out date))
            {
                return true;
            }
        }

        date = default;
        return false;
    }

    private bool TryParseDateTime(ReadOnlySpan<byte> utf8, out DateTime value)
    {
        if (_formats.Length == 0 && IsoDateTime.TryParse(utf8, out value))
        {
            return true;
        }

        value = default;
        if (utf8.Length > MaxStackChars)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        return _formats.Length == 0
            ? DateTime.TryParse(text, _culture, styles, out value)
            : DateTime.TryParseExact(text, _formats, _culture, styles, out value);
    }

    private static bool TryParseGuid(ReadOnlySpan<byte> utf8, out Guid value)
    {
        value = default;
        if (utf8.Length > 68)
        {
            return false;
        }

        Span<char> chars = stackalloc char[68];
        return Guid.TryParse(chars[..Encoding.UTF8.GetChars(utf8, chars)], out value);
    }

    private static bool Matches(ReadOnlySpan<byte> utf8, byte[][] tokens)
    {
        var ascii = Ascii.IsValid(utf8);
        foreach (var token in tokens)
        {
            if (ascii
                ? Ascii.EqualsIgnoreCase(utf8, token)
                : string.Equals(Encoding.UTF8.GetString(utf8), Encoding.UTF8.GetString(token), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(byte[][] tokens) => string.Join("/", tokens.Select(Encoding.UTF8.GetString));
}
