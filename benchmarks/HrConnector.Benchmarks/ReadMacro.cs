using System.Diagnostics;
using System.Globalization;

namespace HrConnector.Benchmarks;

/// <summary>
/// <c>read-macro --rows N [--dir DIR]</c>: generates (or reuses) an N-row HR file, then in one process times a raw
/// CsvHelper parse of every field and the read + map of HrConnector.Core, and prints one line:
/// <c>rows=… raw_parse_s=… read_map_s=… ratio=… peak_mb=… resources=… rejects=…</c>. Each is run twice and the
/// faster run is kept, so that the first run's JIT and file-cache warm-up do not count.
/// </summary>
public static class ReadMacro
{
    public static int Run(ReadOnlySpan<string> args)
    {
        if (!Measure.TryParseRowsAndDirectory(args, "read-macro", out var rows, out var directory))
        {
            return 1;
        }

        directory ??= Path.Combine(Path.GetTempPath(), "hrconnector-bench", rows.ToString(CultureInfo.InvariantCulture));
        var people = Path.Combine(directory, HrDataGenerator.PeopleFileName);
        var departments = Path.Combine(directory, HrDataGenerator.DepartmentsFileName);
        if (!File.Exists(people) || !File.Exists(departments))
        {
            HrDataGenerator.WriteFiles(directory, rows);
        }

        var connector = BenchmarkConnector.Create(people, departments);
        var raw = Math.Min(Measure.Seconds(() => Measure.RawParse(people)), Measure.Seconds(() => Measure.RawParse(people)));
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        Mapping.MappingResult? result = null;
        var map = Measure.Seconds(() => result = connector.Read("Person"));
        var retainedMb = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024.0);
        GC.KeepAlive(result);
        result = null;
        map = Math.Min(map, Measure.Seconds(() => result = connector.Read("Person")));
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={rows} raw_parse_s={raw:F3} read_map_s={map:F3} ratio={map / raw:F2} retained_mb={retainedMb:F0} peak_mb={peakMb:F0} resources={result!.Resources.Count} rejects={result.Rejects.Count}"));
        return 0;
    }
}
