using System.Text;
using HrConnector.Csv;
using HrConnector.Jobs;
using HrConnector.Modeling;

namespace HrConnector.Tests.Csv;

/// <summary><c>Encoding: auto</c>: byte order mark, then UTF-8 when the bytes are valid UTF-8, then the fallback; the encoding used is reported.</summary>
public sealed class CsvRecordReaderAutoEncodingTests : IDisposable
{
    private const string Text = CsvPeople.Header + "\r\nE1,J\u00F6rg,M\u00FCller\r\nE2,Zo\u00E9,Wei\u00DF\r\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("utf-8 with BOM", "utf-8")]
    [InlineData("utf-16LE with BOM", "utf-16")]
    [InlineData("utf-16BE with BOM", "utf-16BE")]
    [InlineData("utf-8", "utf-8")]
    [InlineData("windows-1252", "windows-1252")]
    [InlineData("ascii", "utf-8")]
    public async Task Run_AutoEncoding_PicksTheEncodingAndReportsIt(string fileEncoding, string expected)
    {
        var connector = CsvPeople.Build(c => c.Encoding = "auto", _folder.Root);
        var text = fileEncoding == "ascii" ? CsvPeople.Header + "\nE1,Jorg,Muller\nE2,Zoe,Weiss\n" : Text;
        _folder.Write("people.csv", Bytes(fileEncoding, text));

        var read = connector.Read("Person");
        var result = await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(new JobRequest());

        Assert.Empty(read.Rejects);
        Assert.Equal(expected, read.Encoding.WebName);
        Assert.Equal(
            fileEncoding == "ascii" ? "2:E1:Jorg:Muller | 3:E2:Zoe:Weiss" : "2:E1:Jörg:Müller | 3:E2:Zoé:Weiß",
            CsvPeople.Describe(read));
        Assert.Equal(JobStatus.Succeeded, result.Status);
        var counts = Assert.Single(result.EntityTypes);
        Assert.Equal((2L, 2L, expected), (counts.Rows, counts.Inserted, counts.Encoding));
        Assert.Equal(expected, JobResult.FromJson(result.ToJson()).EntityTypes[0].Encoding);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_AutoEncodingWithFallbackIso88591_ReadsInvalidUtf8AsTheFallback()
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.Encoding = "AUTO";
                c.FallbackEncoding = "iso-8859-1";
                c.LinesToSkip = 1;
            },
            _folder.Root);
        _folder.Write("people.csv", Bytes("windows-1252", "Export\r\n" + Text));

        var result = connector.Read("Person");

        Assert.Equal("iso-8859-1", result.Encoding.WebName);
        Assert.Equal("3:E1:Jörg:Müller | 4:E2:Zoé:Weiß", CsvPeople.Describe(result));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_DeclaredEncoding_IsReported()
    {
        var connector = CsvPeople.Build(c => c.Encoding = "windows-1252", _folder.Root);
        _folder.Write("people.csv", Bytes("windows-1252", Text));

        Assert.Equal("windows-1252", connector.Read("Person").Encoding.WebName);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("utf-8", "The connection 'people' uses the FallbackEncoding 'utf-8', which is not single-byte: use windows-1252, iso-8859-1 or another single-byte encoding.")]
    [InlineData("nope", "The connection 'people' uses the FallbackEncoding 'nope', which is unknown: use utf-8, utf-16, utf-16BE, windows-1252, iso-8859-1 or a code page number.")]
    public void Build_AutoEncodingWithBadFallback_FailsValidation(string fallback, string error)
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => CsvPeople.Build(c =>
        {
            c.Encoding = "auto";
            c.FallbackEncoding = fallback;
        }));

        Assert.Contains(error, exception.Errors);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void FromJsonFile_StrictBinding_AcceptsAutoEncodingAndFallbackEncoding()
    {
        var json = """
        {
          "Identifier": "HR",
          "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "FirstName" }, { "Identifier": "LastName" } ] } ],
          "Connections": [ { "Identifier": "people", "Path": "people.csv", "Encoding": "auto", "FallbackEncoding": "iso-8859-1" } ],
          "Mappings": [
            {
              "EntityType": "Person", "Connection": "people", "KeyColumn": "EmployeeId",
              "Properties": [ { "Property": "FirstName", "Column": "FirstName" }, { "Property": "LastName", "Column": "LastName" } ]
            }
          ]
        }
        """;
        var path = _folder.Write("connector.json", Encoding.UTF8.GetBytes(json));
        _folder.Write("people.csv", Bytes("windows-1252", Text));

        var connector = ConnectorConfiguration.FromJsonFile(path);

        var connection = connector.Connections[0];
        Assert.True(connection.DetectEncoding);
        Assert.Equal("iso-8859-1", connection.Encoding.WebName);
        var result = connector.Read("Person");
        Assert.Equal(("iso-8859-1", "2:E1:Jörg:Müller | 3:E2:Zoé:Weiß"), (result.Encoding.WebName, CsvPeople.Describe(result)));
    }

    private static byte[] Bytes(string encoding, string text) => encoding switch
    {
        "utf-8 with BOM" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)],
        "utf-16LE with BOM" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)],
        "utf-16BE with BOM" => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(text)],
        "windows-1252" => Encoding.Latin1.GetBytes(text),
        _ => new UTF8Encoding(false).GetBytes(text),
    };
}
