using System.Text;
using HrConnector.Csv;
using HrConnector.Jobs;
using HrConnector.Synchronization;

namespace HrConnector.Tests.Csv;

/// <summary>A file declared single-byte whose bytes are valid multi-byte UTF-8 is refused, never read as mojibake.</summary>
public sealed class CsvRecordReaderEncodingMismatchTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_Utf8FileDeclaredWindows1252_FailsWithTheMismatchAndCommitsNothing()
    {
        var connector = CsvPeople.Build(c => c.Encoding = "windows-1252", _folder.Root);
        var path = _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Anne,Smith\nE2,Jörg,Müller\nE3,Zoé,Weiß\n");
        var store = new InMemoryResourceStore();

        var result = await new SynchronizationJob(connector, store: store, runLock: new InMemoryConnectorRunLock()).RunAsync(new JobRequest());

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(
            [$"Person: {path}:3: declared windows-1252, but its bytes are valid UTF-8 with multi-byte characters: set Encoding to utf-8 (or auto)."],
            result.Messages);
        Assert.DoesNotContain("Müller", result.ToJson(), StringComparison.Ordinal);
        Assert.Null(await store.GetLastRunIdAsync("HR"));
        Assert.Empty(await store.ReadAsync("HR", "Person").ToListAsync());
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("windows-1252", 0)]
    [InlineData("iso-8859-1", 2)]
    public void Read_Utf8FileDeclaredSingleByte_ThrowsEncodingMismatchAtTheFirstMultiByteLine(string declared, int linesToSkip)
    {
        var connector = CsvPeople.Build(
            c =>
            {
                c.Encoding = declared;
                c.LinesToSkip = linesToSkip;
            },
            _folder.Root);
        var title = linesToSkip == 0 ? string.Empty : "HR export\nExported 2024-11-26\n";
        var rows = string.Concat(Enumerable.Range(1, 5000).Select(i => $"E{i},Anne,Smith\n"));
        var path = _folder.WriteUtf8("people.csv", title + CsvPeople.Header + "\n" + rows + "E0,Zoé,漢字😀\n");

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        var line = linesToSkip + 5002;
        Assert.Equal(CsvFileError.EncodingMismatch, exception.Error);
        Assert.Equal(line, exception.Line);
        Assert.Equal($"{path}:{line}: declared {declared}, but its bytes are valid UTF-8 with multi-byte characters: set Encoding to utf-8 (or auto).", exception.Message);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_PureAsciiFileDeclaredWindows1252_ReadsEveryRow()
    {
        var connector = CsvPeople.Build(c => c.Encoding = "windows-1252", _folder.Root);
        _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Anne,Smith\nE2,Bob,Jones\n");

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Jones", CsvPeople.Describe(result));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_Windows1252FileDeclaredWindows1252_DecodesItsAccents()
    {
        var connector = CsvPeople.Build(c => c.Encoding = "windows-1252", _folder.Root);
        var bytes = Encoding.Latin1.GetBytes(CsvPeople.Header + "\nE1,J\u00F6rg,M\u00FCller\nE2,Zo\u00E9,Wei\u00DF\n");
        Assert.Contains((byte)0xFC, bytes);
        _folder.Write("people.csv", bytes);

        var result = connector.Read("Person");

        Assert.Empty(result.Rejects);
        Assert.Equal("2:E1:Jörg:Müller | 3:E2:Zoé:Weiß", CsvPeople.Describe(result));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void ScanUtf8_MultiByteCharactersCutByTheBlockSize_AreStillValid()
    {
        // 64 KiB blocks: put a 4-byte character across every possible cut.
        for (var shift = 0; shift < 4; shift++)
        {
            var bytes = Encoding.UTF8.GetBytes(new string('a', (64 * 1024) - 4 + shift) + "😀\n");
            using var stream = new MemoryStream(bytes);

            Assert.Equal((true, 1L), CsvSource.ScanUtf8(stream));
            Assert.Equal(0, stream.Position);
        }

        using var cut = new MemoryStream([.. "ab"u8, 0xF0, 0x9F]);
        Assert.False(CsvSource.ScanUtf8(cut).Valid);
    }
}
