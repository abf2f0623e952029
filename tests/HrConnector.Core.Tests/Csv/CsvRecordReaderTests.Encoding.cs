using System.Text;
using HrConnector.Csv;
using HrConnector.Mapping;

namespace HrConnector.Tests.Csv;

/// <summary>Encodings and byte order marks, read from real files given as bytes (Connector.Read).</summary>
public sealed class CsvRecordReaderEncodingTests : IDisposable
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Read_Utf8Bom_IsNeverPartOfTheFirstHeader(int linesToSkip)
    {
        var connector = CsvPeople.Build(c => c.LinesToSkip = linesToSkip, _folder.Root);
        var title = linesToSkip == 0 ? string.Empty : "HR export\nExported 2024-11-26\n";
        var text = title + CsvPeople.Header + "\nE1,Zoé,Weiß\nE2,Bob,Jones\n";
        _folder.Write("people.csv", [.. Utf8Bom, .. Encoding.UTF8.GetBytes(text)]);

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        var first = linesToSkip + 2;
        Assert.Equal($"{first}:E1:Zoé:Weiß | {first + 1}:E2:Bob:Jones", CsvPeople.Describe(result));
    }

    [Fact]
    public void Read_Utf8BomAndKeyNotFirst_FindsEveryColumn()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        _folder.Write("people.csv", [.. Utf8Bom, .. Encoding.UTF8.GetBytes("FirstName,EmployeeId,LastName\nZoé,E1,Weiß\n")]);

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Zoé:Weiß", CsvPeople.Describe(result));
    }

    [Fact]
    public void MapText_TextStartingWithBom_IsNotPartOfTheFirstHeader()
    {
        var connector = CsvPeople.Build();

        var result = connector.MapText("Person", "\uFEFF" + CsvPeople.Header + "\nE1,Anne,Smith\n");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void Read_Utf8WithoutBom_DecodesMultibyteNames()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Zoé,Weiß\nE2,漢字,山田\nE3,Ἀθηνᾶ,😀\n");

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Zoé:Weiß | 3:E2:漢字:山田 | 4:E3:Ἀθηνᾶ:😀", CsvPeople.Describe(result));
    }

    [Theory]
    [InlineData("utf-16LE with BOM", "utf-8", 0)]
    [InlineData("utf-16LE with BOM", "utf-8", 2)]
    [InlineData("utf-16BE with BOM", "utf-8", 0)]
    [InlineData("utf-16BE with BOM", "utf-8", 2)]
    [InlineData("utf-16LE", "utf-16", 0)]
    [InlineData("utf-16LE", "utf-16", 2)]
    [InlineData("utf-16BE", "utf-16BE", 0)]
    [InlineData("utf-16BE", "utf-16BE", 2)]
    public void Read_Utf16File_DecodesNamesAndLines(string fileEncoding, string configured, int linesToSkip)
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.Encoding = configured;
                c.LinesToSkip = linesToSkip;
                c.MaxRejectPercent = 0;
            },
            _folder.Root);
        var bigEndian = fileEncoding.StartsWith("utf-16BE", StringComparison.Ordinal);
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var title = linesToSkip == 0 ? string.Empty : "HR export\r\nExported 2024-11-26\r\n";
        var text = title + CsvPeople.Header + "\r\nE1,Zoé,Weiß\r\nE2,漢字,山田\r\n,No,Key\r\n";
        byte[] preamble = fileEncoding.EndsWith("with BOM", StringComparison.Ordinal) ? encoding.GetPreamble() : [];
        _folder.Write("people.csv", [.. preamble, .. encoding.GetBytes(text)]);

        var result = connector.Read("Person", new ReadOptions());

        var first = linesToSkip + 2;
        Assert.Equal($"{first}:E1:Zoé:Weiß | {first + 1}:E2:漢字:山田", CsvPeople.Describe(result));
        Assert.Equal($"{first + 2}:EmployeeId:EmptyKey:∅", CsvPeople.DescribeRejects(result.Rejects));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Read_Windows1252File_DecodesAccentsAndEuro(int linesToSkip)
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.Encoding = "windows-1252";
                c.Delimiter = ';';
                c.LinesToSkip = linesToSkip;
            },
            _folder.Root);
        var title = linesToSkip == 0 ? string.Empty : "Export du personnel\r\n";
        var text = title + "EmployeeId;FirstName;LastName\r\nE1;Ren\u00E9e;Stra\u00DFe\r\nE2;\u0080uro;M\u00FCller-\u00C7a\r\n";
        var bytes = Encoding.Latin1.GetBytes(text);
        Assert.Contains((byte)0xE9, bytes);
        Assert.Contains((byte)0xDF, bytes);
        Assert.Contains((byte)0x80, bytes);
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        var first = linesToSkip + 2;
        Assert.Equal($"{first}:E1:Renée:Straße | {first + 1}:E2:€uro:Müller-Ça", CsvPeople.Describe(result));
    }

    [Fact]
    public void Read_Windows1252BytesReadAsUtf8_RejectsInvalidEncoding()
    {
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 0, _folder.Root);
        _folder.Write("people.csv", Encoding.Latin1.GetBytes(CsvPeople.Header + "\nE1,Ren\u00E9e,Smith\nE2,Bob,Jones\n"));

        var result = connector.Read("Person");

        Assert.Equal("3:E2:Bob:Jones", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.InvalidEncoding, reject.Reason);
        Assert.Equal("FirstName", reject.Column);
        Assert.Equal(2, reject.Line);
        Assert.Equal("people.csv:2: column 'FirstName': the value holds bytes that are not valid utf-8; is the encoding of the connection right?", reject.Message);
    }

    [Fact]
    public void Read_FileWithUtf16BomButUtf8Configured_BomWins()
    {
        var connector = CsvPeople.Build(c => c.Encoding = "windows-1252", _folder.Root);
        var encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        _folder.Write("people.csv", [.. encoding.GetPreamble(), .. encoding.GetBytes(CsvPeople.Header + "\nE1,€,Ω\n")]);

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:€:Ω", CsvPeople.Describe(result));
    }

    [Fact]
    public void Read_FileWithUtf8BomButWindows1252Configured_BomWins()
    {
        var connector = CsvPeople.Build(c => c.Encoding = "windows-1252", _folder.Root);
        _folder.Write("people.csv", [.. Utf8Bom, .. Encoding.UTF8.GetBytes(CsvPeople.Header + "\nE1,Zoé,Weiß\n")]);

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Zoé:Weiß", CsvPeople.Describe(result));
    }

    [Fact]
    public void Read_FileWithOnlyABom_ThrowsMissingHeader()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var path = _folder.Write("people.csv", Utf8Bom);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MissingHeader, exception.Error);
        Assert.Equal(path, exception.File);
        Assert.Equal($"{path}: the file is empty: it has no header row.", exception.Message);
    }

    [Fact]
    public void Read_InvalidUtf16_RejectsInvalidEncodingNamingTheColumn()
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.Encoding = "utf-16";
                c.MaxRejectPercent = 0;
            },
            _folder.Root);
        var encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        byte[] bytes = [.. encoding.GetBytes(CsvPeople.Header + "\nE1,Ann"), 0x00, 0xD8, .. encoding.GetBytes("e,Smith\nE2,Bob,Jones\n")];
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Equal("3:E2:Bob:Jones", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.InvalidEncoding, reject.Reason);
        Assert.Equal(2, reject.Line);
        Assert.Equal("FirstName", reject.Column);
        Assert.Equal("people.csv:2: column 'FirstName': the value holds bytes that are not valid utf-16; is the encoding of the connection right?", reject.Message);
    }

    [Fact]
    public void Read_InvalidUtf16AfterBomWithUtf8Configured_MessageNamesTheEncodingOfTheBom()
    {
        // The byte order mark wins over the configured encoding, so the file is UTF-16 and the message must say so.
        var connector = CsvPeople.Build(c => c.MaxRejectPercent = 0, _folder.Root);
        var encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(CsvPeople.Header + "\nE1,Ann"), 0x00, 0xD8, .. encoding.GetBytes("e,Smith\nE2,Bob,Jones\n")];
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Equal("3:E2:Bob:Jones", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.InvalidEncoding, reject.Reason);
        Assert.Equal("people.csv:2: column 'FirstName': the value holds bytes that are not valid utf-16; is the encoding of the connection right?", reject.Message);
    }
}
