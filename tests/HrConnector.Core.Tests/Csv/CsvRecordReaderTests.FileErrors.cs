using System.Globalization;
using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;

namespace HrConnector.Tests.Csv;

/// <summary>Files that cannot be read as a whole (CsvFileException), and the reject limits of Connector.Read.</summary>
public sealed class CsvRecordReaderFileErrorsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_MissingMappedColumns_ThrowsInvalidHeaderListingEveryMissingColumnAtOnce()
    {
        var connector = TestConnectors.People().BaseDirectory(_folder.Root).Build();
        var path = _folder.WriteUtf8("people.csv", "EmployeeId,LastName,BirthDate,HireDate,Fte,IsContractor,Roles,ManagerId\nE1,Smith,01/01/1980,2020-01-01,1,N,,\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(path, exception.File);
        Assert.Equal(1, exception.Line);
        Assert.Empty(exception.Rejects);
        Assert.Equal(
            [
                "the header lacks 3 columns that the mapping of 'Person' reads: 'FirstName', 'CostCenter', 'DepartmentCode'.",
                "header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            ],
            exception.Errors);
        Assert.Equal(
            $"{path}:1: 2 problems:{Environment.NewLine}"
            + $" - the header lacks 3 columns that the mapping of 'Person' reads: 'FirstName', 'CostCenter', 'DepartmentCode'.{Environment.NewLine}"
            + " - header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            exception.Message);
    }

    [Fact]
    public void MapText_MissingColumnsWithCaseInsensitiveHeaders_ThrowsWithoutTheSuggestion()
    {
        var connector = CsvPeople.Build(c => c.CaseInsensitiveHeaders = true);

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", "employeeid,Surname\nE1,Smith\n"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal("text.csv:1: the header lacks 2 columns that the mapping of 'Person' reads: 'FirstName', 'LastName'.", exception.Message);
    }

    [Fact]
    public void Read_MissingColumnAfterSkippedLines_NamesThePhysicalHeaderLine()
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = 2, _folder.Root);
        var path = _folder.WriteUtf8("people.csv", "Title\nDate\nEmployeeId,FirstName\nE1,Anne\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(3, exception.Line);
        Assert.Equal(
            $"{path}:3: 2 problems:{Environment.NewLine}"
            + $" - the header has no column 'LastName', which the mapping of 'Person' reads.{Environment.NewLine}"
            + " - header names are matched exactly; set CaseInsensitiveHeaders to match them ignoring case and surrounding spaces.",
            exception.Message);
    }

    [Fact]
    public void MapText_MissingColumnInHeaderAfterCommentAndBlankLines_NamesThePhysicalHeaderLine()
    {
        var connector = CsvPeople.Build(c => c.CommentCharacter = '#');
        var csv = "# export of 2024-11-26\n\nEmployeeId,FirstName\nE1,Anne\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(3, exception.Line);
        Assert.StartsWith("text.csv:3: 2 problems:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapText_HeaderAfterCommentAndBlankLines_RowsKeepPhysicalLines()
    {
        var connector = CsvPeople.Build(c => c.CommentCharacter = '#');
        var csv = "# export of 2024-11-26\n\n" + CsvPeople.Header + "\nE1,Anne,Smith\n";

        var result = connector.MapText("Person", csv);

        Assert.Equal("4:E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void Read_HeaderOnly_GivesNoResourcesNoRejectsAndNoRows()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var path = _folder.WriteUtf8("people.csv", CsvPeople.Header + "\n");

        var result = connector.Read("Person");

        Assert.Empty(result.Resources);
        Assert.Empty(result.Rejects);
        Assert.Equal(0, result.RowCount);
        Assert.Equal(0, result.RejectedRowCount);
        Assert.False(result.IsTruncated);
        Assert.Equal(path, result.File);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    public void MapText_HeaderOnlyWithOrWithoutLineEnd_GivesNoRows(string end)
    {
        var connector = CsvPeople.Build();

        var result = connector.MapText("Person", CsvPeople.Header + end);

        Assert.Empty(result.Resources);
        Assert.Empty(result.Rejects);
        Assert.Equal(0, result.RowCount);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsMissingHeader()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var path = _folder.Write("people.csv", []);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MissingHeader, exception.Error);
        Assert.Equal(path, exception.File);
        Assert.Equal(0, exception.Line);
        Assert.Equal(["the file is empty: it has no header row."], exception.Errors);
        Assert.Equal($"{path}: the file is empty: it has no header row.", exception.Message);
        Assert.Null(exception.InnerException);
    }

    [Fact]
    public void MapText_OnlyBlankLines_ThrowsMissingHeader()
    {
        var connector = CsvPeople.Build();

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", "\n\r\n\n"));

        Assert.Equal(CsvFileError.MissingHeader, exception.Error);
        Assert.Equal("text.csv: the file is empty: it has no header row.", exception.Message);
    }

    [Theory]
    [InlineData("Title\nDate\n", 3)]
    [InlineData("Title\n", 2)]
    [InlineData("", 1)]
    [InlineData("Title\r\nDate\r\nHeader", 5)]
    public void Read_LinesToSkipLargerThanTheFile_ThrowsMissingHeader(string content, int linesToSkip)
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = linesToSkip, _folder.Root);
        var path = _folder.WriteUtf8("people.csv", content);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MissingHeader, exception.Error);
        Assert.Equal(0, exception.Line);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{path}: the file has fewer than the {linesToSkip} lines to skip (LinesToSkip), so it has no header."),
            exception.Message);
    }

    [Fact]
    public void Read_LinesToSkipEqualToTheFile_ThrowsMissingHeader()
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = 2, _folder.Root);
        var path = _folder.WriteUtf8("people.csv", "Title\nDate\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MissingHeader, exception.Error);
        Assert.Equal(path, exception.File);
        Assert.Equal(0, exception.Line);
        Assert.Single(exception.Errors);
    }

    [Fact]
    public void Read_SemicolonFileReadWithComma_ThrowsInvalidHeaderMentioningTheDelimiter()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var path = _folder.WriteUtf8("people.csv", "EmployeeId;FirstName;LastName\nE1;Anne;Smith\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(1, exception.Line);
        Assert.Equal(
            [
                "the header lacks 3 columns that the mapping of 'Person' reads: 'EmployeeId', 'FirstName', 'LastName'.",
                "the header has a single column: is the delimiter right? The connection 'people' splits on ','.",
            ],
            exception.Errors);
        Assert.Equal(
            $"{path}:1: 2 problems:{Environment.NewLine}"
            + $" - the header lacks 3 columns that the mapping of 'Person' reads: 'EmployeeId', 'FirstName', 'LastName'.{Environment.NewLine}"
            + " - the header has a single column: is the delimiter right? The connection 'people' splits on ','.",
            exception.Message);
    }

    [Fact]
    public void MapText_DuplicateHeaderNames_ThrowsInvalidHeaderNamingEachDuplicate()
    {
        var connector = CsvPeople.Build();
        var csv = "EmployeeId,FirstName,LastName,FirstName,Email,,,Email\nE1,Anne,Smith,Ann,a@x,,,b@x\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(1, exception.Line);
        Assert.Equal(
            $"text.csv:1: 2 problems:{Environment.NewLine}"
            + $" - the header names the column 'FirstName' more than once.{Environment.NewLine}"
            + " - the header names the column 'Email' more than once.",
            exception.Message);
    }

    [Fact]
    public void MapText_OneDuplicateHeaderName_ThrowsWithSingleProblemMessage()
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = 1);

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", "Title\nEmployeeId,FirstName,LastName,LastName\nE1,Anne,Smith,Smith\n"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(2, exception.Line);
        Assert.Equal("text.csv:2: the header names the column 'LastName' more than once.", exception.Message);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_OneNameRepeatedTenThousandTimes_IsNamedOnce()
    {
        var connector = CsvPeople.Build();
        var csv = "EmployeeId,FirstName,LastName," + string.Join(',', Enumerable.Repeat("Email", 10_000)) + "\nE1,Anne,Smith\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal("text.csv:1: the header names the column 'Email' more than once.", exception.Message);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_ManyDuplicateNames_ListsTenAndCountsTheRest()
    {
        var connector = CsvPeople.Build();
        var names = Enumerable.Range(1, 10_008).Select(i => $"Extra{i}").ToList();
        var csv = "EmployeeId,FirstName,LastName," + string.Join(',', names.Concat(names)) + "\nE1,Anne,Smith\n";

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));

        Assert.Equal(
            $"text.csv:1: 11 problems:{Environment.NewLine} - "
            + string.Join(Environment.NewLine + " - ", Enumerable.Range(1, 10).Select(i => $"the header names the column 'Extra{i}' more than once."))
            + $"{Environment.NewLine} - … and 9,998 more column names that the header names more than once.",
            exception.Message);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("E1,Anne,Smith,1980-01-01,1980-01-01")]
    [InlineData("E1,Anne,Anne,42")]
    [InlineData("E1,Anne,Smith,0.8,0.8")]
    [InlineData("E1,Anne,Anne,12/31/1999")]
    public void MapText_FirstRowOfAHeaderlessFileWithRepeats_QuotesNoCell(string firstRow)
    {
        var connector = CsvPeople.Build();

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", firstRow + "\nE2,Bob,Jones,1981-02-02,1981-02-02\n"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal("text.csv:1: the first row looks like data (no header?): some of its cells are numbers or dates; a file without a header needs HasHeader set to false and ColumnNames.", exception.Message);
        Assert.DoesNotContain("Anne", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("EmployeeId", false)]
    [InlineData("Fte 2024", false)]
    [InlineData("2024-01-31", true)]
    [InlineData("31/01/2024", true)]
    [InlineData("1,234.5", true)]
    [InlineData("-7", true)]
    [InlineData(" ", false)]
    public void LooksLikeData_NumbersAndDates(string cell, bool expected)
        => Assert.Equal(expected, CsvHeaderCheck.LooksLikeData(cell, new System.Globalization.CultureInfo("fr-FR")));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MapText_HeaderNamesDifferingOnlyInCase_AreDuplicatesOnlyWhenCaseInsensitive(bool caseInsensitive)
    {
        var connector = CsvPeople.Build(c => c.CaseInsensitiveHeaders = caseInsensitive);
        var csv = "EmployeeId,FirstName,LastName,lastname\nE1,Anne,Smith,smith\n";

        if (caseInsensitive)
        {
            var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", csv));
            Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
            Assert.Equal("text.csv:1: the header names the column 'lastname' more than once.", exception.Message);
        }
        else
        {
            var result = connector.MapText("Person", csv);
            Assert.Empty(result.Rejects);
            Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
        }
    }

    [Fact]
    public void MapText_HeaderBreakingQuotingRules_ThrowsInvalidHeaderOnTheHeaderLine()
    {
        var connector = CsvPeople.Build();

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", "EmployeeId,First\"Name,LastName\nE1,Anne,Smith\nE2,Bob,Jones\n"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal(1, exception.Line);
        Assert.Equal("text.csv:1: the header row breaks the quoting rules.", exception.Message);
    }

    [Fact]
    public void MapText_OnlyAHeaderBreakingQuotingRules_ThrowsInvalidHeader()
    {
        var connector = CsvPeople.Build();

        var exception = Assert.Throws<CsvFileException>(() => connector.MapText("Person", "EmployeeId,First\"Name,LastName\n"));

        Assert.Equal(CsvFileError.InvalidHeader, exception.Error);
        Assert.Equal("text.csv:1: the header row breaks the quoting rules.", exception.Message);
    }

    [Fact]
    public void Read_MaxRejectsExceeded_ThrowsRejectLimitExceededCarryingTheRejectsFound()
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.MaxRejects = 2;
                c.MaxRejectPercent = 0;
            },
            _folder.Root);
        var path = _folder.WriteUtf8(
            "people.csv",
            CsvPeople.Header + "\n"  // 1
            + "E1,Anne,Smith\n"      // 2
            + ",Bad,One\n"           // 3
            + "E2,Bob\n"             // 4
            + "E3,Carl,Doe\n"        // 5
            + ",Bad,Three\n"         // 6
            + "E4,Dora,Day\n"        // 7
            + ",Bad,Four\n");        // 8

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.RejectLimitExceeded, exception.Error);
        Assert.Equal(path, exception.File);
        Assert.Equal(6, exception.Line);
        Assert.Equal("3:EmployeeId:EmptyKey:∅ | 4:∅:FieldCountMismatch:E2 | 6:EmployeeId:EmptyKey:∅", CsvPeople.DescribeRejects(exception.Rejects));
        Assert.All(exception.Rejects, r => Assert.Equal("people.csv", r.File));
        Assert.Equal(
            $"{path}:6: more than 2 rows were rejected (MaxRejects); the read stopped. First reject: people.csv:3: column 'EmployeeId': the primary key is empty.",
            exception.Message);
    }

    [Fact]
    public void Read_MaxRejectsReachedButNotExceeded_ReturnsTheRejects()
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.MaxRejects = 2;
                c.MaxRejectPercent = 0;
            },
            _folder.Root);
        _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Anne,Smith\n,Bad,One\nE2,Bob\nE3,Carl,Doe\n");

        var result = connector.Read("Person");

        Assert.Equal("2:E1:Anne:Smith | 5:E3:Carl:Doe", CsvPeople.Describe(result));
        Assert.Equal("3:EmployeeId:EmptyKey:∅ | 4:∅:FieldCountMismatch:E2", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Fact]
    public void Read_SeveralRejectsOnOneRow_CountOnceAgainstMaxRejects()
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.MaxRejects = 1;
                c.MaxFieldLength = 3;
                c.MaxRejectPercent = 0;
            },
            _folder.Root);
        _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Anne,Smith\nE2,Bob,Doe\n");

        var result = connector.Read("Person");

        Assert.Equal("3:E2:Bob:Doe", CsvPeople.Describe(result));
        Assert.Equal("2:FirstName:FieldTooLong:E1 | 2:LastName:FieldTooLong:E1", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal(1, result.RejectedRowCount);
    }

    [Theory]
    [InlineData(20, 1)]
    [InlineData(20, 2)]
    public void Read_DefaultMaxRejectPercent_ShareUpToTenPercentPasses(int rows, int badRows)
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        _folder.WriteUtf8("people.csv", PeopleFile(rows, badRows));

        var result = connector.Read("Person");

        Assert.Equal(rows - badRows, result.Resources.Count);
        Assert.Equal(badRows, result.Rejects.Count);
        Assert.Equal(rows, result.RowCount);
        Assert.Equal(badRows, result.RejectedRowCount);
    }

    [Theory]
    [InlineData(20, 3, "3 of 20 rows (15%)")]
    [InlineData(21, 3, "3 of 21 rows (14.29%)")]
    [InlineData(3, 3, "3 of 3 rows (100%)")]
    public void Read_DefaultMaxRejectPercent_ShareOverTenPercentThrows(int rows, int badRows, string share)
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var path = _folder.WriteUtf8("people.csv", PeopleFile(rows, badRows));

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.RejectLimitExceeded, exception.Error);
        Assert.Equal(0, exception.Line);
        Assert.Equal(badRows, exception.Rejects.Count);
        Assert.Equal(
            $"{path}: {share} were rejected, more than the 10% allowed (MaxRejectPercent). First reject: people.csv:2: column 'EmployeeId': the primary key is empty.",
            exception.Message);
    }

    [Fact]
    public void Read_MaxRejectPercentSet_UsesItInTheMessage()
    {
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 12.5, _folder.Root);
        var path = _folder.WriteUtf8("people.csv", PeopleFile(10, 2));

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(
            $"{path}: 2 of 10 rows (20%) were rejected, more than the 12.5% allowed (MaxRejectPercent). First reject: people.csv:2: column 'EmployeeId': the primary key is empty.",
            exception.Message);
    }

    [Fact]
    public void Read_MaxRejectPercentZero_MeansNoLimit()
    {
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 0, _folder.Root);
        _folder.WriteUtf8("people.csv", PeopleFile(20, 19));

        var result = connector.Read("Person");

        Assert.Single(result.Resources);
        Assert.Equal(19, result.Rejects.Count);
        Assert.Equal(19, result.RejectedRowCount);
    }

    [Fact]
    public void MapText_RejectLimits_DoNotApply()
    {
        var connector = CsvPeople.Build(c => c.MaxRejects = 1);

        var result = connector.MapText("Person", PeopleFile(20, 5));

        Assert.Equal(15, result.Resources.Count);
        Assert.Equal(5, result.Rejects.Count);
        Assert.Equal("2:EmployeeId:EmptyKey:∅ | 3:EmployeeId:EmptyKey:∅ | 4:EmployeeId:EmptyKey:∅ | 5:EmployeeId:EmptyKey:∅ | 6:EmployeeId:EmptyKey:∅", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Fact]
    public void MapRow_RejectedRow_DoesNotApplyRejectLimits()
    {
        var connector = CsvPeople.Build(c => c.MaxRejects = 1);

        var result = connector.MapRow("Person", new Dictionary<string, string?> { ["EmployeeId"] = null, ["FirstName"] = "Anne", ["LastName"] = "Smith" });

        Assert.Empty(result.Resources);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.EmptyKey, reject.Reason);
    }

    [Fact]
    public void Read_DirectoryGivenAsPath_ThrowsFileNotFound()
    {
        var path = Directory.CreateDirectory(Path.Combine(_folder.Root, "people.csv")).FullName;
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.FileNotFound, exception.Error);
        Assert.Equal($"{path}: The file of connection 'people' does not exist.", exception.Message);
    }

    [Fact]
    public void Read_FileLockedByAnotherWriter_ThrowsUnreadable()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var path = _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Anne,Smith\n");
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.Unreadable, exception.Error);
        Assert.Equal($"{path}: the file cannot be opened: IOException.", exception.Message);
        Assert.IsAssignableFrom<IOException>(exception.InnerException);
    }

    /// <summary>A people file of <paramref name="rows"/> data rows, the first <paramref name="badRows"/> without a key.</summary>
    private static string PeopleFile(int rows, int badRows)
    {
        var text = new StringBuilder(CsvPeople.Header).Append('\n');
        for (var i = 1; i <= rows; i++)
        {
            text.Append(i <= badRows ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"E{i}"))
                .Append(CultureInfo.InvariantCulture, $",First{i},Last{i}\n");
        }

        return text.ToString();
    }
}
