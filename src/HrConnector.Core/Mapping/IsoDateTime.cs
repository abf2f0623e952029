namespace HrConnector.Mapping;

/// <summary>
/// Parses the ISO 8601 date-times that HR exports write — <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of up
/// to 7 digits, an optional <c>Z</c> or <c>±HH:mm</c> offset — straight from UTF-8 bytes. A zone gives a UTC value,
/// no zone an unspecified one, as <see cref="System.Globalization.DateTimeStyles.AdjustToUniversal"/> does. Other
/// forms are left to the general parser.
/// </summary>
internal static class IsoDateTime
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTime value)
    {
        value = default;
        if (utf8.Length < 19 || utf8[4] != '-' || utf8[7] != '-' || (utf8[10] != 'T' && utf8[10] != ' ') || utf8[13] != ':' || utf8[16] != ':'
            || !Utf8Digits.TryParse(utf8[..4], out var year) || !Utf8Digits.TryParse(utf8.Slice(5, 2), out var month) || !Utf8Digits.TryParse(utf8.Slice(8, 2), out var day)
            || !Utf8Digits.TryParse(utf8.Slice(11, 2), out var hour) || !Utf8Digits.TryParse(utf8.Slice(14, 2), out var minute) || !Utf8Digits.TryParse(utf8.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = utf8[19..];
        long fractionTicks = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            var digits = 0;
            rest = rest[1..];
            while (!rest.IsEmpty && (uint)(rest[0] - '0') <= 9)
            {
                if (++digits > 7)
                {
                    return false;
                }

                fractionTicks = (fractionTicks * 10) + (rest[0] - '0');
                rest = rest[1..];
            }

            if (digits == 0)
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        if (rest.IsEmpty)
        {
            value = new DateTime(ticks, DateTimeKind.Unspecified);
            return true;
        }

        if (rest.Length == 1 && rest[0] == 'Z')
        {
            value = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }

        if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':'
            && Utf8Digits.TryParse(rest.Slice(1, 2), out var offsetHours) && Utf8Digits.TryParse(rest.Slice(4, 2), out var offsetMinutes) && offsetHours <= 14 && offsetMinutes <= 59)
        {
            var offset = TimeSpan.FromMinutes((offsetHours * 60) + offsetMinutes).Ticks;
            var utc = rest[0] == '+' ? ticks - offset : ticks + offset;
            if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            value = new DateTime(utc, DateTimeKind.Utc);
            return true;
        }

        return false;
    }
}
