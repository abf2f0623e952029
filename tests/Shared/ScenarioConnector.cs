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
