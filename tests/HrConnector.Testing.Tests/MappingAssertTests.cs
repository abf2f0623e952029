using HrConnector.Mapping;
using HrConnector.Csv;

namespace HrConnector.Testing.Tests;

public class MappingAssertTests
{
    // Line 2: E1 is fine; line 3: E2 has no last name (required); line 4: E3 has a birth date in the wrong format.
    private readonly MappingResult _people = Hr.Create(null).MapText("Person", Hr.People(Hr.Person(1), "E2,First2,,Analyst,1990-01-01", "E3,First3,Last3,Analyst,31/12/1990"));

    [Fact]
    public void HasResource_KeyMapped_ReturnsTheResource()
    {
        var resource = MappingAssert.HasResource(_people, "E1");

        Assert.Equal("E1", resource.Key);
        Assert.Equal(2, resource.Line);
    }

    [Fact]
    public void HasResource_KeyAbsent_ListsTheKeys()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.HasResource(_people, "E9"));

        Assert.Equal("Person: no resource has the key 'E9'. Resources: E1.", exception.Message);
    }

    [Fact]
    public void HasResource_RowRejected_SaysWhy()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.HasResource(_people, "E2"));

        var reject = Assert.Single(_people.Rejects, r => r.Key == "E2");
        Assert.Equal("Person: no resource has the key 'E2'. Its row was rejected: " + reject.Message, exception.Message);
    }

    [Fact]
    public void HasValue_Equal_Passes()
    {
        MappingAssert.HasValue(_people, "E1", "Title", "Analyst");
        MappingAssert.HasValue(_people, "E1", "birthdate", new DateOnly(1990, 1, 1));
    }

    [Fact]
    public void HasValue_Different_QuotesBothValues()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.HasValue(_people, "E1", "Title", "Manager"));

        Assert.Equal("Person 'E1' (line 2): Title is 'Analyst', expected 'Manager'.", exception.Message);
    }

    [Fact]
    public void HasValue_SensitiveProperty_HidesTheValues()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.HasValue(_people, "E1", "BirthDate", new DateOnly(1991, 2, 3)));

        Assert.Equal("Person 'E1' (line 2): BirthDate is (hidden: sensitive property), expected (hidden: sensitive property).", exception.Message);
    }

    [Fact]
    public void HasValue_UnknownProperty_ListsTheProperties()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.HasValue(_people, "E1", "Mail", "a@b.c"));

        Assert.Equal("Person: there is no property 'Mail'. The properties are: FirstName, LastName, Title, BirthDate.", exception.Message);
    }

    [Fact]
    public void NoRejects_CleanText_Passes()
    {
        MappingAssert.NoRejects(Hr.Create(null).MapText("Person", Hr.People(Hr.Person(1))));
    }

    [Fact]
    public void NoRejects_Rejects_ListsTheirMessages()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.NoRejects(_people));

        Assert.Equal($"Person: expected no rejects, found 2: {_people.Rejects[0].Message}, {_people.Rejects[1].Message}", exception.Message);
        Assert.DoesNotContain("31/12/1990", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_LineAndReason_ReturnsTheReject()
    {
        var reject = MappingAssert.Rejected(_people, 3, RejectReason.MissingValue);

        Assert.Equal("E2", reject.Key);
        MappingAssert.Rejected(_people, 4, RejectReason.InvalidValue);
    }

    [Fact]
    public void Rejected_NotRejected_ListsTheRejects()
    {
        var exception = Assert.Throws<HrAssertionException>(() => MappingAssert.Rejected(_people, 4, RejectReason.MissingValue));

        Assert.Equal("Person: expected the row at line 4 to be rejected as MissingValue; the rejects are: line 3 MissingValue (Last), line 4 InvalidValue (Birth).", exception.Message);
    }
}
