using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Tests;

/// <summary>The people of the synchronization and mapping tests: the shared Person connector with typed properties and departments in a tree.</summary>
internal static class TestConnectors
{
    /// <summary>People and departments, both read from comma-separated files with a header.</summary>
    public static ConnectorBuilder People(Action<CsvConnectionOptions>? people = null, Action<EntityTypeMappingBuilder>? personMapping = null)
        => PersonConnector.Builder(
            [
                PersonColumn.Date("BirthDate", "dd/MM/yyyy") with { IsSensitive = true },
                PersonColumn.Date("HireDate", "yyyy-MM-dd", "dd/MM/yyyy"),
                new("Fte", Type: PropertyType.Decimal),
                new("IsContractor", Type: PropertyType.Boolean),
                new("CostCenter", Type: PropertyType.Int32),
                new("Roles", IsMultiValued: true, Mapping: r => r.Separator = "|"),
            ],
            DepartmentShape.Tree,
            people: people,
            personMapping: personMapping);

    public const string PeopleHeader = "EmployeeId,FirstName,LastName,BirthDate,HireDate,Fte,IsContractor,CostCenter,Roles,ManagerId,DepartmentCode";
}
