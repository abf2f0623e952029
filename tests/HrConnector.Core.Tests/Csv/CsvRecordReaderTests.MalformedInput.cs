using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;

namespace HrConnector.Tests.Csv;

/// <summary>Structurally broken rows: they become rejects, and the sound rows around them still map.</summary>
public sealed class CsvRecordReaderMalformedInputTests : IDisposable
{
    private const string Secret = "Zyxqwv";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MapText_StrayQuoteAndTextAfterClosingQuote_RejectMalformedRowsAndMapTheOthers()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"  // 1
            + "E1,Anne,Smith\n"             // 2
            + "E2,Bo\"b,Jones\n"            // 3
            + "E3,\"Carl\"x,Doe\n"          // 4
            + "E4,\"Dora\nMay\",Day\n"      // 5-6
            + "E5,Eve,Ray\n";               // 7

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne:Smith | 5:E4:Dora\nMay:Day | 7:E5:Eve:Ray", CsvPeople.Describe(result));
        Assert.Equal("3:∅:MalformedRow:E2 | 4:∅:MalformedRow:E3", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:3: the row breaks the quoting rules: a quote (\") inside an unquoted value. Quote the whole value and double the quotes inside it.", result.Rejects[0].Message);
        Assert.Equal("text.csv:4: the row breaks the quoting rules: text after the closing quote of a value. Quote the whole value and double the quotes inside it.", result.Rejects[1].Message);
        Assert.Equal(5, result.RowCount);
        Assert.Equal(2, result.RejectedRowCount);
        Assert.Equal(0, result.UnidentifiedRejectedRowCount);
        Assert.False(result.IsTruncated);
    }

    [Fact]
    public void MapText_MalformedLastRow_IsStillRejected()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\nE1,Anne,Smith\nE2,Bo\"b,Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
        Assert.Equal("3:∅:MalformedRow:E2", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal(2, result.RowCount);
    }

    [Fact]
    public void MapText_StrayQuoteWithCustomQuote_NamesTheQuoteCharacter()
    {
        var connector = CsvPeople.Build(c => c.Quote = '\'');
        var csv = CsvPeople.Header + "\nE1,O'Neil,Smith\nE2,Bob,Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("3:E2:Bob:Jones", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.MalformedRow, reject.Reason);
        Assert.Equal("text.csv:2: the row breaks the quoting rules: a quote (') inside an unquoted value. Quote the whole value and double the quotes inside it.", reject.Message);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("")]
    public void MapText_UnterminatedQuote_RejectsTheRestOfTheFileAndMarksItTruncated(string finalLineEnd)
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"  // 1
            + "E1,Anne,Smith\n"             // 2
            + "E2,\"Bob,Jones\n"            // 3: the quote is never closed
            + "E3,Carl,Doe\n"               // 4
            + "E4,Dora,Day" + finalLineEnd; // 5

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.UnterminatedQuote, reject.Reason);
        Assert.Equal(3, reject.Line);
        Assert.Null(reject.Column);
        Assert.Equal("E2", reject.Key);
        Assert.Equal("text.csv:3: a quoted field (column 'FirstName') opened on this line is never closed, so the record swallowed lines 3 to 5 (the end of the file): none of them could be read; the file is incomplete.", reject.Message);
        Assert.True(result.IsTruncated);
        Assert.Equal(2, result.RowCount);
        Assert.Equal(1, result.RejectedRowCount);
        Assert.True(result.TryGetResource("E1", out _));
        Assert.False(result.TryGetResource("E3", out _));
    }

    [Fact]
    public void MapText_UnterminatedQuoteOnLastLine_NamesThatLineOnly()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\r\nE1,Anne,Smith\r\nE2,Bob,\"Jones\r\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal("text.csv:3: a quoted field (column 'LastName') opened on this line is never closed, and the file ends on this line: the line could not be read; the file is incomplete.", reject.Message);
        Assert.True(result.IsTruncated);
    }

    [Fact]
    public void MapText_NoUnterminatedQuote_IsNotTruncated()
    {
        var connector = CsvPeople.Build();

        var result = connector.MapText("Person", CsvPeople.Header + "\nE1,\"Anne\",\"\"\n");

        Assert.False(result.IsTruncated);
        Assert.Equal("2:E1:Anne:∅", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_MoreAndFewerFieldsThanHeader_RejectFieldCountMismatchWithKeyWhenReadable()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"  // 1
            + "E1,Anne,Smith,extra\n"       // 2
            + "E2,Bob\n"                    // 3
            + "E3,Carl,Doe\n"               // 4
            + ",Dora\n"                     // 5
            + "E5\n"                        // 6
            + "E6,Eve,\"Ray, Jr\",\n";      // 7

        var result = connector.MapText("Person", csv);

        Assert.Equal("4:E3:Carl:Doe", CsvPeople.Describe(result));
        Assert.Equal(
            "2:∅:FieldCountMismatch:E1 | 3:∅:FieldCountMismatch:E2 | 5:∅:FieldCountMismatch:∅ | 6:∅:FieldCountMismatch:E5 | 7:∅:FieldCountMismatch:E6",
            CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:2: the row has 4 fields but the header has 3; is a delimiter (',') missing, extra, or inside an unquoted value?", result.Rejects[0].Message);
        Assert.Equal("text.csv:3: the row has 2 fields but the header has 3; is a delimiter (',') missing, extra, or inside an unquoted value?", result.Rejects[1].Message);
        Assert.Equal(6, result.RowCount);
        Assert.Equal(5, result.RejectedRowCount);
        Assert.Equal(new HashSet<string> { "E1", "E2", "E5", "E6" }, result.RejectedKeys);
        Assert.Equal(1, result.UnidentifiedRejectedRowCount);
    }

    [Fact]
    public void MapText_FewerFieldsThanTheKeyColumnIndex_RejectHasNoKey()
    {
        var connector = CsvPeople.Build();
        var csv = "FirstName,LastName,EmployeeId\nAnne,Smith\nBob,Jones,E2,extra\nCarl,Doe,E3\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("4:E3:Carl:Doe", CsvPeople.Describe(result));
        Assert.Equal("2:∅:FieldCountMismatch:∅ | 3:∅:FieldCountMismatch:E2", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Fact]
    public void Read_InvalidUtf8Bytes_RejectInvalidEncodingNamingTheColumn()
    {
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 0, _folder.Root);
        byte[] bytes =
        [
            .. Encoding.UTF8.GetBytes(CsvPeople.Header + "\nE1,Ann"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("e,Smith\n"),
            .. Encoding.UTF8.GetBytes("E2,Zoé,Weiß\n"),
            0xC3, 0x28, .. Encoding.UTF8.GetBytes(",Carl,Doe\n"),
            .. Encoding.UTF8.GetBytes("E4,Dora,D"), 0xFF, .. Encoding.UTF8.GetBytes("y\n"),
        ];
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Equal("3:E2:Zoé:Weiß", CsvPeople.Describe(result));
        Assert.Equal(
            ["2:FirstName:InvalidEncoding", "4:EmployeeId:InvalidEncoding", "5:LastName:InvalidEncoding"],
            result.Rejects.Select(r => $"{r.Line}:{r.Column}:{r.Reason}"));
        Assert.Equal("people.csv:2: column 'FirstName': the value holds bytes that are not valid utf-8; is the encoding of the connection right?", result.Rejects[0].Message);
        Assert.Equal("people.csv:4: column 'EmployeeId': the value holds bytes that are not valid utf-8; is the encoding of the connection right?", result.Rejects[1].Message);
        Assert.Equal(4, result.RowCount);
        Assert.Equal(3, result.RejectedRowCount);
    }

    [Fact]
    public void Read_InvalidUtf8InAnotherColumn_RejectCarriesTheReadableKey()
    {
        // Reject.Key: "The primary key of the row, when it could be read"; RejectedKeys protects these resources in a sync.
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 0, _folder.Root);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(CsvPeople.Header + "\nE1,Ann"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("e,Smith\nE2,Bob,Jones\n")];
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.InvalidEncoding, reject.Reason);
        Assert.Equal("E1", reject.Key);
        Assert.Equal(new HashSet<string> { "E1" }, result.RejectedKeys);
    }

    [Fact]
    public void Read_InvalidUtf8InHeader_ThrowsInvalidHeader()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        byte[] bytes = [.. Encoding.UTF8.GetBytes("EmployeeId,First"), 0xE9, .. Encoding.UTF8.GetBytes("Name,LastName\nE1,Anne,Smith\n")];
        var path = _folder.Write("people.csv", bytes);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(1, exception.Line);
        Assert.Equal($"{path}:1: the header row holds bytes that are not valid UTF-8; is the encoding of the connection right?", exception.Message);
    }

    [Fact]
    public void MapText_FieldLongerThanMaxFieldLength_RejectsFieldTooLongNamingEachColumn()
    {
        var connector = CsvPeople.Build(c => c.MaxFieldLength = 5);
        var csv = CsvPeople.Header + "\n"  // 1
            + "E1,Annette,Smith\n"          // 2
            + "E2,Bob,Jones\n"              // 3
            + "E3,Bernadette,Smithson\n"    // 4
            + "E4,Carla,Doe\n";             // 5

        var result = connector.MapText("Person", csv);

        Assert.Equal("3:E2:Bob:Jones | 5:E4:Carla:Doe", CsvPeople.Describe(result));
        Assert.Equal("2:FirstName:FieldTooLong:E1 | 4:FirstName:FieldTooLong:E3 | 4:LastName:FieldTooLong:E3", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:2: column 'FirstName': the value has 7 characters, more than the 5 allowed (MaxFieldLength).", result.Rejects[0].Message);
        Assert.Equal("text.csv:4: column 'LastName': the value has 8 characters, more than the 5 allowed (MaxFieldLength).", result.Rejects[2].Message);
        Assert.Equal(4, result.RowCount);
        Assert.Equal(2, result.RejectedRowCount);
    }

    [Theory]
    [InlineData("漢字漢字漢")]
    [InlineData("Zoëéè")]
    [InlineData("Ωμέγα")]
    [InlineData("Weiße")]
    public void MapText_MultibyteValueWithinMaxFieldLengthCharacters_Passes(string name)
    {
        var connector = CsvPeople.Build(c => c.MaxFieldLength = 5);
        Assert.True(Encoding.UTF8.GetByteCount(name) > 5);

        var result = connector.MapText("Person", CsvPeople.Header + "\nE1," + name + ",Smith\n");

        Assert.Empty(result.Rejects);
        Assert.Equal($"2:E1:{name}:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_MultibyteValueOverMaxFieldLength_CountsCharactersNotBytes()
    {
        var connector = CsvPeople.Build(c => c.MaxFieldLength = 5);

        var result = connector.MapText("Person", CsvPeople.Header + "\nE1,漢字漢字漢字,Smith\n");

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.FieldTooLong, reject.Reason);
        Assert.Equal("text.csv:2: column 'FirstName': the value has 6 characters, more than the 5 allowed (MaxFieldLength).", reject.Message);
    }

    [Fact]
    public void MapText_RecordLargerThan16MiB_ThrowsRecordTooLarge()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\nE1,Anne,Smith\nE2,\"" + new string('x', CsvDefaults.MaxRecordBytes + 1024) + "\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.RecordTooLarge, exception.Error);
        Assert.Equal(3, exception.Line);
        Assert.Equal("text.csv:3: a record is larger than 16 MiB; a quoted field is probably never closed.", exception.Message);
    }

    [Fact]
    public void Read_BrokenRows_NoFieldValueInAnyRejectMessage()
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.MaxFieldLength = 20;
                c.MaxRejectPercent = 0;
            },
            _folder.Root);
        byte[] bytes =
        [
            .. Encoding.UTF8.GetBytes(CsvPeople.Header + "\n"
                + $"E1,{Secret}a,{Secret}b,{Secret}c\n"
                + $"E2,{Secret}\"d,Smith\n"
                + $"E3,\"{Secret}e\"{Secret}f,Smith\n"
                + $"E4,{Secret}{Secret}{Secret}{Secret},Smith\n"
                + $"E5,{Secret}"),
            0xC3, 0x28,
            .. Encoding.UTF8.GetBytes($",Smith\n,{Secret}g,{Secret}h\nE7,\"{Secret}i,Smith\nE8,{Secret}j,Smith\n"),
        ];
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Equal(
            [RejectReason.FieldCountMismatch, RejectReason.MalformedRow, RejectReason.MalformedRow, RejectReason.FieldTooLong, RejectReason.InvalidEncoding, RejectReason.EmptyKey, RejectReason.UnterminatedQuote],
            result.Rejects.Select(r => r.Reason));
        Assert.All(result.Rejects, r =>
        {
            Assert.DoesNotContain(Secret, r.Message, StringComparison.Ordinal);
            Assert.Null(r.Value);
        });
    }

    [Fact]
    public void Read_RejectLimitExceeded_NoFieldValueInExceptionMessage()
    {
        var connector = CsvPeople.Build(c => c.MaxRejects = 1, _folder.Root);
        _folder.WriteUtf8("people.csv", CsvPeople.Header + $"\nE1,{Secret}a,{Secret}b,{Secret}c\nE2,{Secret}\"d,Smith\nE3,Bob,Jones\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.RejectLimitExceeded, exception.Error);
        Assert.DoesNotContain(Secret, exception.Message, StringComparison.Ordinal);
        Assert.All(exception.Errors, e => Assert.DoesNotContain(Secret, e, StringComparison.Ordinal));
        Assert.All(exception.Rejects, r => Assert.DoesNotContain(Secret, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void MapText_InvalidHeaderAndMissingHeader_NoFieldValueInExceptionMessage()
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = 1);

        var missingColumn = Assert.Throws<CsvFileException>(() => connector.MapText("Person", $"{Secret} export\nEmployeeId,FirstName\nE1,{Secret}\n"));
        var missingHeader = Assert.Throws<CsvFileException>(() => connector.MapText("Person", $"{Secret} export"));

        Assert.DoesNotContain(Secret, missingColumn.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, missingHeader.Message, StringComparison.Ordinal);
        Assert.Equal(CsvFileError.InvalidHeader, missingColumn.Error);
        Assert.Equal(CsvFileError.MissingHeader, missingHeader.Error);
    }

    [Fact]
    public void MapText_HeaderBreakingQuotingRules_NoFieldValueInExceptionMessage()
    {
        var connector = CsvPeople.Build();
        var csv = $"EmployeeId,First\"Name,LastName\nE1,{Secret},{Secret}\nE2,Bob,Jones\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.DoesNotContain(Secret, exception.Message, StringComparison.Ordinal);
        Assert.Equal(["the header row breaks the quoting rules."], exception.Errors);
    }
}
