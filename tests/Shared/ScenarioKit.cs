using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;

namespace HrConnector.Tests.Shared;

/// <summary>The departments a <see cref="PersonConnector"/> declares beside its people.</summary>
internal enum DepartmentShape
{
    /// <summary>People only: no department entity type, no Manager or Department navigation.</summary>
    None,

    /// <summary>Departments with a name (key Code), and the Manager and Department navigations of a person.</summary>
    Flat,

    /// <summary>As <see cref="Flat"/>, with a Parent navigation read from ParentCode.</summary>
    Tree,
}

/// <summary>One property of Person and the column of the people file that fills it (the column defaults to the property).</summary>
internal sealed record PersonColumn(
    string Property,
    string? Column = null,
    PropertyType Type = PropertyType.String,
    bool IsRequired = false,
    bool IsSensitive = false,
    bool IsMultiValued = false,
    string[]? Formats = null,
    Action<PropertyMappingOptions>? Mapping = null)
{
    /// <summary>A date read with the given formats, tried in order.</summary>
    public static PersonColumn Date(string property, params string[] formats) => new(property, Type: PropertyType.Date, Formats: formats);

    public void Declare(EntityTypeBuilder entityType) => entityType.Property(Property, Type, IsRequired, IsSensitive, IsMultiValued);

    public void Map(EntityTypeMappingBuilder mapping)
    {
        if (Formats is not null)
        {
            mapping.Date(Property, Column ?? Property, Formats);
        }
        else
        {
            mapping.Column(Property, Column ?? Property, Mapping);
        }
    }
}

/// <summary>
/// The one Person connector of the test kits: Person (key EmployeeId by default) read from people.csv with FirstName,
/// LastName and the kit's extra properties; departments (departments.csv, key Code) and the Manager and Department
/// navigations when asked; provisioning of Person, retrying without delay, when asked. Each kit passes what it varies.
/// </summary>
internal static class PersonConnector
{
    public static ConnectorBuilder Builder(
        IEnumerable<PersonColumn>? extra = null,
        DepartmentShape departments = DepartmentShape.None,
        string identifier = "HR",
        string keyColumn = "EmployeeId",
        bool lastNameRequired = true,
        Action<CsvConnectionOptions>? people = null,
        Action<EntityTypeMappingBuilder>? personMapping = null,
        Action<ProvisioningBuilder>? provisioning = null)
    {
        var columns = Columns(extra, lastNameRequired);
        var withDepartments = departments != DepartmentShape.None;
        var builder = new ConnectorBuilder(identifier);
        if (withDepartments)
        {
            builder.EntityType("Department", e =>
            {
                e.Property("Name", isRequired: true);
                if (departments == DepartmentShape.Tree)
                {
                    e.Navigation("Parent", "Department");
                }
            });
        }

        builder.EntityType("Person", e =>
        {
            foreach (var column in columns)
            {
                column.Declare(e);
            }

            if (withDepartments)
            {
                e.Navigation("Manager", "Person").Navigation("Department", "Department");
            }
        });
        if (withDepartments)
        {
            builder.CsvConnection("departments", c => c.Path = "departments.csv");
        }

        builder.CsvConnection("people", c =>
        {
            c.Path = "people.csv";
            people?.Invoke(c);
        });
        if (withDepartments)
        {
            builder.Map("Department", "departments", "Code", m =>
            {
                m.Column("Name", "Name");
                if (departments == DepartmentShape.Tree)
                {
                    m.Column("Parent", "ParentCode");
                }
            });
        }

        builder.Map("Person", "people", keyColumn, m =>
        {
            foreach (var column in columns)
            {
                column.Map(m);
            }

            if (withDepartments)
            {
                m.Column("Manager", "ManagerId").Column("Department", "DepartmentCode");
            }

            personMapping?.Invoke(m);
        });
        if (provisioning is not null)
        {
            builder.Provision("Person", p =>
            {
                NoRetryDelay(p.Options);
                provisioning(p);
            });
        }

        return builder;
    }

    /// <summary>The properties of Person in declaration order: FirstName, LastName, then the extra ones.</summary>
    public static IReadOnlyList<PersonColumn> Columns(IEnumerable<PersonColumn>? extra = null, bool lastNameRequired = true)
        => [new("FirstName"), new("LastName", IsRequired: lastNameRequired), .. extra ?? []];

    /// <summary>Retries without waiting: the tests' clocks do not advance by themselves.</summary>
    public static void NoRetryDelay(ProvisioningOptions options)
    {
        options.Retry.Delay = TimeSpan.Zero;
        options.Retry.MaxDelay = TimeSpan.Zero;
    }

    /// <summary>Turns every threshold off, counts and percentages.</summary>
    public static void ThresholdsOff(ThresholdOptions thresholds)
    {
        (thresholds.MaxInserted, thresholds.MaxUpdated, thresholds.MaxDeleted) = (0, 0, 0);
        PercentThresholdsOff(thresholds);
    }

    /// <summary>Turns the percentage thresholds off, keeping the counts.</summary>
    public static void PercentThresholdsOff(ThresholdOptions thresholds)
        => (thresholds.MaxInsertedPercent, thresholds.MaxUpdatedPercent, thresholds.MaxDeletedPercent) = (0, 0, 0);
}

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
        var builder = PersonConnector.Builder(
            [new("Email"), new("Title"), new("Phone"), new("CostCenter"), PersonColumn.Date("StartDate", "yyyy-MM-dd")],
            DepartmentShape.Flat,
            provisioning: p =>
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
                provisioning?.Invoke(p);
            });

        // A company of a handful of people: one leaver is 20% of the population, over the default 5% threshold.
        PersonConnector.PercentThresholdsOff(builder.Options.Thresholds);
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
