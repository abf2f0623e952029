using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using HrConnector.Csv;
using HrConnector.Mapping;

namespace HrConnector.Benchmarks;

/// <summary>
/// <c>read-breakdown --rows N</c>: where the time of a read goes, layer by layer, on the generated people file (best
/// of five runs each): CsvHelper alone, the connector's CSV layer, keys, then the full mapping.
/// <c>read-breakdown --rows N --map-only</c> just reads the file twenty times, for a profiler (dotnet-trace).
/// </summary>
public static class ReadBreakdown
{
    public static int Run(ReadOnlySpan<string> args)
    {
        var rows = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var directory = Path.Combine(Path.GetTempPath(), "hrconnector-bench", rows.ToString(CultureInfo.InvariantCulture));
        var (people, departments) = File.Exists(Path.Combine(directory, HrDataGenerator.PeopleFileName))
            ? (Path.Combine(directory, HrDataGenerator.PeopleFileName), Path.Combine(directory, HrDataGenerator.DepartmentsFileName))
            : HrDataGenerator.WriteFiles(directory, rows);
        var connector = BenchmarkConnector.Create(people, departments);
        var connection = connector.GetMapping("Person").Connection;
        if (args.Length == 3 && args[2] == "--map-only")
        {
            for (var run = 0; run < 20; run++)
            {
                connector.Read("Person");
            }

            return 0;
        }

        Report("csvhelper strings", () => Measure.RawParse(people));
        Report("csvhelper spans", () =>
        {
            long total = 0;
            using var reader = CsvReader.FromFile(people, new CsvReaderOptions { Separator = ',' });
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    total += reader.GetSpan(i).Length;
                }
            }

            return total;
        });
        var ours = new CsvReaderOptions
        {
            Separator = ',', HasHeader = false, TrackLineNumbers = true, TrimWhitespace = false, DetectSeparatorHint = false,
            IncludeValuesInExceptions = false, MalformedData = CsvMalformedDataHandling.Skip, MaxRecordSize = CsvDefaults.MaxRecordBytes,
            OnMalformedRecord = _ => { },
        };
        foreach (var (name, options) in new[]
        {
            ("spans, our options", ours),
            ("  + CsvHelper trimming", ours with { TrimWhitespace = true }),
            ("  - malformed detection", ours with { OnMalformedRecord = null, MalformedData = CsvMalformedDataHandling.Recover }),
        })
        {
            Report(name, () =>
            {
                long total = 0;
                using var reader = CsvReader.Create(File.OpenRead(people), options, leaveOpen: false);
                while (reader.Read())
                {
                    total += reader.LineNumber > 0 ? 1 : 0;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        total += reader.GetSpan(i).Length;
                    }
                }

                return total;
            });
        }

        Report("  + UTF-8 validation", () =>
        {
            long total = 0;
            using var reader = CsvReader.Create(File.OpenRead(people), ours, leaveOpen: false);
            while (reader.Read())
            {
                total += System.Text.Unicode.Utf8.IsValid(reader.RawRecord) ? 1 : 0;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    total += reader.GetSpan(i).Length;
                }
            }

            return total;
        });
        Report("connector csv layer", () =>
        {
            long total = 0;
            using var stream = File.OpenRead(people);
            var sink = new RejectSink("Person", people, "people.csv", connection, ReadOptions.Default, enforceLimits: false);
            using var reader = CsvRecordReader.Open(stream, connection, sink);
            while (reader.Read())
            {
                for (var i = 0; i < reader.Headers.Count; i++)
                {
                    total += reader.GetField(i).Length;
                }
            }

            return total;
        });
        Report("csv layer + keys", () =>
        {
            using var stream = File.OpenRead(people);
            var sink = new RejectSink("Person", people, "people.csv", connection, ReadOptions.Default, enforceLimits: false);
            using var reader = CsvRecordReader.Open(stream, connection, sink);
            var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            while (reader.Read())
            {
                keys[Encoding.UTF8.GetString(reader.GetField(0))] = reader.GetField(1).ToArray();
            }

            return keys.Count;
        });
        Report("full read + map", () => connector.Read("Person").Resources.Count);
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var pause = GC.GetTotalPauseDuration();
        var result = connector.Read("Person");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one read: allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:F1} MB, gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, GC pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F1} ms, resources {result.Resources.Count}"));
        return 0;
    }

    private static void Report(string name, Func<long> action)
    {
        action();
        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {best,8:F1} ms"));
    }
}
