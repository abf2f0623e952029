namespace HrConnector.Mapping;

/// <summary>
/// A date format made only of <c>yyyy</c>, <c>MM</c>, <c>dd</c> and one-character separators (yyyy-MM-dd,
/// dd/MM/yyyy, yyyyMMdd…), parsed straight from UTF-8 bytes: the common HR formats without the cost of the general
/// parser. Any other format is left to <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, string[], IFormatProvider, System.Globalization.DateTimeStyles, out DateOnly)"/>.
/// </summary>
internal sealed class FixedDateFormat
{
    private readonly int _year;
    private readonly int _month;
    private readonly int _day;
    private readonly byte[] _literals;
    private readonly int _length;

    private FixedDateFormat(int year, int month, int day, byte[] literals, int length)
    {
        _year = year;
        _month = month;
        _day = day;
        _literals = literals;
        _length = length;
    }

    public static FixedDateFormat Iso { get; } = TryCreate("yyyy-MM-dd")!;

    /// <summary>Creates the fast parser of a format, or returns <see langword="null"/> when the format has other parts.</summary>
    public static FixedDateFormat? TryCreate(string format)
    {
        int year = -1, month = -1, day = -1;
        var literals = new byte[format.Length];
        var i = 0;
        while (i < format.Length)
        {
            if (string.CompareOrdinal(format, i, "yyyy", 0, 4) == 0 && year < 0)
            {
                year = i;
                i += 4;
            }
            else if (string.CompareOrdinal(format, i, "MM", 0, 2) == 0 && month < 0 && (i + 2 == format.Length || format[i + 2] != 'M'))
            {
                month = i;
                i += 2;
            }
            else if (string.CompareOrdinal(format, i, "dd", 0, 2) == 0 && day < 0 && (i + 2 == format.Length || format[i + 2] != 'd'))
            {
                day = i;
                i += 2;
            }
            else if (format[i] is '-' or '/' or '.' or ' ' or '_')
            {
                literals[i] = (byte)format[i];
                i++;
            }
            else
            {
                return null;
            }
        }

        return year >= 0 && month >= 0 && day >= 0 ? new FixedDateFormat(year, month, day, literals, format.Length) : null;
    }

    public bool TryParse(ReadOnlySpan<byte> utf8, out DateOnly date)
    {
        date = default;
        if (utf8.Length != _length)
        {
            return false;
        }

        for (var i = 0; i < _length; i++)
        {
            if (_literals[i] != 0 && utf8[i] != _literals[i])
            {
                return false;
            }
        }

        if (!Utf8Digits.TryParse(utf8.Slice(_year, 4), out var year)
            || !Utf8Digits.TryParse(utf8.Slice(_month, 2), out var month)
            || !Utf8Digits.TryParse(utf8.Slice(_day, 2), out var day)
            || year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
