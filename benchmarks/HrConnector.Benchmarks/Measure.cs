using System.Diagnostics;
using System.Globalization;
using CsvHelper;

namespace HrConnector.Benchmarks;

/// <summary>What the macro runners share: their arguments, the raw CsvHelper baseline and a stopwatch.</summary>
public static class Measure
{
    /// <summary>Parses every field of every record of a file into a string: the baseline every ratio is taken against.</summary>
    /// <returns>The sum of the string lengths, so that nothing can be elided.</returns>
    public static long RawParse(string path)
    {
        long total = 0;
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',' });
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                total += reader.GetString(i).Length;
            }
        }

        return total;
    }

    /// <summary>Reads <c>--rows N [--dir DIR]</c>; prints the usage of <paramref name="command"/> and returns false when they are wrong.</summary>
    public static bool TryParseRowsAndDirectory(ReadOnlySpan<string> args, string command, out int rows, out string? directory)
    {
        rows = 1_000_000;
        directory = null;
        var ok = args.Length % 2 == 0;
        for (var i = 0; ok && i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rows" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    rows = parsed;
                    break;
                case "--dir":
                    directory = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine($"error: unknown or bad option '{args[i]} {args[i + 1]}'");
                    ok = false;
                    break;
            }
        }

        if (!ok)
        {
            Console.Error.WriteLine($"usage: {command} --rows N [--dir DIR]");
        }

        return ok;
    }

    /// <summary>Runs <paramref name="action"/> once and returns how long it took, in seconds.</summary>
    public static double Seconds(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    }
}
