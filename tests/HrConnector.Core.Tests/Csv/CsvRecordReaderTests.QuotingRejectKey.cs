using HrConnector.Mapping;
using HrConnector.Csv;

namespace HrConnector.Tests.Csv;

/// <summary>
/// Rows that break the quoting rules name their key when its field precedes the problem (the key is no personal data:
/// it is the HR key), and an unterminated quote says exactly which lines its record swallowed.
/// </summary>
public sealed class CsvRecordReaderQuotingRejectKeyTests
{
    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_UnterminatedQuoteInAMiddleField_NamesTheKeyAndTheSwallowedLines()
    {
        var connector = CsvPeople.Build();
        var lines = new List<string> { CsvPeople.Header };
        lines.AddRange(Enumerable.Range(1, 9).Select(n => $"E{n},First{n},Last{n}")); // 2-10
        lines.Add("E10,\"First10,Last10");                                            // 11: never closed
        lines.Add("E11,First11,Last11");                                              // 12: swallowed

        var result = connector.MapText("Person", string.Join("\n", lines) + "\n");

        Assert.Equal(9, result.Resources.Count);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((11L, RejectReason.UnterminatedQuote, "E10"), (reject.Line, reject.Reason, reject.Key));
        Assert.Equal("text.csv:11: a quoted field (column 'FirstName') opened on this line is never closed, so the record swallowed lines 11 to 12 (the end of the file): none of them could be read; the file is incomplete.", reject.Message);
        Assert.DoesNotContain("First10", reject.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.UnidentifiedRejectedRowCount);
        Assert.Contains("E10", result.RejectedKeys);
        Assert.True(result.IsTruncated);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_UnterminatedQuoteInTheKeyField_HasNoKey()
    {
        var connector = CsvPeople.Build();

        var result = connector.MapText("Person", CsvPeople.Header + "\nE1,Anne,Smith\n\"E2,Bob,Jones\nE3,Carl,Doe\n");

        var reject = Assert.Single(result.Rejects);
        Assert.Equal((3L, RejectReason.UnterminatedQuote, null), (reject.Line, reject.Reason, reject.Key));
        Assert.Equal("text.csv:3: a quoted field (column 'EmployeeId') opened on this line is never closed, so the record swallowed lines 3 to 4 (the end of the file): none of them could be read; the file is incomplete.", reject.Message);
        Assert.Equal(1, result.UnidentifiedRejectedRowCount);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_KeyColumnAfterTheProblem_HasNoKey()
    {
        var connector = CsvPeople.Build();
        var csv = "FirstName,LastName,EmployeeId\nAnne,Smith,E1\nBo\"b,Jones,E2\n\"Carl\"x,Doe,E3\nDora,\"Day,E4\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
        Assert.Equal("3:∅:MalformedRow:∅ | 4:∅:MalformedRow:∅ | 5:∅:UnterminatedQuote:∅", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_QuotedKeyBeforeTheProblem_IsNamedUnquoted()
    {
        var connector = CsvPeople.Build(c => c.ValuesToTrim.Add("'"));
        var csv = CsvPeople.Header + "\n\"E1\",Bo\"b,Jones\n 'E2' ,\"Carl\"x,Doe\n\"E\"\"3\",Dora,\"Day\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:∅:MalformedRow:E1 | 3:∅:MalformedRow:E2 | 4:∅:UnterminatedQuote:E\"3", CsvPeople.DescribeRejects(result.Rejects));
    }
}
