using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Tests;

/// <summary>Connectors shared by tests: a small HR model of people and departments.</summary>
internal static class TestConnectors
{
    /// <summary>People and departments, both read from comma-separated files with a header.</summary>
    public static ConnectorBuilder People(Action<CsvConnectionOptions>? people = null, Action<EntityTypeMappingBuilder>? personMapping = null)
        => new ConnectorBuilder("HR")
            .EntityType("Department", e => e
                .Property("Name", isRequired: true)
                .Navigation("Parent", "Department"))
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName", isRequired: true)
                .Property("BirthDate", PropertyType.Date, isSensitive: true)
                .Property("HireDate", PropertyType.Date)
                .Property("Fte", PropertyType.Decimal)
                .Property("IsContractor", PropertyType.Boolean)
                .Property("CostCenter", PropertyType.Int32)
                .Property("Roles", isMultiValued: true)
                .Navigation("Manager", "Person")
                .Navigation("Department", "Department"))
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .CsvConnection("people", c =>
            {
                c.Path = "people.csv";
                people?.Invoke(c);
            })
            .Map("Department", "departments", "Code", m => m.Column("Name", "Name").Column("Parent", "ParentCode"))
            .Map("Person", "people", "EmployeeId", m =>
            {
                m.Column("FirstName", "FirstName")
                    .Column("LastName", "LastName")
                    .Date("BirthDate", "BirthDate", "dd/MM/yyyy")
                    .Date("HireDate", "HireDate", "yyyy-MM-dd", "dd/MM/yyyy")
                    .Column("Fte", "Fte")
                    .Column("IsContractor", "IsContractor")
                    .Column("CostCenter", "CostCenter")
                    .Column("Roles", "Roles", r => r.Separator = "|")
                    .Column("Manager", "ManagerId")
                    .Column("Department", "DepartmentCode");
                personMapping?.Invoke(m);
            });

    public const string PeopleHeader = "EmployeeId,FirstName,LastName,BirthDate,HireDate,Fte,IsContractor,CostCenter,Roles,ManagerId,DepartmentCode";
}
