using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Csv;

/// <summary>
/// QuoteInUnquotedValue: a quote inside a value that does not start with one is rejected (Reject, the default) or kept
/// as a character (Literal); quoted values follow the RFC 4180 rules either way.
/// </summary>
public sealed class CsvRecordReaderQuoteInUnquotedValueTests : IDisposable
{
    private const string Csv = CsvPeople.Header + "\n" // 1
        + "E1,37°36'37.8\"N,Smith\n"                    // 2: a quote inside an unquoted value
        + "E2,ab\"c,Jones\n"                            // 3: idem
        + "E3,\"Carl \"\"C\"\"\",Doe\n"                 // 4: a quoted value with escaped quotes
        + "E4,\"Dora\"x,Day\n"                          // 5: text after the closing quote
        + "E5,Eve,Ray\n";                               // 6

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_Default_RejectsAQuoteInsideAnUnquotedValue()
    {
        var connector = CsvPeople.Build();

        var result = connector.MapText("Person", Csv);

        Assert.Equal(QuoteInUnquotedValueHandling.Reject, connector.Connections[0].QuoteInUnquotedValue);
        Assert.Equal("4:E3:Carl \"C\":Doe | 6:E5:Eve:Ray", CsvPeople.Describe(result));
        Assert.Equal("2:∅:MalformedRow:E1 | 3:∅:MalformedRow:E2 | 5:∅:MalformedRow:E4", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:2: the row breaks the quoting rules: a quote (\") inside an unquoted value. Quote the whole value and double the quotes inside it.", result.Rejects[0].Message);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_Literal_KeepsTheQuoteAsACharacterAndQuotedValuesFollowTheRules()
    {
        var connector = CsvPeople.Build(c => c.QuoteInUnquotedValue = QuoteInUnquotedValueHandling.Literal);

        var result = connector.MapText("Person", Csv);

        Assert.Equal("2:E1:37°36'37.8\"N:Smith | 3:E2:ab\"c:Jones | 4:E3:Carl \"C\":Doe | 6:E5:Eve:Ray", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((5L, RejectReason.MalformedRow, "E4"), (reject.Line, reject.Reason, reject.Key));
        Assert.Equal("text.csv:5: the row breaks the quoting rules: text after the closing quote of a value. Quote the whole value and double the quotes inside it.", reject.Message);
        Assert.Equal(5, result.RowCount);
        Assert.False(result.IsTruncated);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_LiteralWithABadQuotedValueAfterALiteralQuote_RejectsTheRow()
    {
        // The reader reports a row once, with its first problem (the literal quote): the quoted value after it is checked too.
        var connector = CsvPeople.Build(c => c.QuoteInUnquotedValue = QuoteInUnquotedValueHandling.Literal);
        var csv = CsvPeople.Header + "\nE1,a\"b,\"c\"d\nE2,Bob,Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("3:E2:Bob:Jones", CsvPeople.Describe(result));
        Assert.Equal("2:∅:MalformedRow:E1", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Contains("text after the closing quote of a value", result.Rejects[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData(QuoteInUnquotedValueHandling.Reject)]
    [InlineData(QuoteInUnquotedValueHandling.Literal)]
    public void MapText_UnterminatedQuote_IsRejectedAndTruncatesInBothModes(QuoteInUnquotedValueHandling mode)
    {
        var connector = CsvPeople.Build(c => c.QuoteInUnquotedValue = mode);
        var csv = CsvPeople.Header + "\nE1,Anne,Smith\nE2,\"Bob,Jones\nE3,Carl,Doe\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((3L, RejectReason.UnterminatedQuote, "E2"), (reject.Line, reject.Reason, reject.Key));
        Assert.Equal("text.csv:3: a quoted field (column 'FirstName') opened on this line is never closed, so the record swallowed lines 3 to 4 (the end of the file): none of them could be read; the file is incomplete.", reject.Message);
        Assert.True(result.IsTruncated);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_LiteralWithSpacesAroundQuotes_StillReadsQuotedValues()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.QuoteInUnquotedValue = QuoteInUnquotedValueHandling.Literal;
            c.SpacesAroundQuotes = true;
        });
        var csv = CsvPeople.Header + "\nE1, \"Anne, Marie\" ,O\"Neil\nE2,Bob, \"Jones\" x\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne, Marie:O\"Neil", CsvPeople.Describe(result));
        Assert.Equal("3:∅:MalformedRow:E2", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void FromJsonFile_QuoteInUnquotedValueLiteral_BindsAndReadsTheValue()
    {
        var json = """
        {
          "Identifier": "HR",
          "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "FirstName" }, { "Identifier": "LastName" } ] } ],
          "Connections": [ { "Identifier": "people", "Path": "people.csv", "QuoteInUnquotedValue": "Literal" } ],
          "Mappings": [
            {
              "EntityType": "Person", "Connection": "people", "KeyColumn": "EmployeeId",
              "Properties": [ { "Property": "FirstName", "Column": "FirstName" }, { "Property": "LastName", "Column": "LastName" } ]
            }
          ]
        }
        """;
        var path = _folder.Write("connector.json", Encoding.UTF8.GetBytes(json));
        _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,37°36'37.8\"N,Smith\n");

        var connector = ConnectorConfiguration.FromJsonFile(path);

        Assert.Equal(QuoteInUnquotedValueHandling.Literal, connector.Connections[0].QuoteInUnquotedValue);
        Assert.Equal("2:E1:37°36'37.8\"N:Smith", CsvPeople.Describe(connector.Read("Person")));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Build_UnknownQuoteInUnquotedValue_FailsValidation()
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => CsvPeople.Build(c => c.QuoteInUnquotedValue = (QuoteInUnquotedValueHandling)7));

        Assert.Contains("The connection 'people' has QuoteInUnquotedValue 7; use Reject or Literal.", exception.Errors);
    }
}
