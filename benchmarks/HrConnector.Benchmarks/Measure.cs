using System.Diagnostics;
using CsvHelper;

namespace HrConnector.Benchmarks;

/// <summary>What the macro runners share: the raw CsvHelper baseline and a stopwatch.</summary>
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

    /// <summary>Runs <paramref name="action"/> once and returns how long it took, in seconds.</summary>
    public static double Seconds(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    }
}
