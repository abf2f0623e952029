using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace HrConnector.Benchmarks;

/// <summary>
/// Reading the people file of <see cref="HrDataGenerator"/>. <see cref="RawParse"/> is the floor: what
/// CsvHelper costs to turn every field into a string, before any mapping.
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private HrConnector.Connector? _connector;

    [Params(100_000)]
    public int Rows { get; set; }

    /// <summary>The people file, set by <see cref="Setup"/>.</summary>
    public string PeoplePath { get; private set; } = string.Empty;

    /// <summary>The departments file, set by <see cref="Setup"/>.</summary>
    public string DepartmentsPath { get; private set; } = string.Empty;

    /// <summary>
    /// Writes the files into <c>{temp}/hrconnector-bench/{Rows}</c> unless a previous run left them there
    /// (generation is deterministic, so files with the expected header and row count are reused).
    /// Delete that folder after changing <see cref="HrDataGenerator"/>.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        string directory = Path.Combine(Path.GetTempPath(), "hrconnector-bench", Rows.ToString(CultureInfo.InvariantCulture));
        string peoplePath = Path.Combine(directory, HrDataGenerator.PeopleFileName);
        string departmentsPath = Path.Combine(directory, HrDataGenerator.DepartmentsFileName);

        if (!IsUpToDate(peoplePath, departmentsPath, Rows))
        {
            (peoplePath, departmentsPath) = HrDataGenerator.WriteFiles(directory, Rows);
        }

        PeoplePath = peoplePath;
        DepartmentsPath = departmentsPath;
        _connector = BenchmarkConnector.Create(PeoplePath, DepartmentsPath);
    }

    /// <summary>Every field of every record as a string; returns the sum of their lengths so that nothing is elided.</summary>
    [Benchmark(Baseline = true)]
    public long RawParse() => Measure.RawParse(PeoplePath);

    /// <summary>Read and map every row to a typed resource with HrConnector.Core (the target: at most 1.3× <see cref="RawParse"/>).</summary>
    [Benchmark]
    public int ReadAndMap()
    {
        var result = _connector!.Read("Person");
        return result.Resources.Count + result.Rejects.Count;
    }

    private static bool IsUpToDate(string peoplePath, string departmentsPath, int rows)
    {
        if (!File.Exists(peoplePath) || !File.Exists(departmentsPath))
        {
            return false;
        }

        using var stream = new FileStream(peoplePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[1 << 20];

        // The header must be the current one (a file from an older generator with other columns is rewritten).
        string expectedHeader = string.Join(',', HrDataGenerator.PeopleColumns) + "\n";
        int read = stream.ReadAtLeast(buffer, expectedHeader.Length, throwOnEndOfStream: false);
        if (!buffer.AsSpan(0, read).StartsWith(System.Text.Encoding.UTF8.GetBytes(expectedHeader)))
        {
            return false;
        }

        // No generated field contains a line break: one line per record, plus the header.
        long lines = 0;
        while (read > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            read = stream.Read(buffer);
        }

        return lines == rows + 1L;
    }
}
