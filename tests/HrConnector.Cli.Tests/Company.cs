using System.Globalization;
using System.Text;

namespace HrConnector.Cli.Tests;

/// <summary>A generated company for the tool: 10 departments, N people with accented names, a connector under the default thresholds.</summary>
internal static class Company
{
    private static readonly string[] FirstNames = ["Zoë", "Jürgen", "Ana", "François", "Øyvind", "Ines", "Björn", "Chloé", "Marek", "Siân"];
    private static readonly string[] LastNames = ["Müller", "Dupont", "Núñez", "Łukasik", "Åberg", "O'Neil", "Ferreira", "Schäfer", "Kovač", "Brontë"];

    /// <summary>The departments file: D01 to D10.</summary>
    public static string Departments => "Code,Name,ParentCode\n" + string.Concat(Enumerable.Range(1, 10).Select(d => $"D{d:00},Department {d},\n"));

    /// <summary>Writes the company (people E0001 to E{count}) and its connector into the harness's folder.</summary>
    public static void WriteTo(CliHarness cli, int count, string? peopleConnection = null)
    {
        cli.Write("connector.json", Configuration(peopleConnection ?? """{ "Identifier": "people", "Path": "people.csv", "Delimiter": ";" }"""));
        cli.Write("departments.csv", Departments);
        cli.Write("people.csv", PeopleFile(count));
    }

    public static string PeopleFile(int count)
    {
        var text = new StringBuilder("EmployeeId;FirstName;LastName;Email;Title;BirthDate;HireDate;Department;Manager\n");
        for (var i = 1; i <= count; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i / FirstNames.Length) % LastNames.Length];
            var birth = new DateOnly(1960, 1, 1).AddDays(i * 11);
            text.Append(CultureInfo.InvariantCulture, $"E{i:0000};{first};{last};e{i:0000}@fabrikam.example;{(i % 3 == 0 ? "Analyst" : "Engineer")};{birth:dd/MM/yyyy};2020-01-01;D{1 + (i % 10):00};{(i == 1 ? string.Empty : "E0001")}\n");
        }

        return text.ToString();
    }

    public static string Configuration(string peopleConnection) => $$"""
        {
          "Identifier": "Fabrikam_HR",
          "EntityTypes": [
            {
              "Identifier": "Department",
              "Properties": [ { "Identifier": "Name", "IsRequired": true } ],
              "NavigationProperties": [ { "Identifier": "Parent", "TargetEntityType": "Department" } ]
            },
            {
              "Identifier": "Person",
              "Properties": [
                { "Identifier": "FirstName" },
                { "Identifier": "LastName", "IsRequired": true },
                { "Identifier": "Email" },
                { "Identifier": "Title" },
                { "Identifier": "BirthDate", "Type": "Date", "IsSensitive": true },
                { "Identifier": "HireDate", "Type": "Date", "IsRequired": true }
              ],
              "NavigationProperties": [
                { "Identifier": "Department", "TargetEntityType": "Department" },
                { "Identifier": "Manager", "TargetEntityType": "Person" }
              ]
            }
          ],
          "Connections": [
            { "Identifier": "departments", "Path": "departments.csv" },
            {{peopleConnection}}
          ],
          "Mappings": [
            { "EntityType": "Department", "Connection": "departments", "KeyColumn": "Code",
              "Properties": [ { "Property": "Name", "Column": "Name" }, { "Property": "Parent", "Column": "ParentCode" } ] },
            { "EntityType": "Person", "Connection": "people", "KeyColumn": "EmployeeId",
              "Properties": [
                { "Property": "FirstName", "Column": "FirstName" },
                { "Property": "LastName", "Column": "LastName" },
                { "Property": "Email", "Column": "Email" },
                { "Property": "Title", "Column": "Title" },
                { "Property": "BirthDate", "Column": "BirthDate", "Formats": [ "dd/MM/yyyy" ] },
                { "Property": "HireDate", "Column": "HireDate" },
                { "Property": "Department", "Column": "Department" },
                { "Property": "Manager", "Column": "Manager" }
              ] }
          ],
          "Provisioning": {
            "EntityType": "Person",
            "Properties": [
              { "Identity": "FirstName", "Policy": "Authoritative" },
              { "Identity": "LastName", "Policy": "Authoritative" },
              { "Identity": "Mail", "Source": "Email" },
              { "Identity": "Title" },
              { "Identity": "Department" }
            ],
            "Lifecycle": { "Leavers": "Deactivate", "DeleteAfterDays": 30 }
          }
        }
        """;
}
