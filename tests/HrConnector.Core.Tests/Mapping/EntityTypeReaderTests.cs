using HrConnector.Mapping;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

public class EntityTypeReaderTests
{
    [Fact]
    public void MapText_ValidRows_ProducesTypedResources()
    {
        var connector = TestConnectors.People().Build();
        var csv = TestConnectors.PeopleHeader + "\n"
            + "E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a|b,,D1\n"
            + "E2,Jürgen,\"Weiß, Jr\",01/02/1990,15/03/2021,1.0,N,42,,E1,D2\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal(2, result.Resources.Count);
        var zoe = result.Resources[0];
        Assert.Equal("E1", zoe.Key);
        Assert.Equal(2, zoe.Line);
        Assert.Equal("Zoé", zoe["FirstName"]);
        Assert.Equal(new DateOnly(1980, 1, 31), zoe["BirthDate"]);
        Assert.Equal(0.8m, zoe["Fte"]);
        Assert.Equal(true, zoe["IsContractor"]);
        Assert.Equal(1234, zoe["CostCenter"]);
        Assert.Equal(new[] { "a", "b" }, (IEnumerable<object>)zoe["Roles"]!);
        Assert.Null(zoe["Manager"]);
        var jurgen = result.Resources[1];
        Assert.Equal("Weiß, Jr", jurgen["LastName"]);
        Assert.Equal(new DateOnly(2021, 3, 15), jurgen["HireDate"]);
        Assert.Equal("E1", jurgen["Manager"]);
    }

    [Fact]
    public void MapText_BadDate_RejectsWithLineAndColumnButNoValue()
    {
        var connector = TestConnectors.People().Build();
        var csv = TestConnectors.PeopleHeader + "\n"
            + "E1,Zoé,Müller,31/02/1980,2020-02-01,0.8,Y,1234,,,D1\n";

        var result = connector.MapText("Person", csv);

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.InvalidValue, reject.Reason);
        Assert.Equal(2, reject.Line);
        Assert.Equal("BirthDate", reject.Column);
        Assert.Equal("text.csv:2: column 'BirthDate': the value is not a date in the format(s) 'dd/MM/yyyy'.", reject.Message);
        Assert.Null(reject.Value);
        Assert.Empty(result.Resources);
    }
}
