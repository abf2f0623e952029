using System.Globalization;
using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Csv;

/// <summary>A minimal people connector: key EmployeeId, string properties FirstName and LastName, file people.csv.</summary>
internal static class CsvPeople
{
    public const string Header = "EmployeeId,FirstName,LastName";

    public static Connector Build(Action<CsvConnectionOptions>? configure = null, string? baseDirectory = null)
    {
        var builder = PersonConnector.Builder(lastNameRequired: false, people: configure);
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
