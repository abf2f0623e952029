using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Mapping;

/// <summary>The read API of a resource: indexer, typed getters, dictionary, content comparison and hash, line.</summary>
public class ResourceTests
{
    private const string ZoeRow = "E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,E9,D1";

    [Fact]
    public void Indexer_PropertyIdentifierInAnyCase_GivesTheTypedValue()
    {
        var zoe = Person(ZoeRow);

        Assert.Equal("Zoé", zoe["FirstName"]);
        Assert.Equal("Zoé", zoe["firstname"]);
        Assert.Equal(new DateOnly(2020, 2, 1), zoe["HIREDATE"]);
        Assert.Equal(0.8m, zoe["Fte"]);
        Assert.Equal(true, zoe["IsContractor"]);
        Assert.Equal(1234, zoe["CostCenter"]);
        Assert.Equal("E9", zoe["Manager"]);
        Assert.Equal("D1", zoe["Department"]);
    }

    [Fact]
    public void Indexer_UnknownProperty_ThrowsKeyNotFoundExceptionNamingIt()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => Person(ZoeRow)["Salary"]);

        Assert.Equal("The entity type 'Person' has no property 'Salary'.", exception.Message);
    }

    [Fact]
    public void Get_ValueOfTheRightType_IsReturnedTyped()
    {
        var zoe = Person(ZoeRow);

        Assert.Equal(1234, zoe.Get<int>("CostCenter"));
        Assert.Equal(new DateOnly(1980, 1, 31), zoe.Get<DateOnly>("BirthDate"));
        Assert.Equal("Müller", zoe.Get<string>("LastName"));
        Assert.Equal(["a", "b"], zoe.Get<IReadOnlyList<object>>("Roles")!.Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Get_PropertyWithoutValue_ReturnsTheDefaultOfTheType()
    {
        var ana = Person("E2,Ana,Lopez,,,,,,,,");

        Assert.Equal(0, ana.Get<int>("CostCenter"));
        Assert.Null(ana.Get<int?>("CostCenter"));
        Assert.Equal("Ana", ana.Get<string>("FirstName"));
        Assert.Null(ana.Get<string>("Manager"));
        Assert.Equal(default, ana.Get<DateOnly>("HireDate"));
    }

    [Fact]
    public void Get_WrongType_ThrowsInvalidCastException()
    {
        var zoe = Person(ZoeRow);

        Assert.Throws<InvalidCastException>(() => zoe.Get<long>("CostCenter"));
        Assert.Throws<InvalidCastException>(() => zoe.Get<DateTime>("HireDate"));
    }

    [Fact]
    public void GetValue_PropertyOfItsEntityType_GivesTheValue()
    {
        var zoe = Person(ZoeRow);

        Assert.Equal("E9", zoe.GetValue(zoe.EntityType.GetProperty("Manager")));
        Assert.Equal("Müller", zoe.GetValue(zoe.EntityType.Properties[1]));
    }

    [Fact]
    public void GetValue_PropertyOfAnotherEntityType_ThrowsArgumentException()
    {
        var connector = TestConnectors.People().Build();
        var zoe = connector.MapText("Person", TestConnectors.PeopleHeader + "\n" + ZoeRow + "\n").Resources[0];

        var exception = Assert.Throws<ArgumentException>(() => zoe.GetValue(connector.GetEntityType("Department").GetProperty("Name")));

        Assert.Equal("property", exception.ParamName);
        Assert.Equal("The property 'Name' is not a property of the entity type 'Person'. (Parameter 'property')", exception.Message);
    }

    [Fact]
    public void GetValue_PropertyOfAnotherEntityTypeWithAHigherIndex_ThrowsArgumentException()
    {
        var connector = TestConnectors.People().Build();
        var department = connector.MapText("Department", "Code,Name,ParentCode\nD1,Sales,\n").Resources[0];
        var personDepartment = connector.GetEntityType("Person").GetProperty("Department");

        var exception = Assert.Throws<ArgumentException>(() => department.GetValue(personDepartment));

        Assert.Equal("The property 'Department' is not a property of the entity type 'Department'. (Parameter 'property')", exception.Message);
    }

    [Fact]
    public void GetValue_Null_ThrowsArgumentNullException()
    {
        Assert.Equal("property", Assert.Throws<ArgumentNullException>(() => Person(ZoeRow).GetValue(null!)).ParamName);
    }

    [Fact]
    public void ToDictionary_Resource_HasEveryPropertyInEntityTypeOrderWithCaseInsensitiveKeys()
    {
        var ana = Person("E2,Ana,Lopez,,2021-05-04,,N,,,,D2");

        var values = ana.ToDictionary();

        Assert.Equal(
            ["FirstName", "LastName", "BirthDate", "HireDate", "Fte", "IsContractor", "CostCenter", "Roles", "Manager", "Department"],
            values.Keys);
        Assert.Equal(["Ana", "Lopez", null, new DateOnly(2021, 5, 4), null, false, null, null, null, "D2"], values.Values);
        Assert.Equal("Lopez", values["lastname"]);
    }

    [Fact]
    public void ContentEquals_SameKeyAndValues_IsTrueEvenAcrossConnectorsBuiltAlike()
    {
        var first = Person(ZoeRow);
        var second = Person(ZoeRow.Replace("b|a", "a|b", StringComparison.Ordinal));

        Assert.True(first.ContentEquals(second));
        Assert.True(second.ContentEquals(first));
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.NotSame(first.EntityType, second.EntityType);
    }

    [Fact]
    public void ContentEquals_DifferentKeyWithSameValues_IsFalseButTheContentHashIsEqual()
    {
        var zoe = Person(ZoeRow);
        var twin = Person("X1" + ZoeRow[2..]);

        Assert.False(zoe.ContentEquals(twin));
        Assert.Equal(zoe.ContentHash, twin.ContentHash);
    }

    [Theory]
    [InlineData("E1,Zoe,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,E9,D1")]
    [InlineData("E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,E9,")]
    [InlineData("E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a|c,E9,D1")]
    [InlineData("E1,Zoé,Müller,31/01/1980,2020-02-01,0.81,Y,1234,b|a,E9,D1")]
    [InlineData("E1,Zoé,Müller,01/02/1980,2020-02-01,0.8,Y,1234,b|a,E9,D1")]
    [InlineData("E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,N,1234,b|a,E9,D1")]
    [InlineData("E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,-1234,b|a,E9,D1")]
    public void ContentHash_OneValueDiffers_DiffersAndContentEqualsIsFalse(string row)
    {
        var zoe = Person(ZoeRow);
        var changed = Person(row);

        Assert.NotEqual(zoe.ContentHash, changed.ContentHash);
        Assert.False(zoe.ContentEquals(changed));
    }

    [Fact]
    public void ContentEquals_NullOrAnotherEntityType_IsFalse()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("A", e => e.Property("Name"))
            .EntityType("B", e => e.Property("Name"))
            .CsvConnection("a", c => c.Path = "a.csv")
            .CsvConnection("b", c => c.Path = "b.csv")
            .Map("A", "a", "Id", m => m.Column("Name", "Name"))
            .Map("B", "b", "Id", m => m.Column("Name", "Name"))
            .Build();
        var a = connector.MapText("A", "Id,Name\n1,x\n").Resources[0];
        var b = connector.MapText("B", "Id,Name\n1,x\n").Resources[0];

        Assert.False(a.ContentEquals(null));
        Assert.False(a.ContentEquals(b));
        Assert.Equal(a.ContentHash, b.ContentHash);
    }

    [Fact]
    public void Line_Resource_IsThePhysicalLineOfItsRecord()
    {
        var connector = TestConnectors.People(c => c.LinesToSkip = 2).Build();
        var csv = "export\n\n" + TestConnectors.PeopleHeader + "\nE1,\"Zoé\nand more\",Müller,,,,,,,,\n\nE2,Ana,Lopez,,,,,,,,\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal([4L, 7L], result.Resources.Select(r => r.Line));
        Assert.Equal("Zoé\nand more", result.Resources[0]["FirstName"]);
    }

    [Fact]
    public void ToString_Resource_IsEntityTypeAndKey()
    {
        var zoe = Person(ZoeRow);

        Assert.Equal("Person:E1", zoe.ToString());
        Assert.Equal("E1", zoe.Key);
        Assert.Equal("Person", zoe.EntityType.Identifier);
    }

    private static Resource Person(string row)
    {
        var result = TestConnectors.People().Build().MapText("Person", TestConnectors.PeopleHeader + "\n" + row + "\n");
        Assert.Empty(result.Rejects);
        return Assert.Single(result.Resources);
    }
}
