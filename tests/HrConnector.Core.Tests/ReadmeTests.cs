using System.Text;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;
using HrConnector.Jobs;

namespace HrConnector.Tests;

/// <summary>The code shown in README.md, run as written against files shaped as the README describes.</summary>
[Collection(SharedRunLock.Name)]
public sealed class ReadmeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-readme-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task BuilderExample_ReadsWindows1252FileFromNewestExport()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), "Code,Name,ParentCode\nD1,Executive,\nD2,Engineering,D1\n");
        Directory.CreateDirectory(Path.Combine(_folder, "exports"));
        var older = Path.Combine(_folder, "exports", "people_20261125.csv");
        var newest = Path.Combine(_folder, "exports", "people_20261126.csv");
        const string header = "Contoso HR export\nGenerated 2026-11-26\nEmployeeId;First Name;Last Name;Birth Date;Hire Date;FTE;Roles;ManagerId;DepartmentCode\n";
        File.WriteAllText(older, header + "E1;Old;Row;01/01/1980;2020-01-01;1;;;D1\n", Encoding.GetEncoding(1252));
        File.WriteAllText(newest, header + "E1;Zoé;Weiß;31/01/1980;2020-02-01;0,8;b|a;;D1\nE2;Jürgen;Müller;01/02/1990;15/03/2021;1;;E1;D2\nE3;Tom;O'Brien;01/01/1990;2021-13-01;1;;E1;D2\n", Encoding.GetEncoding(1252));
        File.SetLastWriteTimeUtc(older, new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(newest, new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc));
        var output = new List<string>();

        // README: "Declare a connector in code", with BaseDirectory pointing at the test folder.
        var connector = new ConnectorBuilder("HR")
            .BaseDirectory(_folder)
            .EntityType("Department", e => e
                .Property("Name", isRequired: true)
                .Navigation("Parent", "Department"))
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName", isRequired: true)
                .Property("DisplayName")
                .Property("BirthDate", PropertyType.Date, isSensitive: true)
                .Property("HireDate", PropertyType.Date)
                .Property("Fte", PropertyType.Decimal)
                .Property("Roles", isMultiValued: true)
                .Navigation("Manager", "Person")
                .Navigation("Department", "Department"))
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .CsvConnection("people", c =>
            {
                c.Directory = "exports";
                c.FileNamePattern = @"^people_\d{8}\.csv$";
                c.Delimiter = ';';
                c.LinesToSkip = 2;
                c.Encoding = "windows-1252";
                c.MaxRejectPercent = 50;
            })
            .Map("Department", "departments", "Code", m => m
                .Column("Name", "Name")
                .Column("Parent", "ParentCode"))
            .Map("Person", "people", "EmployeeId", m => m
                .Column("FirstName", "First Name")
                .Column("LastName", "Last Name")
                .Date("BirthDate", "Birth Date", "dd/MM/yyyy")
                .Date("HireDate", "Hire Date", "yyyy-MM-dd", "dd/MM/yyyy")
                .Column("Fte", "FTE", p => p.Culture = "fr-FR")
                .Column("Roles", "Roles", p => p.Separator = "|")
                .Column("Manager", "ManagerId")
                .Column("Department", "DepartmentCode")
                .Computed("DisplayName", row => $"{row.Get<string>("FirstName")} {row.Get<string>("LastName")}".Trim()))
            .Build();

        MappingResult people = connector.Read("Person");
        foreach (var person in people.Resources)
        {
            output.Add($"{person.Key}: {person.Get<string>("DisplayName")} hired {person.Get<DateOnly>("HireDate"):yyyy-MM-dd}");
        }

        foreach (var reject in people.Rejects)
        {
            output.Add(reject.Message);
        }

        Assert.Equal(
            [
                "E1: Zoé Weiß hired 2020-02-01",
                "E2: Jürgen Müller hired 2021-03-15",
                "people_20261126.csv:6: column 'Hire Date': the value is not a date in the format(s) 'yyyy-MM-dd', 'dd/MM/yyyy'.",
            ],
            output);
        Assert.Equal(0.8m, people.Resources[0]["Fte"]);

        // README: "Synchronize".
        var store = new HrConnector.Synchronization.InMemoryResourceStore();
        var job = new SynchronizationJob(connector, store);
        JobResult preview = await job.RunAsync(JobRequest.Preview);
        HrConnector.Synchronization.SyncPlan plan = preview.Plan!;
        foreach (var change in plan["Person"].Updates)
        {
            foreach (var property in change.Changes)
            {
                output.Add($"{change.Key}: {property.Property} {property.OldValue} → {property.NewValue}");
            }
        }

        File.WriteAllText(Path.Combine(_folder, "plan.json"), preview.PlanToJson());
        JobResult synced = await job.RunAsync(JobRequest.Apply);
        Assert.Equal(JobStatus.SucceededWithWarnings, synced.Status);           // the row with a bad date is rejected
        Assert.Equal(["E1", "E2"], plan["Person"].Inserts.Select(i => i.Key));
        Assert.Contains("\"BirthDate\": \"***\"", File.ReadAllText(Path.Combine(_folder, "plan.json")), StringComparison.Ordinal);

        // README: "Unit-test your mapping without files".
        var result = connector.MapRow("Person", new Dictionary<string, string?>
        {
            ["EmployeeId"] = "E1", ["First Name"] = "Zoé", ["Last Name"] = "Müller", ["Birth Date"] = "31/02/1980",
            ["Hire Date"] = "2020-01-01", ["FTE"] = "0,8", ["Roles"] = "b|a", ["ManagerId"] = null, ["DepartmentCode"] = "D1",
        });
        Assert.Equal(RejectReason.InvalidValue, Assert.Single(result.Rejects).Reason);
    }

    [Fact]
    public void QuickStartSample_ReadsBothFilesWithOneReject()
    {
        // The committed sample, copied into the test output at build time (tests/Samples.targets).
        var options = ConnectorConfiguration.ReadJsonFile(Path.Combine(Shared.SampleFiles.Folder("QuickStart"), "connector.json"));
        var connector = Connector.Create(options);

        var results = connector.ReadAll();

        Assert.Equal(["Department", "Person"], results.Select(r => r.EntityType.Identifier));
        Assert.Equal(5, results[0].Resources.Count);
        Assert.Equal(6, results[1].Resources.Count);
        var reject = Assert.Single(results[1].Rejects);
        Assert.Equal("people.csv:9: column 'Birth Date': the value is not a date in the format(s) 'dd/MM/yyyy'.", reject.Message);
    }
}
