using System.Globalization;
using HrConnector.Csv;
using HrConnector.Mapping;

namespace HrConnector.Tests.Csv;

/// <summary>The reading settings of a CSV connection, exercised on in-memory text (Connector.MapText).</summary>
public class CsvConnectionSettingsTests
{
    [Fact]
    public void CsvConnectionOptions_New_HasDocumentedDefaults()
    {
        var options = new CsvConnectionOptions();

        Assert.Equal(string.Empty, options.Identifier);
        Assert.Null(options.Path);
        Assert.Null(options.Directory);
        Assert.Null(options.FileNamePattern);
        Assert.Equal("utf-8", options.Encoding);
        Assert.Equal(',', options.Delimiter);
        Assert.Equal('"', options.Quote);
        Assert.Null(options.CommentCharacter);
        Assert.Equal(0, options.LinesToSkip);
        Assert.True(options.HasHeader);
        Assert.Empty(options.ColumnNames);
        Assert.True(options.TrimWhitespace);
        Assert.Empty(options.ValuesToTrim);
        Assert.False(options.CaseInsensitiveHeaders);
        Assert.Equal(string.Empty, options.Culture);
        Assert.Equal(0, options.MaxFieldLength);
        Assert.Equal(0, options.MaxRejects);
        Assert.Equal(10d, options.MaxRejectPercent);
        Assert.Equal(16 * 1024 * 1024, CsvDefaults.MaxRecordBytes);
    }

    [Fact]
    public void Build_ConnectionSettings_AreCopiedToTheConnection()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.Encoding = "windows-1252";
            c.Delimiter = ';';
            c.Quote = '\'';
            c.CommentCharacter = '#';
            c.LinesToSkip = 2;
            c.TrimWhitespace = false;
            c.ValuesToTrim.Add("*");
            c.CaseInsensitiveHeaders = true;
            c.Culture = "fr-FR";
            c.MaxFieldLength = 40;
            c.MaxRejects = 7;
            c.MaxRejectPercent = 12.5;
        });

        var connection = Assert.Single(connector.Connections);
        Assert.Equal("people", connection.Identifier);
        Assert.Equal("people", connection.ToString());
        Assert.Equal(1252, connection.Encoding.CodePage);
        Assert.Equal(';', connection.Delimiter);
        Assert.Equal('\'', connection.Quote);
        Assert.Equal('#', connection.CommentCharacter);
        Assert.Equal(2, connection.LinesToSkip);
        Assert.False(connection.TrimWhitespace);
        Assert.Equal(new[] { "*" }, connection.ValuesToTrim);
        Assert.True(connection.CaseInsensitiveHeaders);
        Assert.Equal("fr-FR", connection.Culture.Name);
        Assert.Equal(40, connection.MaxFieldLength);
        Assert.Equal(7, connection.MaxRejects);
        Assert.Equal(12.5, connection.MaxRejectPercent);
        Assert.Same(connection, connector.GetMapping("Person").Connection);
    }

    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("utf-16", 1200)]
    [InlineData("utf-16BE", 1201)]
    [InlineData("windows-1252", 1252)]
    [InlineData("iso-8859-1", 28591)]
    [InlineData("1252", 1252)]
    public void Build_EncodingName_ResolvesToCodePage(string name, int codePage)
    {
        var connector = CsvPeople.Build(c => c.Encoding = name);

        Assert.Equal(codePage, connector.Connections[0].Encoding.CodePage);
    }

    [Fact]
    public void Build_EmptyCulture_IsInvariantCulture()
    {
        var connector = CsvPeople.Build();

        Assert.Same(CultureInfo.InvariantCulture, connector.Connections[0].Culture);
    }

    [Fact]
    public void MapText_QuotedFieldWithNewlineAndDoubledQuote_KeepsValueAndCountsPhysicalLines()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"             // 1
            + "E1,\"Anne\nMarie \"\"Nan\"\"\",Smith\n"   // 2-3
            + "E2,Bob,\"Jones, Jr\"\n"               // 4
            + "\n"                                  // 5 (blank)
            + "E3,\"a\n\nb\",\"\"\"Doe\"\"\"\n"        // 6-8
            + "E4,,\n"                              // 9
            + ",Carl,Nokey\n";                      // 10

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:E1:Anne\nMarie \"Nan\":Smith | 4:E2:Bob:Jones, Jr | 6:E3:a\n\nb:\"Doe\" | 9:E4:∅:∅", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(10, reject.Line);
        Assert.Equal("EmployeeId", reject.Column);
        Assert.Equal(RejectReason.EmptyKey, reject.Reason);
        Assert.Equal("text.csv:10: column 'EmployeeId': the primary key is empty.", reject.Message);
        Assert.Equal(5, result.RowCount);
        Assert.Equal(1, result.RejectedRowCount);
        Assert.False(result.IsTruncated);
    }

    [Theory]
    [InlineData("lf")]
    [InlineData("crlf")]
    [InlineData("mixed")]
    [InlineData("cr")]
    public void MapText_LineEnds_GiveTheSameResources(string style)
    {
        var connector = CsvPeople.Build();
        string[] lines = [CsvPeople.Header, "E1,Anne,Smith", "E2,\"Bob\",Jones", "", "E3,Carl,\"Doe, Jr\"", "E4,Dora,Day"];
        var csv = style switch
        {
            "lf" => string.Join("\n", lines) + "\n",
            "crlf" => string.Join("\r\n", lines) + "\r\n",
            "cr" => string.Join("\r", lines) + "\r",
            _ => lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r\n" + lines[3] + "\n" + lines[4] + "\r\n" + lines[5],
        };

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones | 5:E3:Carl:Doe, Jr | 6:E4:Dora:Day", CsvPeople.Describe(result));
        Assert.Equal(4, result.RowCount);
    }

    [Fact]
    public void MapText_SemicolonFileWithTwoLinesToSkip_ReadsHeaderOnLineThree()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.Delimiter = ';';
            c.LinesToSkip = 2;
        });
        var csv = "Contoso HR export, \"all staff\"\n"
            + "Exported on 2024-11-26;by;batch\n"
            + "EmployeeId;FirstName;LastName\n"
            + "E1;Anne;Smith, Jr\n"
            + "E2;\"Bob;Robert\";Jones\n"
            + "E3;Carl\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("4:E1:Anne:Smith, Jr | 5:E2:Bob;Robert:Jones", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(6, reject.Line);
        Assert.Equal(RejectReason.FieldCountMismatch, reject.Reason);
        Assert.Equal("text.csv:6: the row has 2 fields but the header has 3; is a delimiter (';') missing, extra, or inside an unquoted value?", reject.Message);
        Assert.Equal(3, result.RowCount);
    }

    [Fact]
    public void MapText_LinesToSkipWithCrlf_CountsSkippedLines()
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = 3);
        var csv = "Title\r\n\r\nExported\r\n" + CsvPeople.Header + "\r\nE1,Anne,Smith\r\n,No,Key\r\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("5:E1:Anne:Smith", CsvPeople.Describe(result));
        Assert.Equal("6:EmployeeId:EmptyKey:∅", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Fact]
    public void MapText_TrimWhitespaceByDefault_RemovesSpacesAndTabsAroundUnquotedValues()
    {
        var connector = CsvPeople.Build();
        var csv = " EmployeeId ,\tFirstName, LastName\t\n"
            + "  E1 ,  Anne\t, Smith \n"
            + "\tE2,\" Bob \",Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith | 3:E2: Bob :Jones", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_TrimWhitespaceFalse_KeepsSpacesAroundValues()
    {
        var connector = CsvPeople.Build(c => c.TrimWhitespace = false);
        var csv = CsvPeople.Header + "\n"
            + "E1,  Anne\t, Smith \n"
            + "E2,\" Bob \",Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:  Anne\t: Smith  | 3:E2: Bob :Jones", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_TrimWhitespaceFalse_SpacesAroundHeaderNamesDoNotMatch()
    {
        var connector = CsvPeople.Build(c => c.TrimWhitespace = false);
        var csv = "EmployeeId, FirstName,LastName\nE1,Anne,Smith\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal("the header has no column 'FirstName', which the mapping of 'Person' reads.", exception.Errors[0]);
    }

    [Fact]
    public void MapText_ValuesToTrim_RemovesTokensAroundValuesAndHeadersTogetherWithWhitespace()
    {
        var connector = CsvPeople.Build(c => c.ValuesToTrim.Add("'"));
        var csv = "'EmployeeId', 'FirstName' ,'LastName'\n"
            + "'E1', 'Anne' ,'Smith'\n"
            + "E2,' Bob ',' Jones'\n"
            + "'E3',''O'Neil'',Day\n"
            + "'E4','',''\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones | 4:E3:O'Neil:Day | 5:E4:∅:∅", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_ValuesToTrimWithTrimWhitespaceFalse_KeepsSpacesInsideTokens()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.TrimWhitespace = false;
            c.ValuesToTrim.Add("'");
        });
        var csv = "'EmployeeId','FirstName','LastName'\n"
            + "'E1',' Anne ','Smith'\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1: Anne :Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_SeveralValuesToTrim_AreRemovedAsLongAsOneMatches()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.ValuesToTrim.Add("'");
            c.ValuesToTrim.Add("*");
        });
        var csv = CsvPeople.Header + "\n"
            + "*'E1'*,'* Anne *',**Smith**\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MapText_QuotedValueWithSpaces_KeepsSpacesWhateverValuesToTrim(bool withValuesToTrim)
    {
        // TrimWhitespace removes spaces and tabs around values, "not inside quotes" (CsvConnectionOptions.TrimWhitespace).
        var connector = CsvPeople.Build(c =>
        {
            if (withValuesToTrim)
            {
                c.ValuesToTrim.Add("'");
            }
        });
        var csv = CsvPeople.Header + "\n" + "E1,\" Anne \",\"\tSmith\"\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1: Anne :\tSmith", CsvPeople.Describe(result));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MapText_CaseInsensitiveHeaders_MatchesNamesIgnoringCaseAndSurroundingSpaces(bool trimWhitespace)
    {
        var connector = CsvPeople.Build(c =>
        {
            c.CaseInsensitiveHeaders = true;
            c.TrimWhitespace = trimWhitespace;
        });
        var csv = " employeeid ,FIRSTNAME,lastName \nE1,Anne,Smith\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_CaseSensitiveHeaders_MissingColumnErrorSuggestsCaseInsensitiveHeaders()
    {
        var connector = CsvPeople.Build();
        var csv = " employeeid ,FirstName,LastName\nE1,Anne,Smith\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal("text.csv", exception.File);
        Assert.Equal(1, exception.Line);
        Assert.Equal(
            [
                "the header has no column 'EmployeeId', which the mapping of 'Person' reads.",
                "header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            ],
            exception.Errors);
        Assert.Equal(
            "text.csv:1: 2 problems:" + Environment.NewLine
            + " - the header has no column 'EmployeeId', which the mapping of 'Person' reads." + Environment.NewLine
            + " - header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            exception.Message);
        Assert.Empty(exception.Rejects);
    }

    [Fact]
    public void MapText_CommentCharacter_SkipsCommentLinesButCountsThem()
    {
        var connector = CsvPeople.Build(c => c.CommentCharacter = '#');
        var csv = "# HR export, all staff\n"  // 1
            + CsvPeople.Header + "\n"          // 2
            + "E1,Anne,Smith\n"                // 3
            + "# E2,Hidden,Row\n"              // 4
            + "#\n"                            // 5
            + "E3,Carl,\"#NotAComment\"\n"     // 6
            + "E4,#Dora,Day\n";                // 7

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("3:E1:Anne:Smith | 6:E3:Carl:#NotAComment | 7:E4:#Dora:Day", CsvPeople.Describe(result));
        Assert.Equal(3, result.RowCount);
    }

    [Fact]
    public void MapText_NoCommentCharacter_HashLineIsARow()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n" + "#E1,Anne,Smith\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("2:#E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_BlankLines_AreSkippedNotCountedAndNotRejected()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"  // 1
            + "\n"                          // 2
            + "E1,Anne,Smith\n"             // 3
            + "   \n"                       // 4
            + "\t\n"                        // 5
            + "\r\n"                        // 6
            + "E2,Bob,Jones\n"              // 7
            + "\n\n";                       // 8-9

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("3:E1:Anne:Smith | 7:E2:Bob:Jones", CsvPeople.Describe(result));
        Assert.Equal(2, result.RowCount);
        Assert.Equal(0, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_NoHeaderWithColumnNames_ReadsEveryLineAsData()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.HasHeader = false;
            c.ColumnNames.Add("EmployeeId");
            c.ColumnNames.Add("LastName");
            c.ColumnNames.Add("FirstName");
        });
        var csv = "E1,Smith,Anne\nEmployeeId,LastName,FirstName\nE2,Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("1:E1:Anne:Smith | 2:EmployeeId:FirstName:LastName", CsvPeople.Describe(result));
        Assert.Equal("3:∅:FieldCountMismatch:E2", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal("text.csv:3: the row has 2 fields but the header has 3; is a delimiter (',') missing, extra, or inside an unquoted value?", result.Rejects[0].Message);
        Assert.Equal(3, result.RowCount);
    }

    [Fact]
    public void MapText_NoHeaderWithLinesToSkip_CountsSkippedLines()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.HasHeader = false;
            c.LinesToSkip = 1;
            c.ColumnNames.Add("EmployeeId");
            c.ColumnNames.Add("FirstName");
            c.ColumnNames.Add("LastName");
        });
        var csv = "Export of 2024-11-26\nE1,Anne,Smith\nE2,Bob,Jones\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_MultibyteNames_SurviveExactly()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n"
            + "E1,Zoé,Weiß\n"
            + "E2,漢字,山田\n"
            + "E3,Łukasz,Żółć\n"
            + "E4,Ἀθηνᾶ,😀\n"
            + "É5,\"Renée, Noël\",Straße\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Zoé:Weiß | 3:E2:漢字:山田 | 4:E3:Łukasz:Żółć | 5:E4:Ἀθηνᾶ:😀 | 6:É5:Renée, Noël:Straße", CsvPeople.Describe(result));
        Assert.True(result.TryGetResource("É5", out var renee));
        Assert.Equal("Straße", renee["LastName"]);
    }

    [Fact]
    public void MapText_TabDelimiterAndSingleQuote_SplitAndQuoteAsConfigured()
    {
        var connector = CsvPeople.Build(c =>
        {
            c.Delimiter = '\t';
            c.Quote = '\'';
        });
        var csv = "EmployeeId\tFirstName\tLastName\n"
            + "E1\t'Anne\tMarie'\t'O''Neil'\n"
            + "E2\t\"Bob\"\tJones\n";

        var result = connector.MapText("Person", csv);

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne\tMarie:O'Neil | 3:E2:\"Bob\":Jones", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_CustomName_IsTheFileOfRejectsAndResult()
    {
        var connector = CsvPeople.Build();
        var csv = CsvPeople.Header + "\n,Anne,Smith\n";

        var result = connector.MapText("Person", csv, name: "people_20241126.csv");

        Assert.Equal("people_20241126.csv", result.File);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal("people_20241126.csv", reject.File);
        Assert.Equal("Person", reject.EntityType);
        Assert.Equal("people_20241126.csv:2: column 'EmployeeId': the primary key is empty.", reject.Message);
    }

    [Fact]
    public void MapText_ConnectionCulture_ParsesNumbersOfThatCulture()
    {
        var connector = TestConnectors.People(c =>
        {
            c.Delimiter = ';';
            c.Culture = "fr-FR";
        }).Build();
        var csv = TestConnectors.PeopleHeader.Replace(',', ';') + "\n"
            + "E1;Zoé;Müller;31/01/1980;2020-02-01;0,8;Y;1234;;;D1\n"
            + "E2;Jürgen;Weiß;01/02/1990;2021-03-15;1.5;N;42;;;D2\n";

        var result = connector.MapText("Person", csv);

        var zoe = Assert.Single(result.Resources);
        Assert.Equal(0.8m, zoe["Fte"]);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(3, reject.Line);
        Assert.Equal("Fte", reject.Column);
        Assert.Equal(RejectReason.InvalidValue, reject.Reason);
        Assert.Equal("E2", reject.Key);
    }
}
