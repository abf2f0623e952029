using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Csv;

/// <summary>
/// The trailer-row contract (TrailerPattern): the last line of the file must match, is not data, and its record count
/// must equal the data records; without the setting, the last line is data like the others.
/// </summary>
public sealed class CsvRecordReaderTrailerRowTests : IDisposable
{
    private const string Pattern = @"^TRAILER;(?<count>\d+)$";
    private const string Rows = CsvPeople.Header + "\nE1,Anne,Smith\nE2,Bob,Jones\n";

    private readonly TempFolder _folder = new();

    private string PeoplePath => Path.Combine(_folder.Root, "people.csv");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("TRAILER;2\n")]
    [InlineData("TRAILER;2")]
    [InlineData("TRAILER;2\r\n\r\n")]
    public void Read_TrailerWithTheRecordCount_IsNotData(string trailer)
    {
        var connector = CsvPeople.Build(c => c.TrailerPattern = Pattern, _folder.Root);
        _folder.WriteUtf8("people.csv", Rows + trailer);

        var result = connector.Read("Person");

        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones", CsvPeople.Describe(result));
        Assert.Empty(result.Rejects);
        Assert.Equal(2, result.RowCount);
        Assert.False(result.IsTruncated);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_TrailerInUtf16_IsFound()
    {
        var connector = CsvPeople.Build(c => c.TrailerPattern = Pattern, _folder.Root);
        _folder.Write("people.csv", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Rows + "TRAILER;2\r\n")]);

        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones", CsvPeople.Describe(connector.Read("Person")));
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("")]                 // no trailer
    [InlineData("TRAIL")]            // cut inside the trailer
    [InlineData("E3,Carl,Doe\n")]    // cut before it
    public void Read_TrailerMissing_FailsAsIncomplete(string end)
    {
        var connector = CsvPeople.Build(c => c.TrailerPattern = Pattern, _folder.Root);
        _folder.WriteUtf8("people.csv", Rows + end);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.TrailerMismatch, exception.Error);
        Assert.Equal($"{PeoplePath}: the last line of the file is not the trailer row that TrailerPattern describes: the trailer is missing, so the file is incomplete (cut while it was written, or still being written).", exception.Message);
        Assert.DoesNotContain("Carl", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("TRAILER;3\n", 3)]
    [InlineData("TRAILER;1\n", 1)]
    public void Read_TrailerCountWrong_Fails(string trailer, int announced)
    {
        var connector = CsvPeople.Build(c => c.TrailerPattern = Pattern, _folder.Root);
        _folder.WriteUtf8("people.csv", Rows + trailer);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.TrailerMismatch, exception.Error);
        Assert.Equal($"{PeoplePath}: the trailer row announces {announced} records, but the file has 2: it is incomplete, or the trailer is wrong (TrailerPattern).", exception.Message);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_DefaultSettings_LastLineIsData()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        _folder.WriteUtf8("people.csv", Rows + "E3,Carl,Doe\n");

        var result = connector.Read("Person");

        Assert.Null(connector.Connections[0].TrailerPattern);
        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones | 4:E3:Carl:Doe", CsvPeople.Describe(result));
        Assert.Empty(result.Rejects);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_DefaultSettings_TrailerLineIsReadAsData()
    {
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 0, _folder.Root);
        _folder.WriteUtf8("people.csv", Rows + "TRAILER;2\n");

        var result = connector.Read("Person");

        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones", CsvPeople.Describe(result));
        Assert.Equal("4:∅:FieldCountMismatch:TRAILER;2", CsvPeople.DescribeRejects(result.Rejects));
        Assert.Equal(3, result.RowCount);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void MapText_Trailer_IsCheckedToo()
    {
        var connector = CsvPeople.Build(c => c.TrailerPattern = Pattern);

        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones", CsvPeople.Describe(connector.MapText("Person", Rows + "TRAILER;2\n")));
        Assert.Equal(CsvFileError.TrailerMismatch, Assert.Throws<CsvFileException>(() => connector.MapText("Person", Rows)).Error);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_PatternTooSlow_FailsAfterItsTimeout()
    {
        var connector = CsvPeople.Build(c => c.TrailerPattern = @"^(a+)+(?<count>\d+)$", _folder.Root);
        _folder.WriteUtf8("people.csv", Rows + new string('a', 40) + "!\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.TrailerMismatch, exception.Error);
        Assert.Equal($"{PeoplePath}: the trailer pattern took too long (more than 1 s) to match the last line (TrailerPattern); simplify the pattern.", exception.Message);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData(@"^TRAILER;(\d+)$", @"The connection 'people' has a TrailerPattern without a group named 'count' for the record count, such as ^TRAILER;(?<count>\d+)$.")]
    [InlineData(@"^TRAILER;(?<count>\d+$", "The connection 'people' has a TrailerPattern that is not a valid regular expression: ")]
    public void Build_BadTrailerPattern_FailsValidation(string pattern, string error)
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => CsvPeople.Build(c => c.TrailerPattern = pattern));

        Assert.Contains(exception.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void FromJsonFile_TrailerPattern_Binds()
    {
        var json = """
        {
          "Identifier": "HR",
          "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "FirstName" }, { "Identifier": "LastName" } ] } ],
          "Connections": [ { "Identifier": "people", "Path": "people.csv", "TrailerPattern": "^TRAILER;(?<count>\\d+)$", "MarkerFile": "{name}.done" } ],
          "Mappings": [
            {
              "EntityType": "Person", "Connection": "people", "KeyColumn": "EmployeeId",
              "Properties": [ { "Property": "FirstName", "Column": "FirstName" }, { "Property": "LastName", "Column": "LastName" } ]
            }
          ]
        }
        """;
        var path = _folder.Write("connector.json", Encoding.UTF8.GetBytes(json));
        _folder.WriteUtf8("people.csv", Rows + "TRAILER;2\n");
        _folder.WriteUtf8("people.csv.done", "2");

        var connector = ConnectorConfiguration.FromJsonFile(path);

        Assert.Equal(Pattern, connector.Connections[0].TrailerPattern?.ToString());
        Assert.Equal(2, connector.Read("Person").Resources.Count);
    }
}
