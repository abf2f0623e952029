using HrConnector.Mapping;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

/// <summary>Primary keys (required, unique, case-sensitive), lookups by key, and the row counts of a result.</summary>
public class EntityTypeReaderKeyTrackerTests
{
    private const string Header = TestConnectors.PeopleHeader + "\n";

    [Fact]
    public void MapText_EmptyKey_IsRejectedAsEmptyKeyWithoutAKey()
    {
        var result = People(Header + ",Zoé,Müller,,,,,,,,\n   ,Ana,Lopez,,,,,,,,\nE3,Jürgen,Weiß,,,,,,,,\n");

        Assert.Equal(["E3"], result.Resources.Select(r => r.Key));
        Assert.Equal(
            [
                "text.csv:2: column 'EmployeeId': the primary key is empty.",
                "text.csv:3: column 'EmployeeId': the primary key is empty.",
            ],
            result.Rejects.Select(r => r.Message));
        Assert.All(result.Rejects, r => Assert.Equal((RejectReason.EmptyKey, (string?)null, "EmployeeId"), (r.Reason, r.Key, r.Column)));
        Assert.Equal((3L, 2L, 2L), (result.RowCount, result.RejectedRowCount, result.UnidentifiedRejectedRowCount));
        Assert.Empty(result.RejectedKeys);
    }

    [Fact]
    public void MapText_KeyOnTwoRows_RejectsBothRowsNamingTheOtherLine()
    {
        var result = People(Header + "E1,Zoé,Müller,,,,,,,,\nE2,Ana,Lopez,,,,,,,,\nE1,Jürgen,Weiß,,,,,,,,\n");

        Assert.Equal(["E2"], result.Resources.Select(r => r.Key));
        Assert.Equal(
            [
                (2L, RejectReason.DuplicateKey, "E1", "text.csv:2: column 'EmployeeId': the primary key is also on line(s) 4; every row with this key is rejected."),
                (4L, RejectReason.DuplicateKey, "E1", "text.csv:4: column 'EmployeeId': the primary key is also on line(s) 2; every row with this key is rejected."),
            ],
            result.Rejects.Select(r => (r.Line, r.Reason, r.Key, r.Message)));
        Assert.False(result.TryGetResource("E1", out var missing));
        Assert.Null(missing);
        Assert.Equal((3L, 2L), (result.RowCount, result.RejectedRowCount));
        Assert.Equal(["E1"], result.RejectedKeys);
        Assert.Equal(0, result.UnidentifiedRejectedRowCount);
    }

    [Fact]
    public void MapText_KeyOnThreeRows_RejectsAllThree()
    {
        var result = People(Header + "E1,A,One,,,,,,,,\nE1,B,Two,,,,,,,,\nE2,C,Three,,,,,,,,\nE1,D,Four,,,,,,,,\n");

        Assert.Equal(["E2"], result.Resources.Select(r => r.Key));
        Assert.Equal(
            [
                "text.csv:2: column 'EmployeeId': the primary key is also on line(s) 3, 5; every row with this key is rejected.",
                "text.csv:3: column 'EmployeeId': the primary key is also on line(s) 2, 5; every row with this key is rejected.",
                "text.csv:5: column 'EmployeeId': the primary key is also on line(s) 2, 3; every row with this key is rejected.",
            ],
            result.Rejects.Select(r => r.Message));
        Assert.Equal(3, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_DuplicateOfARowRejectedEarlierForABadValue_RejectsTheGoodRowAsDuplicateOnly()
    {
        var result = People(Header + "E1,A,One,99/99/1999,,,,,,,\nE1,B,Two,,,,,,,,\n");

        Assert.Empty(result.Resources);
        Assert.Equal(
            [
                (2L, RejectReason.InvalidValue, "text.csv:2: column 'BirthDate': the value is not a date in the format(s) 'dd/MM/yyyy'."),
                (3L, RejectReason.DuplicateKey, "text.csv:3: column 'EmployeeId': the primary key is also on line(s) 2; every row with this key is rejected."),
            ],
            result.Rejects.Select(r => (r.Line, r.Reason, r.Message)));
        Assert.Equal((2L, 2L), (result.RowCount, result.RejectedRowCount));
        Assert.False(result.TryGetResource("E1", out _));
    }

    [Fact]
    public void MapText_DuplicateOfARowRejectedLaterForABadValue_RejectsTheGoodRowAsDuplicateOnly()
    {
        var result = People(Header + "E1,A,One,,,,,,,,\nE2,C,Three,,,,,,,,\nE1,B,Two,,,not a number,,,,,\n");

        Assert.Equal(["E2"], result.Resources.Select(r => r.Key));
        Assert.Equal(
            [
                (4L, RejectReason.InvalidValue, "text.csv:4: column 'Fte': the value is not a decimal number in the culture 'invariant' (decimal separator '.', no thousands separator)."),
                (2L, RejectReason.DuplicateKey, "text.csv:2: column 'EmployeeId': the primary key is also on line(s) 4; every row with this key is rejected."),
            ],
            result.Rejects.Select(r => (r.Line, r.Reason, r.Message)));
        Assert.Equal(2, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_BadRowThenTwoGoodRowsWithTheSameKey_RejectsTheGoodRowsAsDuplicates()
    {
        var result = People(Header + "E1,A,,,,,,,,,\nE1,B,Two,,,,,,,,\nE1,C,Three,,,,,,,,\n");

        Assert.Empty(result.Resources);
        Assert.Equal(
            [
                (2L, RejectReason.MissingValue),
                (3L, RejectReason.DuplicateKey),
                (4L, RejectReason.DuplicateKey),
            ],
            result.Rejects.Select(r => (r.Line, r.Reason)));
        Assert.Equal("text.csv:3: column 'EmployeeId': the primary key is also on line(s) 2, 4; every row with this key is rejected.", result.Rejects[1].Message);
        Assert.Equal("text.csv:4: column 'EmployeeId': the primary key is also on line(s) 2, 3; every row with this key is rejected.", result.Rejects[2].Message);
        Assert.Equal(3, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_TwoBadRowsWithTheSameKey_KeepTheirOwnRejectsOnly()
    {
        var result = People(Header + "E1,A,,,,,,,,,\nE1,B,Two,bad,,,,,,,\n");

        Assert.Equal([(2L, RejectReason.MissingValue), (3L, RejectReason.InvalidValue)], result.Rejects.Select(r => (r.Line, r.Reason)));
        Assert.Equal(2, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_DuplicateOfARowWithTheWrongFieldCount_RejectsTheGoodRowToo()
    {
        var result = People(Header + "E1,A,One,,,,,,,,,extra\nE1,B,Two,,,,,,,,\n");

        Assert.Empty(result.Resources);
        Assert.Equal([(2L, RejectReason.FieldCountMismatch), (3L, RejectReason.DuplicateKey)], result.Rejects.Select(r => (r.Line, r.Reason)));
        Assert.Equal(["E1"], result.RejectedKeys);
    }

    [Fact]
    public void MapText_KeysDifferingOnlyByCase_AreTwoResources()
    {
        var result = People(Header + "e1,Lower,One,,,,,,,,\nE1,Upper,Two,,,,,,,,\n");

        Assert.Empty(result.Rejects);
        Assert.Equal(["e1", "E1"], result.Resources.Select(r => r.Key));
        Assert.True(result.TryGetResource("e1", out var lower));
        Assert.True(result.TryGetResource("E1", out var upper));
        Assert.Equal(("Lower", "Upper"), (lower["FirstName"], upper["FirstName"]));
    }

    [Fact]
    public void MapText_KeysDifferingOnlyBySurroundingSpaces_AreTheSameKey()
    {
        var result = People(Header + "E1,A,One,,,,,,,,\n  E1 ,B,Two,,,,,,,,\n");

        Assert.Empty(result.Resources);
        Assert.Equal([RejectReason.DuplicateKey, RejectReason.DuplicateKey], result.Rejects.Select(r => r.Reason));
        Assert.All(result.Rejects, r => Assert.Equal("E1", r.Key));
    }

    [Fact]
    public void TryGetResource_KnownAndUnknownKeys_FindsOnlyTheResourceWithThatKey()
    {
        var result = People(Header + "E1,Zoé,Müller,,,,,,,,\nE2,Ana,Lopez,,,,,,,,\n");

        Assert.True(result.TryGetResource("E2", out var ana));
        Assert.Same(result.Resources[1], ana);
        Assert.False(result.TryGetResource("E3", out var none));
        Assert.Null(none);
        Assert.False(result.TryGetResource("e2", out _));
        Assert.Throws<ArgumentNullException>(() => result.TryGetResource(null!, out _));
    }

    [Fact]
    public void MapText_RowCounts_CountDataRowsOnceEachAndIgnoreBlankLines()
    {
        var result = People(Header + "E1,Zoé,Müller,bad,bad,bad,,,,,\n\nE2,Ana,Lopez,,,,,,,,\n   \nE3,Jürgen,,,,,,,,,\n");

        Assert.Equal(3L, result.RowCount);
        Assert.Equal(2L, result.RejectedRowCount);
        Assert.Equal(["BirthDate", "HireDate", "Fte", "LastName"], result.Rejects.Select(r => r.Column));
        Assert.Equal([2L, 2L, 2L, 6L], result.Rejects.Select(r => r.Line));
        Assert.Equal(["E2"], result.Resources.Select(r => r.Key));
        Assert.True(result.HasRejects);
        Assert.Equal(["E1", "E3"], result.RejectedKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MapText_HeaderOnly_HasNoRowsNoResourcesAndNoRejects()
    {
        var result = People(Header);

        Assert.Equal((0L, 0L, false), (result.RowCount, result.RejectedRowCount, result.HasRejects));
        Assert.Empty(result.Resources);
        Assert.Equal("Person", result.EntityType.Identifier);
        Assert.Equal("text.csv", result.File);
        Assert.False(result.IsTruncated);
    }

    private static MappingResult People(string csv) => TestConnectors.People().Build().MapText("Person", csv);
}
