namespace HrConnector.Mapping;

/// <summary>Reads a fixed number of ASCII digits from UTF-8 bytes, for the fast date parsers.</summary>
internal static class Utf8Digits
{
    public static bool TryParse(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
