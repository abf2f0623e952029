using HrConnector.Modeling;
using HrConnector.Provisioning;

namespace HrConnector.Tests.Shared;

/// <summary>
/// The connector of the provisioning scenarios shared by the Core and SQLite test projects (linked into both): people
/// and departments, every ownership policy, correlation on the mail, leavers deactivated then deleted after 30 days,
/// joiners provisioned from 7 days before their start, thresholds by percent off (a handful of people).
/// </summary>
internal static class ScenarioConnector
{
    public const string DepartmentsHeader = "Code,Name";
    public const string PeopleHeader = "EmployeeId,FirstName,LastName,Email,Title,Phone,CostCenter,StartDate,ManagerId,DepartmentCode";

    public static Connector Build(Action<ProvisioningBuilder>? provisioning = null)
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Department", e => e.Property("Name", isRequired: true))
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName", isRequired: true)
                .Property("Email")
                .Property("Title")
                .Property("Phone")
                .Property("CostCenter")
                .Property("StartDate", PropertyType.Date)
                .Navigation("Manager", "Person")
                .Navigation("Department", "Department"))
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Department", "departments", "Code", m => m.Column("Name", "Name"))
            .Map("Person", "people", "EmployeeId", m => m
                .Column("FirstName", "FirstName")
                .Column("LastName", "LastName")
                .Column("Email", "Email")
                .Column("Title", "Title")
                .Column("Phone", "Phone")
                .Column("CostCenter", "CostCenter")
                .Date("StartDate", "StartDate", "yyyy-MM-dd")
                .Column("Manager", "ManagerId")
                .Column("Department", "DepartmentCode"))
            .Provision("Person", p =>
            {
                p.Property("FirstName", policy: OwnershipPolicy.Authoritative)
                    .Property("LastName", policy: OwnershipPolicy.Authoritative)
                    .Property("Mail", "Email")
                    .Property("Title")
                    .Property("Phone", policy: OwnershipPolicy.InitialOnly)
                    .Property("CostCenter", policy: OwnershipPolicy.Ignored)
                    .Property("Department")
                    .Property("Manager")
                    .Correlate("Email", "Mail", normalization: MatchNormalization.Case | MatchNormalization.Whitespace)
                    .Leavers(LeaverAction.Deactivate, deleteAfterDays: 30)
                    .StartDate("StartDate", preStartDays: 7);
                p.Options.Retry.Delay = TimeSpan.Zero;
                p.Options.Retry.MaxDelay = TimeSpan.Zero;
                provisioning?.Invoke(p);
            });

        // A company of a handful of people: one leaver is 20% of the population, over the default 5% threshold.
        builder.Options.Thresholds.MaxInsertedPercent = 0;
        builder.Options.Thresholds.MaxUpdatedPercent = 0;
        builder.Options.Thresholds.MaxDeletedPercent = 0;
        return builder.Build();
    }
}

/// <summary>The rows of the scenario company, day by day.</summary>
internal static class ScenarioRows
{
    public const string Departments = "IT,Information technology\nSALES,Sales";
    public const string Alice = "E1,Alice,Martin,alice@corp.example,Engineer,111,CC1,2025-03-01,,IT";
    public const string Bob = "E2,Bob,Stone,bob@corp.example,Developer,222,CC1,2026-01-05,,IT";
    public const string Carol = "E3,Carol,King,carol@corp.example,Analyst,333,CC2,2026-01-01,E2,IT";
    public const string Dan = "E4,Dan,Ray,dan@corp.example,Tester,444,CC2,2025-06-01,E2,SALES";
    public const string Eve = "E5,Eve,Lowe,eve@corp.example,Designer,555,CC3,2026-02-04,E2,SALES";

    /// <summary>Day 2: Carol moves (department, manager) and HR changes her phone.</summary>
    public const string CarolMoved = "E3,Carol,King,carol@corp.example,Analyst,999,CC2,2026-01-01,E4,SALES";

    /// <summary>Day 3: HR changes Bob's title.</summary>
    public const string BobPromoted = "E2,Bob,Stone,bob@corp.example,Lead,222,CC1,2026-01-05,,IT";

    /// <summary>Day 3: Alice is rehired with a new title.</summary>
    public const string AliceBack = "E1,Alice,Martin,alice@corp.example,Senior Engineer,111,CC1,2025-03-01,,IT";
}

/// <summary>What the scenarios read back from the journal and the repository after a run.</summary>
internal static class ScenarioReads
{
    public static async Task<IReadOnlyList<IdentityLink>> LinksAsync(IProvisioningJournal journal)
        => await journal.ReadLinksAsync("HR").ToListAsync();

    public static async Task<IReadOnlyList<JournalEntry>> EntriesAsync(IProvisioningJournal journal)
        => await journal.ReadAsync("HR", openOnly: false).ToListAsync();

    /// <summary>The identity linked to an HR record.</summary>
    public static async Task<Identity> IdentityOfAsync(IProvisioningJournal journal, IIdentityRepository repository, string key, string connector = "HR")
    {
        var link = (await journal.ReadLinksAsync(connector).ToListAsync()).SingleOrDefault(l => l.ResourceKey == key) ?? throw new InvalidOperationException($"No link for {key}.");
        return await repository.GetAsync(link.IdentityId) ?? throw new InvalidOperationException($"No identity for {key}.");
    }
}
