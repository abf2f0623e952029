using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Tests.Mapping;

namespace HrConnector.Tests;

/// <summary>The file-free entry points: MapRow (one row as column → text) and MapText (CSV text in memory).</summary>
public class ConnectorMappingTests
{
    [Fact]
    public void MapRow_DictionaryWithNullCommaQuoteAndLineBreak_KeepsEveryValueExactly()
    {
        var connector = TestConnectors.People().Build();
        var row = PersonRow();
        row["LastName"] = "Weiß, \"Jr\"";
        row["FirstName"] = null;
        row["Roles"] = "admin|\"quoted\" role";
        row["DepartmentCode"] = "D1\nD2";

        var result = connector.MapRow("Person", row);

        Assert.Empty(result.Rejects);
        var resource = Assert.Single(result.Resources);
        Assert.Equal("Weiß, \"Jr\"", resource["LastName"]);
        Assert.Null(resource["FirstName"]);
        Assert.Equal(["\"quoted\" role", "admin"], MappingFixtures.Set(resource["Roles"]));
        Assert.Equal("D1\nD2", resource["Department"]);
        Assert.Equal(("E1", 2L, "row"), (resource.Key, resource.Line, result.File));
        Assert.Equal((1L, 0L), (result.RowCount, result.RejectedRowCount));
    }

    [Fact]
    public void MapRow_SameRowAsMapText_GivesAnEqualResource()
    {
        var connector = TestConnectors.People().Build();

        var fromRow = Assert.Single(connector.MapRow("Person", PersonRow()).Resources);
        var fromText = Assert.Single(connector.MapText("Person", TestConnectors.PeopleHeader + "\nE1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,E9,D1\n").Resources);

        Assert.True(fromRow.ContentEquals(fromText));
    }

    [Fact]
    public void MapRow_ColumnOrderAndExtraColumns_DoNotMatter()
    {
        var connector = TestConnectors.People().Build();
        var reordered = PersonRow().Reverse().ToDictionary(p => p.Key, p => p.Value);
        reordered["Unused, column"] = "anything \"at\" all";

        var fromReordered = Assert.Single(connector.MapRow("Person", reordered).Resources);

        Assert.True(fromReordered.ContentEquals(Assert.Single(connector.MapRow("Person", PersonRow()).Resources)));
    }

    [Fact]
    public void MapRow_MissingMappedColumn_ThrowsInvalidHeaderNamingIt()
    {
        var connector = TestConnectors.People().Build();
        var row = PersonRow();
        row.Remove("LastName");

        var exception = Assert.Throws<CsvFileException>(() => connector.MapRow("Person", row));

        Assert.Equal((CsvFileError.InvalidHeader, "row", 1L), (exception.Error, exception.File, exception.Line));
        Assert.Equal(
            [
                "the header has no column 'LastName', which the mapping of 'Person' reads.",
                "header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            ],
            exception.Errors);
        Assert.Equal(
            "row:1: 2 problems:" + Environment.NewLine
            + " - the header has no column 'LastName', which the mapping of 'Person' reads." + Environment.NewLine
            + " - header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            exception.Message);
        Assert.Empty(exception.Rejects);
    }

    [Fact]
    public void MapRow_SeveralMissingColumns_AreAllNamed()
    {
        var connector = TestConnectors.People().Build();
        var row = PersonRow();
        row.Remove("EmployeeId");
        row.Remove("Roles");

        var exception = Assert.Throws<CsvFileException>(() => connector.MapRow("Person", row));

        Assert.Equal("the header lacks 2 columns that the mapping of 'Person' reads: 'EmployeeId', 'Roles'.", exception.Errors[0]);
        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
    }

    [Fact]
    public void MapRow_KeyColumnNamedInAnotherCase_IsFoundOnlyWithCaseInsensitiveHeaders()
    {
        var exact = TestConnectors.People().Build();
        var lenient = TestConnectors.People(c => c.CaseInsensitiveHeaders = true).Build();
        var row = PersonRow();
        row.Remove("EmployeeId");
        row[" employeeid "] = "E1";

        Assert.Equal(CsvFileError.InvalidHeader, Assert.Throws<CsvFileException>(() => exact.MapRow("Person", row)).Error);
        Assert.Equal("E1", Assert.Single(lenient.MapRow("Person", row).Resources).Key);
    }

    [Fact]
    public void MapRow_ConnectionSettings_CultureAndValuesToTrimApplyButNotDelimiterOrLinesToSkip()
    {
        var connector = TestConnectors.People(c =>
        {
            c.Delimiter = ';';
            c.LinesToSkip = 3;
            c.Culture = "fr-FR";
            c.ValuesToTrim.Add("'");
        }).Build();
        var row = PersonRow();
        row["Fte"] = "0,8";
        row["LastName"] = "'Müller'";

        var resource = Assert.Single(connector.MapRow("Person", row).Resources);

        Assert.Equal(0.8m, resource["Fte"]);
        Assert.Equal("Müller", resource["LastName"]);
    }

    [Fact]
    public void MapRow_HeaderlessConnection_StillReadsTheColumnsByName()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", PropertyType.Int32))
            .CsvConnection("items", c =>
            {
                c.Path = "items.csv";
                c.HasHeader = false;
                c.ColumnNames.Add("Key");
                c.ColumnNames.Add("Value");
            })
            .Map("Item", "items", "Key", m => m.Column("Value", "Value"))
            .Build();

        Assert.Equal(5, connector.ValueOf("5"));
        Assert.Equal(5, Assert.Single(connector.MapText("Item", "K1,5\n").Resources)["Value"]);
    }

    [Fact]
    public void MapRow_RejectedRow_GivesNoResourceAndTheRejects()
    {
        var connector = TestConnectors.People().Build();
        var row = PersonRow();
        row["CostCenter"] = "12.5";

        var result = connector.MapRow("Person", row);

        Assert.Empty(result.Resources);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal("row:2: column 'CostCenter': the value is not a whole number between -2147483648 and 2147483647.", reject.Message);
        Assert.Equal(("Person", "row", "E1"), (reject.EntityType, reject.File, reject.Key));
    }

    [Fact]
    public void MapRow_UnknownEntityTypeOrNullRow_Throws()
    {
        var connector = TestConnectors.People().Build();

        var unknown = Assert.Throws<KeyNotFoundException>(() => connector.MapRow("Contractor", PersonRow()));

        Assert.Equal("The connector 'HR' has no mapping for the entity type 'Contractor'.", unknown.Message);
        Assert.Equal("row", Assert.Throws<ArgumentNullException>(() => connector.MapRow("Person", null!)).ParamName);
    }

    [Fact]
    public void MapText_EntityTypeInAnotherCaseAndAName_AreUsed()
    {
        var connector = TestConnectors.People().Build();

        var result = connector.MapText("person", TestConnectors.PeopleHeader + "\nE1,Zoé,,,,,,,,,\n", name: "people-2024-06-30.csv");

        Assert.Equal("people-2024-06-30.csv", result.File);
        Assert.Equal("people-2024-06-30.csv:2: column 'LastName': the property 'LastName' is required but the row has no value for it.", Assert.Single(result.Rejects).Message);
        Assert.Equal("people-2024-06-30.csv", result.Rejects[0].File);
    }

    [Fact]
    public void MapText_RejectLimitsOfTheConnection_DoNotApplySoEveryRejectCanBeInspected()
    {
        var connector = TestConnectors.People(c => { c.MaxRejects = 1; c.MaxRejectPercent = 10; }).Build();
        var csv = TestConnectors.PeopleHeader + "\nE1,A,,,,,,,,,\nE2,B,,,,,,,,,\nE3,C,,,,,,,,,\nE4,D,Four,,,,,,,,\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal([2L, 3L, 4L], result.Rejects.Select(r => r.Line));
        Assert.Equal(["E4"], result.Resources.Select(r => r.Key));
    }

    [Fact]
    public void MapText_ConnectionSettings_ApplyAsToTheFile()
    {
        var connector = TestConnectors.People(c =>
        {
            c.Delimiter = '\t';
            c.LinesToSkip = 1;
            c.Culture = "fr-FR";
        }).Build();
        var csv = "exported 2024-06-30\n" + TestConnectors.PeopleHeader.Replace(',', '\t') + "\nE1\tZoé\tMüller\t\t\t0,8\t\t\t\t\t\n";

        var resource = Assert.Single(connector.MapText("Person", csv).Resources);

        Assert.Equal((0.8m, 3L), (resource["Fte"], resource.Line));
    }

    [Fact]
    public void MapText_MissingMappedColumn_ThrowsInvalidHeader()
    {
        var connector = TestConnectors.People().Build();

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", TestConnectors.PeopleHeader.Replace(",Roles", ",Role", StringComparison.Ordinal) + "\n"));

        Assert.Equal((CsvFileError.InvalidHeader, "text.csv", 1L), (exception.Error, exception.File, exception.Line));
        Assert.Equal("the header has no column 'Roles', which the mapping of 'Person' reads.", exception.Errors[0]);
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    [InlineData("utf-16")]
    public void MapText_ConnectionWithAnotherEncoding_KeepsTheTextAsGiven(string encoding)
    {
        var connector = TestConnectors.People(c => c.Encoding = encoding).Build();

        var result = connector.MapText("Person", TestConnectors.PeopleHeader + "\nE1,Zoé,Müller,,,,,,,,\n");

        Assert.Empty(result.Rejects);
        var resource = Assert.Single(result.Resources);
        Assert.Equal(("Zoé", "Müller"), (resource["FirstName"], resource["LastName"]));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("windows-1252")]
    public void MapText_TextStartingWithAByteOrderMark_IgnoresIt(string encoding)
    {
        var connector = TestConnectors.People(c => c.Encoding = encoding).Build();

        var result = connector.MapText("Person", "\uFEFF" + TestConnectors.PeopleHeader + "\nE1,Zoé,Müller,,,,,,,,\n");

        Assert.Empty(result.Rejects);
        Assert.Equal("Zoé", Assert.Single(result.Resources)["FirstName"]);
    }

    [Fact]
    public void MapText_NullText_ThrowsArgumentNullException()
    {
        Assert.Equal("csv", Assert.Throws<ArgumentNullException>(() => TestConnectors.People().Build().MapText("Person", null!)).ParamName);
    }

    private static Dictionary<string, string?> PersonRow() => new()
    {
        ["EmployeeId"] = "E1",
        ["FirstName"] = "Zoé",
        ["LastName"] = "Müller",
        ["BirthDate"] = "31/01/1980",
        ["HireDate"] = "2020-02-01",
        ["Fte"] = "0.8",
        ["IsContractor"] = "Y",
        ["CostCenter"] = "1234",
        ["Roles"] = "b|a",
        ["ManagerId"] = "E9",
        ["DepartmentCode"] = "D1",
    };
}
