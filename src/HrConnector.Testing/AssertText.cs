using System.Collections;
using System.Globalization;
using HrConnector.Modeling;

namespace HrConnector.Testing;

/// <summary>How assertion messages quote values and lists, culture-invariant.</summary>
internal static class AssertText
{
    private const int MaxListed = 10;

    /// <summary>Quotes a value, or says it is hidden when the property is sensitive.</summary>
    public static string Value(object? value, EntityProperty? property)
        => property is { IsSensitive: true } ? "(hidden: sensitive property)" : Value(value);

    public static string Value(object? value) => value switch
    {
        null => "null",
        string text => "'" + text + "'",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Lists keys or items, the first ten and a count of the others.</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        if (all.Count == 0)
        {
            return "none";
        }

        var shown = string.Join(", ", all.Take(MaxListed));
        return all.Count > MaxListed ? string.Create(CultureInfo.InvariantCulture, $"{shown} and {all.Count - MaxListed} more") : shown;
    }

    /// <summary>The message of a comparison of two sets of keys: what is missing, what is unexpected.</summary>
    public static string? Difference(IReadOnlyCollection<string> expected, IReadOnlyCollection<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add("missing " + List(missing));
        }

        if (unexpected.Count > 0)
        {
            parts.Add("unexpected " + List(unexpected));
        }

        return string.Join("; ", parts) + ".";
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
