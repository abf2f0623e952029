using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Tests.Csv;

/// <summary>Which file a connection reads: CsvConnection.ResolveFile, Path and Directory + FileNamePattern, BaseDirectory.</summary>
public sealed class CsvConnectionFileSelectionTests : IDisposable
{
    private const string Pattern = @"^people_\d{8}\.csv$";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ResolveFile_DirectoryAndPattern_PicksTheMatchingFileWrittenLast()
    {
        var exports = Path.Combine(_folder.Root, "exports");
        var newest = WriteExport("people_20240101.csv", "E1", new DateTime(2024, 3, 15, 8, 0, 0, DateTimeKind.Utc));
        WriteExport("people_20240301.csv", "E3", new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc));
        WriteExport("people_20240201.csv", "E2", new DateTime(2024, 2, 1, 8, 0, 0, DateTimeKind.Utc));
        WriteExport("people_20240401.csv.bak", "X1", new DateTime(2024, 4, 1, 8, 0, 0, DateTimeKind.Utc));
        WriteExport("old_people_20240501.csv", "X2", new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc));
        WriteExport("people_latest.csv", "X3", new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc));
        var folderNamedLikeAnExport = Directory.CreateDirectory(Path.Combine(exports, "people_20240701.csv"));
        Directory.SetLastWriteTimeUtc(folderNamedLikeAnExport.FullName, new DateTime(2024, 7, 1, 8, 0, 0, DateTimeKind.Utc));
        var connection = FolderConnector("exports").Connections[0];

        var file = connection.ResolveFile();

        Assert.Equal(newest, file);
        Assert.Equal(exports, connection.Directory);
        Assert.Null(connection.Path);
        Assert.Equal(Pattern, connection.FileNamePattern!.ToString());
    }

    [Fact]
    public void Read_DirectoryAndPattern_ReadsTheNewestMatchingFile()
    {
        WriteExport("people_20240101.csv", "E1", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var newest = WriteExport("people_20240102.csv", "E2", new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        WriteExport("people_2024010.csv", "X1", new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc));
        var connector = FolderConnector("exports");

        var result = connector.Read("Person");

        Assert.Equal(newest, result.File);
        Assert.Equal("2:E2:First:Last", CsvPeople.Describe(result));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal("people_20240102.csv", reject.File);
        Assert.Equal("people_20240102.csv:3: column 'EmployeeId': the primary key is empty.", reject.Message);
    }

    [Fact]
    public void ResolveFile_SameLastWriteTime_PicksTheLastNameInOrdinalOrder()
    {
        var time = new DateTime(2024, 5, 5, 5, 5, 5, DateTimeKind.Utc);
        WriteExport("people_20240101.csv", "E1", time);
        var last = WriteExport("people_20241231.csv", "E2", time);
        WriteExport("people_20240630.csv", "E3", time);
        var connection = FolderConnector("exports").Connections[0];

        Assert.Equal(last, connection.ResolveFile());
    }

    [Fact]
    public void ResolveFile_PatternIsMatchedIgnoringCase()
    {
        WriteExport("people_20240101.csv", "E1", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var upper = WriteExport("PEOPLE_20240102.CSV", "E2", new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var connection = FolderConnector("exports").Connections[0];

        Assert.Equal(upper, connection.ResolveFile());
    }

    [Fact]
    public void ResolveFile_NoMatchingFileName_ThrowsFileNotFound()
    {
        WriteExport("people_2024.csv", "E1", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        WriteExport("people_20240101.txt", "E1", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var exports = Path.Combine(_folder.Root, "exports");
        var connector = FolderConnector("exports");

        var exception = Assert.Throws<CsvFileException>(() => connector.Connections[0].ResolveFile());
        var fromRead = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.FileNotFound, exception.Error);
        Assert.Equal(exports, exception.File);
        Assert.Equal(0, exception.Line);
        Assert.Equal($"{exports}: No file name in the folder of connection 'people' matches the pattern '{Pattern}'.", exception.Message);
        Assert.Equal(exception.Message, fromRead.Message);
        Assert.Equal(CsvFileError.FileNotFound, fromRead.Error);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void ResolveFile_CatastrophicPattern_ThrowsNamingTheFolderAndThePattern()
    {
        const string catastrophic = "(a+)+$";
        var exports = Path.Combine(_folder.Root, "exports");
        WriteExport(new string('a', 60) + "!.csv", "E1", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var connector = CsvPeople.Build(
            c =>
            {
                c.Path = null;
                c.Directory = "exports";
                c.FileNamePattern = catastrophic;
            },
            _folder.Root);

        var exception = Assert.Throws<CsvFileException>(connector.Connections[0].ResolveFile);

        Assert.Equal(TimeSpan.FromSeconds(1), connector.Connections[0].FileNamePattern!.MatchTimeout);
        Assert.Equal(CsvFileError.FileNotFound, exception.Error);
        Assert.Equal(exports, exception.File);
        Assert.IsType<System.Text.RegularExpressions.RegexMatchTimeoutException>(exception.InnerException);
        Assert.Equal($"{exports}: The pattern '{catastrophic}' of connection 'people' took too long (more than 1 s) to match a file name in the folder; simplify the pattern.", exception.Message);
    }

    [Fact]
    public void ResolveFile_EmptyFolder_ThrowsFileNotFound()
    {
        var exports = Directory.CreateDirectory(Path.Combine(_folder.Root, "exports")).FullName;
        var connection = FolderConnector("exports").Connections[0];

        var exception = Assert.Throws<CsvFileException>(connection.ResolveFile);

        Assert.Equal(CsvFileError.FileNotFound, exception.Error);
        Assert.Equal($"{exports}: No file name in the folder of connection 'people' matches the pattern '{Pattern}'.", exception.Message);
    }

    [Fact]
    public void ResolveFile_MissingFolder_ThrowsFileNotFound()
    {
        var missing = Path.Combine(_folder.Root, "missing");
        var connection = FolderConnector("missing").Connections[0];

        var exception = Assert.Throws<CsvFileException>(connection.ResolveFile);

        Assert.Equal(CsvFileError.FileNotFound, exception.Error);
        Assert.Equal(missing, exception.File);
        Assert.Equal($"{missing}: The folder of connection 'people' does not exist.", exception.Message);
    }

    [Fact]
    public void Read_PathToMissingFile_ThrowsFileNotFound()
    {
        var connector = CsvPeople.Build(baseDirectory: _folder.Root);
        var expected = Path.Combine(_folder.Root, "people.csv");

        var fromResolve = Assert.Throws<CsvFileException>(connector.Connections[0].ResolveFile);
        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.FileNotFound, exception.Error);
        Assert.Equal(expected, exception.File);
        Assert.Equal(0, exception.Line);
        Assert.Equal(["The file of connection 'people' does not exist."], exception.Errors);
        Assert.Equal($"{expected}: The file of connection 'people' does not exist.", exception.Message);
        Assert.Empty(exception.Rejects);
        Assert.Equal(exception.Message, fromResolve.Message);
    }

    [Fact]
    public void ResolveFile_ExistingPath_ReturnsItsFullPath()
    {
        var path = _folder.WriteUtf8("people.csv", CsvPeople.Header + "\n");
        var connection = CsvPeople.Build(baseDirectory: _folder.Root).Connections[0];

        Assert.Equal(path, connection.ResolveFile());
    }

    [Fact]
    public void Read_RelativePath_IsResolvedAgainstBaseDirectory()
    {
        var path = _folder.WriteUtf8(Path.Combine("in", "people.csv"), CsvPeople.Header + "\nE1,Anne,Smith\n");
        var connector = CsvPeople.Build(c => c.Path = Path.Combine("in", "..", "in", "people.csv"), _folder.Root);

        var result = connector.Read("Person");

        Assert.Equal(path, connector.Connections[0].Path);
        Assert.Equal(path, result.File);
        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void Build_AbsolutePath_IgnoresBaseDirectory()
    {
        var path = _folder.WriteUtf8("people.csv", CsvPeople.Header + "\nE1,Anne,Smith\n");
        var connector = CsvPeople.Build(c => c.Path = path, Path.Combine(_folder.Root, "elsewhere"));

        var result = connector.Read("Person");

        Assert.Equal(path, connector.Connections[0].Path);
        Assert.Equal("2:E1:Anne:Smith", CsvPeople.Describe(result));
    }

    [Fact]
    public void Build_RelativeDirectory_IsResolvedAgainstBaseDirectory()
    {
        var connection = FolderConnector(Path.Combine("a", "..", "exports")).Connections[0];

        Assert.Equal(Path.Combine(_folder.Root, "exports"), connection.Directory);
    }

    private Connector FolderConnector(string directory)
        => CsvPeople.Build(
            c =>
            {
                c.Path = null;
                c.Directory = directory;
                c.FileNamePattern = Pattern;
                c.MaxRejectPercent = 0;
            },
            _folder.Root);

    private string WriteExport(string name, string key, DateTime lastWriteUtc)
    {
        var path = _folder.WriteUtf8(Path.Combine("exports", name), $"{CsvPeople.Header}\n{key},First,Last\n,{key},Reject\n");
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }
}
