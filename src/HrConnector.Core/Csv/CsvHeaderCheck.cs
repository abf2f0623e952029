using System.Globalization;

namespace HrConnector.Csv;

/// <summary>
/// The checks of a header row that would quote its cells. A header is configuration, but the first row of a file
/// exported without one is data: when any cell of the row looks like a value (a number or a date, in the invariant
/// culture or the connection's), no cell is quoted and the problem says the row looks like data instead.
/// </summary>
internal static class CsvHeaderCheck
{
    /// <summary>The most duplicate names a message lists; the rest are counted.</summary>
    public const int MaxNamesListed = 10;

    /// <summary>The problem of a first row that reads as data: the file was exported without a header.</summary>
    public const string NoHeader = "the first row looks like data (no header?): some of its cells are numbers or dates; a file without a header needs HasHeader set to false and ColumnNames.";

    /// <summary>Adds a problem for each name the header repeats, each name once, at most <see cref="MaxNamesListed"/> of them.</summary>
    public static void AddDuplicates(IReadOnlyList<string> names, CsvConnection connection, Func<string, string> normalize, List<string> problems)
    {
        var seen = new HashSet<string>(connection.HeaderComparer);
        var duplicates = new HashSet<string>(connection.HeaderComparer);
        var listed = new List<string>();
        foreach (var name in names)
        {
            var key = normalize(name);
            if (name.Length > 0 && !seen.Add(key) && duplicates.Add(key))
            {
                listed.Add(name);
            }
        }

        if (listed.Count == 0)
        {
            return;
        }

        if (names.Any(n => LooksLikeData(n, connection.Culture)))
        {
            problems.Add(NoHeader);
            return;
        }

        foreach (var name in listed.Take(MaxNamesListed))
        {
            problems.Add($"the header names the column '{name}' more than once.");
        }

        if (listed.Count > MaxNamesListed)
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "… and {0:N0} more column names that the header names more than once.", listed.Count - MaxNamesListed));
        }
    }

    /// <summary>Gets a value indicating whether a header cell reads as a value: a number or a date.</summary>
    public static bool LooksLikeData(string cell, CultureInfo culture)
    {
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        const NumberStyles number = NumberStyles.Float | NumberStyles.AllowThousands;
        return double.TryParse(text, number, CultureInfo.InvariantCulture, out _)
            || double.TryParse(text, number, culture, out _)
            || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)
            || DateTime.TryParse(text, culture, DateTimeStyles.AllowWhiteSpaces, out _);
    }
}
