using System.Text;
using HrConnector.Mapping;
using HrConnector.Csv;

namespace HrConnector.Tests.Csv;

/// <summary>
/// Resource.Line and Reject.Line are physical 1-based lines of the file: skipped lines, the header, blank lines,
/// comments and the line breaks inside quoted values all count.
/// </summary>
public sealed class CsvRecordReaderLineNumbersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_EveryKindOfLine_ResourcesAndRejectsCarryPhysicalLines(string lineEnd)
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.LinesToSkip = 2;
                c.CommentCharacter = '#';
                c.MaxRejectPercent = 0;
                c.CutLastRecord = CutLastRecordHandling.RejectAndHoldDeletes; // line 16 opens a quote the end of the file never closes
            },
            _folder.Root);
        string[] lines =
        [
            "Contoso HR export",      // 1
            "Exported 2024-11-26",    // 2
            CsvPeople.Header,         // 3
            "# first comment",        // 4
            "E1,\"Anne",              // 5
            "Marie\",Smith",          // 6
            string.Empty,             // 7
            "E2,Bob",                 // 8: fewer fields
            "# comment",              // 9
            "E3,\"Carl",              // 10
            "\"\"C\"\"\",Doe,extra",  // 11: more fields (row of lines 10-11)
            "E4,Do\"ra,Day",          // 12: stray quote
            "E6,Fay,Lee",             // 13
            "   ",                    // 14
            ",No,Key",                // 15: empty key
            "E7,Gus,\"Ito",           // 16: never closed
            "E8,Hal,Ito",             // 17
        ];
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join(lineEnd, lines))];
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Equal($"5:E1:Anne{lineEnd}Marie:Smith | 13:E6:Fay:Lee", CsvPeople.Describe(result));
        Assert.Equal(
            "8:∅:FieldCountMismatch:E2 | 10:∅:FieldCountMismatch:E3 | 12:∅:MalformedRow:E4 | 15:EmployeeId:EmptyKey:∅ | 16:∅:UnterminatedQuote:E7",
            CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("people.csv:16: a quoted field (column 'LastName') opened on this line is never closed, so the record swallowed lines 16 to 17 (the end of the file): none of them could be read; the file is incomplete.", result.Rejects[^1].Message);
        Assert.Equal(7, result.RowCount);
        Assert.Equal(5, result.RejectedRowCount);
        Assert.True(result.IsTruncated);
    }

    [Fact]
    public void MapText_RowsAfterAMalformedMultiLineRow_KeepPhysicalLines()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"  // 1
            + "E1,\"Anne\n"                 // 2
            + "Marie\"x,Smith\n"            // 3: text after the closing quote (row of lines 2-3)
            + "E2,Bob,Jones\n"              // 4
            + "E3,\"Carl\n\nC\",Doe\n"      // 5-7
            + "E4,Dora,Day\n";              // 8

        var result = connector.MapText("Person", csv);

        Assert.Equal("4:E2:Bob:Jones | 5:E3:Carl\n\nC:Doe | 8:E4:Dora:Day", CsvPeople.Describe(result));
        Assert.Equal("2:∅:MalformedRow:E1", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:2: the row breaks the quoting rules: text after the closing quote of a value. Quote the whole value and double the quotes inside it.", result.Rejects[0].Message);
    }

    [Fact]
    public void MapText_DuplicateKeys_RejectEveryRowWithItsPhysicalLine()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"  // 1
            + "E1,\"Anne\nMarie\",Smith\n"  // 2-3
            + "\n"                          // 4
            + "E2,Bob,Jones\n"              // 5
            + "E1,Ann,Smith\n";             // 6

        var result = connector.MapText("Person", csv);

        Assert.Equal("5:E2:Bob:Jones", CsvPeople.Describe(result));
        Assert.Equal("2:EmployeeId:DuplicateKey:E1 | 6:EmployeeId:DuplicateKey:E1", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:2: column 'EmployeeId': the primary key is also on line(s) 6; every row with this key is rejected.", result.Rejects[0].Message);
        Assert.Equal(RejectReason.DuplicateKey, result.Rejects[1].Reason);
    }

    [Theory]
    [InlineData("utf-8", 65535, "\r\n")]
    [InlineData("utf-8", 65536, "\r\n")]
    [InlineData("utf-8", 100000, "\n")]
    [InlineData("utf-16", 32767, "\r\n")]
    [InlineData("utf-16BE", 32767, "\r\n")]
    [InlineData("utf-16BE", 70000, "\r")]
    public void Read_SkippedLinesLongerThanTheReadBuffer_HeaderIsFoundOnItsLine(string encodingName, int titleLength, string lineEnd)
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.Encoding = encodingName;
                c.LinesToSkip = 2;
            },
            _folder.Root);
        var encoding = encodingName switch
        {
            "utf-16" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
            "utf-16BE" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
            _ => (Encoding)new UTF8Encoding(false),
        };
        var text = new string('t', titleLength) + lineEnd + "Exported" + lineEnd + CsvPeople.Header + lineEnd + "E1,Zoé,Weiß" + lineEnd;
        _folder.Write("people.csv", encoding.GetBytes(text));

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("4:E1:Zoé:Weiß", CsvPeople.Describe(result));
    }
}
