using System.Globalization;
using System.Text;
using HrConnector.Modeling;
using HrConnector.Provisioning;

namespace HrConnector.Testing.Tests;

/// <summary>The connector of these tests: people (provisioned as identities) and departments.</summary>
internal static class Hr
{
    public const string PeopleHeader = "Id,First,Last,Title,Birth";

    public const string Departments = "Code,Name\nD1,Executive\nD2,Engineering\n";

    /// <summary>A people file: the header, then every row on its own line.</summary>
    public static string People(params string[] rows)
    {
        var text = new StringBuilder(PeopleHeader).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A row of the people file: E{n}.</summary>
    public static string Person(int n, string title = "Analyst", string birth = "1990-01-01")
        => string.Create(CultureInfo.InvariantCulture, $"E{n},First{n},Last{n},{title},{birth}");

    /// <summary>The connector; thresholds off unless asked, provisioning to the repository, to workflows, or none.</summary>
    public static Connector Create(ProvisioningTarget? target = ProvisioningTarget.Repository, bool thresholds = false)
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Department", e => e.Property("Name"))
            .EntityType("Person", e => e.Property("FirstName").Property("LastName", isRequired: true).Property("Title").Property("BirthDate", PropertyType.Date, isSensitive: true))
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Department", "departments", "Code", m => m.Column("Name", "Name"))
            .Map("Person", "people", "Id", m => m.Column("FirstName", "First").Column("LastName", "Last").Column("Title", "Title").Date("BirthDate", "Birth", "yyyy-MM-dd"));
        if (!thresholds)
        {
            var t = builder.Options.Thresholds;
            (t.MaxInserted, t.MaxUpdated, t.MaxDeleted) = (0, 0, 0);
            (t.MaxInsertedPercent, t.MaxUpdatedPercent, t.MaxDeletedPercent) = (0, 0, 0);
        }

        if (target is { } provisioningTarget)
        {
            var provisioning = new ProvisioningOptions { EntityType = "Person", Target = provisioningTarget };
            provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "FirstName" });
            provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "LastName" });
            provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "Title" });
            builder.Options.Provisioning = provisioning;
        }

        return builder.Build();
    }

    /// <summary>An order of the Person entity type, for launcher tests.</summary>
    public static ProvisioningOrder Order(string id, OrderKind kind = OrderKind.Added, string key = "E1", string? identityId = null)
        => new(id, "HR", "Person", key, kind, identityId, "HR_Onboarding", [new IdentityValueChange("Title", null, "Analyst", OwnershipPolicy.OnChange)], "run1", FakeClock.DefaultStart);
}
