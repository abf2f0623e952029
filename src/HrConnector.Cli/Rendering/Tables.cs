using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HrConnector.Cli.Rendering;

/// <summary>One look for every table: rounded borders, numbers right-aligned, text never read as markup.</summary>
internal static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().RoundedBorder();
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>A table whose columns after the first <paramref name="textColumns"/> hold numbers.</summary>
    public static Table CreateNumeric(int textColumns, params string[] columns)
    {
        var table = Create(columns);
        for (var i = textColumns; i < columns.Length; i++)
        {
            table.Columns[i].RightAligned();
        }

        return table;
    }

    public static IRenderable Cell(string? text) => new Text(text ?? string.Empty);

    public static IRenderable Number(long? value) => new Text(value?.ToString("N0", CultureInfo.InvariantCulture) ?? "–");

    public static IRenderable Time(DateTimeOffset time) => new Text(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
