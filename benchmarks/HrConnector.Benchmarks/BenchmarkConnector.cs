using HrConnector.Modeling;

namespace HrConnector.Benchmarks;

/// <summary>The connector of the generated HR feed: every one of the 22 columns mapped, with its real type.</summary>
public static class BenchmarkConnector
{
    /// <summary>Builds the connector for the people file at <paramref name="peoplePath"/> and the departments file beside it.</summary>
    public static Connector Create(string peoplePath, string departmentsPath) => Builder(peoplePath, departmentsPath).Build();

    /// <summary>The builder of <see cref="Create"/>, for scenarios that add to the connector (provisioning).</summary>
    public static ConnectorBuilder Builder(string peoplePath, string departmentsPath)
        => new ConnectorBuilder("Bench")
            .EntityType("Department", e => e
                .Property("Name", isRequired: true)
                .Navigation("Parent", "Department")
                .Navigation("Manager", "Person"))
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName", isRequired: true)
                .Property("PreferredName")
                .Property("Email")
                .Property("Gender")
                .Property("BirthDate", PropertyType.Date, isSensitive: true)
                .Property("HireDate", PropertyType.Date, isRequired: true)
                .Property("EndDate", PropertyType.Date)
                .Property("JobTitle")
                .Property("CostCenter", PropertyType.Int32)
                .Property("Location")
                .Property("Country")
                .Property("Fte", PropertyType.Decimal)
                .Property("IsContractor", PropertyType.Boolean)
                .Property("EmployeeType")
                .Property("Phone")
                .Property("Salary", PropertyType.Decimal, isSensitive: true)
                .Property("ExternalId", PropertyType.Guid)
                .Property("LastModified", PropertyType.DateTime)
                .Navigation("Department", "Department")
                .Navigation("Manager", "Person"))
            // The files were just generated: an HR export is read long after it was written, so no settle time is waited.
            .CsvConnection("departments", c => { c.Path = departmentsPath; c.MaxRejectPercent = 0; c.SettleTime = TimeSpan.Zero; })
            .CsvConnection("people", c => { c.Path = peoplePath; c.MaxRejectPercent = 0; c.SettleTime = TimeSpan.Zero; })
            .Map("Department", "departments", "DepartmentCode", m => m
                .Column("Name", "Name")
                .Column("Parent", "ParentCode")
                .Column("Manager", "ManagerId"))
            .Map("Person", "people", "EmployeeId", m => m
                .Column("FirstName", "FirstName")
                .Column("LastName", "LastName")
                .Column("PreferredName", "PreferredName")
                .Column("Email", "Email")
                .Column("Gender", "Gender", p => { p.ValueMap["M"] = "Male"; p.ValueMap["F"] = "Female"; p.ValueMap["X"] = "Other"; })
                .Date("BirthDate", "BirthDate", "dd/MM/yyyy")
                .Date("HireDate", "HireDate", "yyyy-MM-dd")
                .Date("EndDate", "EndDate", "yyyy-MM-dd")
                .Column("JobTitle", "JobTitle")
                .Column("CostCenter", "CostCenter")
                .Column("Location", "Location")
                .Column("Country", "Country")
                .Column("Fte", "FullTimeEquivalent")
                .Column("IsContractor", "IsContractor")
                .Column("EmployeeType", "EmployeeType")
                .Column("Phone", "Phone")
                .Column("Salary", "Salary")
                .Column("ExternalId", "ExternalId")
                .Column("LastModified", "LastModified")
                .Column("Department", "DepartmentCode")
                .Column("Manager", "ManagerId"));
}
