using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace HrConnector.Provisioning;

/// <summary>
/// Deterministic order ids, one per logical change: the hash of the record, the kind, the values set, and the link's
/// generation (how many orders were executed on it). The same unfinished change computed on any day, after a crash or
/// after a failure, gets the same id, so it is never two orders; a change made, undone and made again gets a new one.
/// </summary>
internal static class OrderIds
{
    /// <summary>The part of every id that names the connector and the entity type (compared ignoring case): the same for a whole run.</summary>
    public static string Scope(string connector, string entityType)
    {
        var text = new StringBuilder();
        Append(text, connector.ToUpperInvariant());
        Append(text, entityType.ToUpperInvariant());
        return text.ToString();
    }

    public static string Create(string connector, string entityType, string key, OrderKind kind, string? generation, IReadOnlyList<IdentityValueChange> changes, DateTimeOffset? notBefore)
        => Create(Scope(connector, entityType), key, kind, generation, changes, notBefore);

    public static string Create(string scope, string key, OrderKind kind, string? generation, IReadOnlyList<IdentityValueChange> changes, DateTimeOffset? notBefore)
    {
        var text = new StringBuilder(scope);
        Append(text, key);
        Append(text, kind.ToString());
        Append(text, generation ?? string.Empty);
        Append(text, notBefore?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty);
        foreach (var change in changes.OrderBy(c => c.Property, StringComparer.OrdinalIgnoreCase))
        {
            Append(text, change.Property.ToUpperInvariant());
            Append(text, Format(change.NewValue));
        }

        var hash = XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash);
    }

    private static void Append(StringBuilder text, string value) => text.Append(value.Length).Append(':').Append(value).Append('|');

    private static string Format(object? value) => value switch
    {
        null => "\u2400",
        string text => text,
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join("\u001f", items.Cast<object?>().Select(Format).Order(StringComparer.Ordinal)),
        _ => value.ToString() ?? string.Empty,
    };
}
