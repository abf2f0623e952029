using System.Globalization;
using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Csv;

/// <summary>A folder of its own under the temp path, for one test; deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Root = Directory.CreateTempSubdirectory("hrconnector-csv-").FullName;

    /// <summary>Gets the full path of the folder.</summary>
    public string Root { get; }

    /// <summary>Writes bytes to a file of the folder (sub-folders created) and returns its full path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes text as UTF-8 without a byte order mark and returns the full path.</summary>
    public string WriteUtf8(string name, string text) => Write(name, new UTF8Encoding(false).GetBytes(text));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

/// <summary>A minimal people connector: key EmployeeId, string properties FirstName and LastName, file people.csv.</summary>
internal static class CsvPeople
{
    public const string Header = "EmployeeId,FirstName,LastName";

    public static Connector Build(Action<CsvConnectionOptions>? configure = null, string? baseDirectory = null)
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Person", e => e.Property("FirstName").Property("LastName"))
            .CsvConnection("people", c =>
            {
                c.Path = "people.csv";
                configure?.Invoke(c);
            })
            .Map("Person", "people", "EmployeeId", m => m.Column("FirstName", "FirstName").Column("LastName", "LastName"));
        if (baseDirectory is not null)
        {
            builder.BaseDirectory(baseDirectory);
        }

        return builder.Build();
    }

    /// <summary>Describes the resources as "line:key:FirstName:LastName" joined by " | ", null shown as ∅.</summary>
    public static string Describe(MappingResult result)
        => string.Join(" | ", result.Resources.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{r.Line}:{r.Key}:{r["FirstName"] ?? "∅"}:{r["LastName"] ?? "∅"}")));

    /// <summary>Describes the rejects as "line:column:reason:key" joined by " | ", null shown as ∅.</summary>
    public static string DescribeRejects(IEnumerable<Reject> rejects)
        => string.Join(" | ", rejects.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{r.Line}:{r.Column ?? "∅"}:{r.Reason}:{r.Key ?? "∅"}")));
}
