using HrConnector.Mapping;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

public class EntityTypeReaderPrimaryKeysTests
{
    private const string Header = TestConnectors.PeopleHeader + "\n";

    [Fact]
    public void MapText_KeyOnTwoRows_RejectsBothAndNamesTheOtherLine()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header
            + "E1,A,One,,,,,,,,\n"
            + "E2,B,Two,,,,,,,,\n"
            + "E1,C,Three,,,,,,,,\n");

        Assert.Equal(["E2"], result.Resources.Select(r => r.Key));
        Assert.Equal(
            [
                "text.csv:2: column 'EmployeeId': the primary key is also on line(s) 4; every row with this key is rejected.",
                "text.csv:4: column 'EmployeeId': the primary key is also on line(s) 2; every row with this key is rejected.",
            ],
            result.Rejects.Select(r => r.Message));
        Assert.All(result.Rejects, r => Assert.Equal(("E1", RejectReason.DuplicateKey), (r.Key, r.Reason)));
        Assert.False(result.TryGetResource("E1", out _));
        Assert.Equal(3, result.RowCount);
        Assert.Equal(2, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_KeyOnThreeRows_RejectsAllThree()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header
            + "E1,A,One,,,,,,,,\nE1,B,Two,,,,,,,,\nE1,C,Three,,,,,,,,\n");

        Assert.Empty(result.Resources);
        Assert.Equal([2L, 3L, 4L], result.Rejects.Select(r => r.Line));
        Assert.Equal("text.csv:3: column 'EmployeeId': the primary key is also on line(s) 2, 4; every row with this key is rejected.", result.Rejects[1].Message);
    }

    [Fact]
    public void MapText_DuplicateOfARowRejectedForABadValue_RejectsTheGoodRowToo()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header
            + "E1,A,One,99/99/1999,,,,,,,\n"
            + "E1,B,Two,,,,,,,,\n");

        Assert.Empty(result.Resources);
        Assert.Equal([(2L, RejectReason.InvalidValue), (3L, RejectReason.DuplicateKey)], result.Rejects.Select(r => (r.Line, r.Reason)));
        Assert.Equal(2, result.RejectedRowCount);
        Assert.Contains("E1", result.RejectedKeys);
    }

    [Fact]
    public void MapText_KeysDifferingByCase_AreTwoResources()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header + "e1,A,One,,,,,,,,\nE1,B,Two,,,,,,,,\n");

        Assert.Equal(["e1", "E1"], result.Resources.Select(r => r.Key));
        Assert.True(result.TryGetResource("e1", out var lower));
        Assert.Equal("A", lower["FirstName"]);
    }

    [Fact]
    public void MapText_EmptyKey_IsRejectedAndUnidentified()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header + " ,A,One,,,,,,,,\nE2,B,Two,,,,,,,,\n");

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.EmptyKey, reject.Reason);
        Assert.Equal("text.csv:2: column 'EmployeeId': the primary key is empty.", reject.Message);
        Assert.Equal(1, result.UnidentifiedRejectedRowCount);
        Assert.Empty(result.RejectedKeys);
    }

    [Fact]
    public void MapText_RowWithTwoBadValues_CountsOnceAndRejectsEach()
    {
        var result = TestConnectors.People().Build().MapText("Person", Header + "E1,A,One,bad,bad,,,,,,\n");

        Assert.Equal(["BirthDate", "HireDate"], result.Rejects.Select(r => r.Column));
        Assert.Equal(1, result.RejectedRowCount);
        Assert.Equal(["E1"], result.RejectedKeys);
    }

    [Fact]
    public void Resource_Api_ExposesTypedValues()
    {
        var connector = TestConnectors.People().Build();
        var result = connector.MapText("Person", Header + "E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,E9,D1\n");
        var resource = result.Resources[0];

        Assert.Equal(new DateOnly(2020, 2, 1), resource.Get<DateOnly>("hiredate"));
        Assert.Equal("E9", resource.GetValue(resource.EntityType.GetProperty("Manager")));
        Assert.Equal(2, resource.Line);
        Assert.Equal("Person:E1", resource.ToString());
        var values = resource.ToDictionary();
        Assert.Equal(resource.EntityType.Properties.Select(p => p.Identifier), values.Keys);
        Assert.Equal("Zoé", values["FirstName"]);
        Assert.Throws<KeyNotFoundException>(() => resource["Nope"]);
        var department = connector.MapText("Department", "Code,Name,ParentCode\nD1,Exec,\n").Resources[0];
        Assert.Throws<ArgumentException>(() => resource.GetValue(department.EntityType.GetProperty("Name")));
    }
}
