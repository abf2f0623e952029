using System.Collections;
using System.Globalization;
using System.Text;

namespace HrConnector.Provisioning;

/// <summary>Compares and normalizes identity values the way the connector does, for hosts that implement <see cref="IIdentityRepository.FindAsync"/>.</summary>
public static class IdentityValues
{
    /// <summary>Determines whether two values are equal: lists as sets, numbers by value, <see langword="null"/> equal to an empty string or an empty list.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    /// <param name="normalization">How strings are normalized before they are compared.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool AreEqual(object? left, object? right, MatchNormalization normalization = MatchNormalization.None)
    {
        left = Canonical(left, normalization);
        right = Canonical(right, normalization);
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left is HashSet<object> leftSet && right is HashSet<object> rightSet)
        {
            return leftSet.SetEquals(rightSet);
        }

        return left.Equals(right);
    }

    /// <summary>Normalizes a text: case folded, diacritics removed, white space collapsed, as asked.</summary>
    /// <param name="value">The text.</param>
    /// <param name="normalization">The normalizations.</param>
    /// <returns>The normalized text.</returns>
    public static string Normalize(string value, MatchNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(value);
        if ((normalization & MatchNormalization.Diacritics) != 0)
        {
            var decomposed = value.Normalize(NormalizationForm.FormD);
            var builder = new StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(c);
                }
            }

            value = builder.ToString().Normalize(NormalizationForm.FormC);
        }

        // Last: removing a diacritic can leave white space to collapse ("a \u0301 b").
        if ((normalization & MatchNormalization.Whitespace) != 0)
        {
            value = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        if ((normalization & MatchNormalization.Case) != 0)
        {
            value = value.ToUpperInvariant();
        }

        return value;
    }

    /// <summary>Turns a value into a form whose <see cref="object.Equals(object)"/> is the comparison wanted.</summary>
    private static object? Canonical(object? value, MatchNormalization normalization)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                var normalized = Normalize(text, normalization);
                return normalized.Length == 0 ? null : normalized;
            case byte or sbyte or short or ushort or int or uint or long or ulong or decimal:
                return Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            case float or double:
                // A double beyond decimal's range (or NaN, an infinity) compares as itself: equal only to the same double.
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(number) && Math.Abs(number) < 7.9e28 ? (decimal)number : number;
            case IEnumerable items:
                var set = new HashSet<object>();
                foreach (var item in items)
                {
                    if (Canonical(item, normalization) is { } canonical)
                    {
                        set.Add(canonical);
                    }
                }

                return set.Count == 0 ? null : set;
            default:
                return value;
        }
    }
}
