using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace HrConnector.Benchmarks;

/// <summary>
/// <c>generate --rows N --out DIR [--seed S]</c> writes an HR feed; anything else goes to BenchmarkDotNet
/// (for example <c>--filter '*RawParse*' --job short</c>).
/// </summary>
public static class Program
{
    private const string GenerateUsage = "usage: generate --rows N --out DIR [--seed S]   (N >= 0; S defaults to 42)";

    public static int Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : null)
        {
            case "generate":
                return Generate(args.AsSpan(1));

            case "read-macro":
                return ReadMacro.Run(args.AsSpan(1));

            case "read-breakdown":
                return ReadBreakdown.Run(args.AsSpan(1));

            case "sync-macro":
                return SyncMacro.RunAsync(args[1..]).GetAwaiter().GetResult();

            case "sqlite-commit":
                return SqliteCommit.RunAsync(args[1..]).GetAwaiter().GetResult();

            case "job-macro":
                return JobMacro.RunAsync(args[1..]).GetAwaiter().GetResult();

            // More commands go here.
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }

    private static int Generate(ReadOnlySpan<string> args)
    {
        int? rows = null;
        string? outDirectory = null;
        int seed = 42;

        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine(GenerateUsage);
                return 0;
            }

            if (i + 1 >= args.Length)
            {
                return Fail($"missing value after '{name}'");
            }

            string value = args[++i];
            switch (name)
            {
                case "--rows":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsedRows))
                    {
                        return Fail($"--rows must be a non-negative integer, not '{value}'");
                    }

                    rows = parsedRows;
                    break;
                case "--out":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return Fail("--out must be a directory path");
                    }

                    outDirectory = value;
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        return Fail($"--seed must be an integer, not '{value}'");
                    }

                    break;
                default:
                    return Fail($"unknown option '{name}'");
            }
        }

        if (rows is null || outDirectory is null)
        {
            return Fail("--rows and --out are required");
        }

        var stopwatch = Stopwatch.StartNew();
        (string peoplePath, string departmentsPath) = HrDataGenerator.WriteFiles(outDirectory, rows.Value, seed);
        stopwatch.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {rows.Value:N0} people (seed {seed}) in {stopwatch.Elapsed.TotalSeconds:F2} s"));
        foreach (string path in new[] { peoplePath, departmentsPath })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}  {new FileInfo(path).Length:N0} bytes"));
        }

        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(GenerateUsage);
        return 1;
    }
}
