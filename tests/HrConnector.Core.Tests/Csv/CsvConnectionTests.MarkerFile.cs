using HrConnector.Csv;
using HrConnector.Tests.Csv;
using HrConnector.Modeling;
using static HrConnector.Tests.Synchronization.SyncTestKit;
using HrConnector.Tests.Synchronization;

namespace HrConnector.Tests.Csv;

/// <summary>The marker-file contract: the export writes <c>{name}.done</c> once the file is complete, with a record count or empty.</summary>
public sealed class CsvConnectionMarkerFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-marker-").FullName;

    private string PeoplePath => Path.Combine(_folder, "people.csv");

    private string MarkerPath => Path.Combine(_folder, "people.csv.done");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("")]
    [InlineData("10")]
    [InlineData(" 10\n")]
    public void Read_MarkerEmptyOrWithTheRecordCount_ReadsTheFile(string marker)
    {
        var connector = Build();
        File.WriteAllText(MarkerPath, marker);

        Assert.Equal(10, connector.Read("Person").Resources.Count);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData(null, "the marker file 'people.csv.done' does not exist (MarkerFile): the export is not complete yet.")]
    [InlineData("11", "the marker file 'people.csv.done' announces 11 records, but the file has 10: it is incomplete, or not the file the marker was written for.")]
    [InlineData("ten", "the marker file 'people.csv.done' holds neither nothing nor a record count and/or a SHA-256 hash of the file (64 hexadecimal digits, optionally after 'sha256:') (MarkerFile).")]
    public void Read_MarkerMissingOrWrong_Fails(string? marker, string error)
    {
        var connector = Build();
        if (marker is not null)
        {
            File.WriteAllText(MarkerPath, marker);
        }

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MarkerFileMismatch, exception.Error);
        Assert.Equal($"{PeoplePath}: {error}", exception.Message);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("{hash}")]
    [InlineData("sha256:{hash}")]
    [InlineData("SHA256:{HASH}\n")]
    [InlineData("10 {hash}")]
    [InlineData("sha256:{hash}\t10\n")]
    public void Read_MarkerWithTheHashOfTheFile_ReadsTheFile(string marker)
    {
        var connector = Build();
        var hash = Sha256(PeoplePath);
        File.WriteAllText(MarkerPath, marker.Replace("{hash}", hash, StringComparison.Ordinal).Replace("{HASH}", hash.ToUpperInvariant(), StringComparison.Ordinal));

        Assert.Equal(10, connector.Read("Person").Resources.Count);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("{hash}")]
    [InlineData("2 sha256:{hash}")]
    public void Read_FileCutInsideItsLastValue_OnlyTheHashCatchesIt(string marker)
    {
        // The export wrote "E2,Bob,Analyst" and its marker; the copy stopped inside the last value: "E2,Bob,Analy" is a
        // well-formed record, and the file still has 2 records.
        var connector = CsvPeople.Build(c => c.MarkerFile = "{name}.done", _folder);
        var path = Path.Combine(_folder, "people.csv");
        var complete = CsvPeople.Header + "\nE1,Anne,Smith\nE2,Bob,Analyst\n";
        File.WriteAllText(path, complete);
        var hash = Sha256(path);
        File.WriteAllText(path, complete[..^3]);
        File.WriteAllText(path + ".done", marker.Replace("{hash}", hash, StringComparison.Ordinal));

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MarkerFileMismatch, exception.Error);
        Assert.Equal($"{path}: the marker file 'people.csv.done' holds a SHA-256 hash that differs from the hash of the file: it is incomplete (perhaps cut inside its last value), or not the file the marker was written for.", exception.Message);
        Assert.DoesNotContain("Analy", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, exception.Message, StringComparison.OrdinalIgnoreCase);

        File.WriteAllText(path + ".done", "2");
        Assert.Equal("2:E1:Anne:Smith | 3:E2:Bob:Analy", CsvPeople.Describe(connector.Read("Person")));
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("11 {hash}", "the marker file 'people.csv.done' announces 11 records, but the file has 10: it is incomplete, or not the file the marker was written for.")]
    [InlineData("10 {other}", "the marker file 'people.csv.done' holds a SHA-256 hash that differs from the hash of the file: it is incomplete (perhaps cut inside its last value), or not the file the marker was written for.")]
    [InlineData("{hash} {hash}", "the marker file 'people.csv.done' holds neither nothing nor a record count and/or a SHA-256 hash of the file (64 hexadecimal digits, optionally after 'sha256:') (MarkerFile).")]
    [InlineData("10 10", "the marker file 'people.csv.done' holds neither nothing nor a record count and/or a SHA-256 hash of the file (64 hexadecimal digits, optionally after 'sha256:') (MarkerFile).")]
    [InlineData("md5:0123", "the marker file 'people.csv.done' holds neither nothing nor a record count and/or a SHA-256 hash of the file (64 hexadecimal digits, optionally after 'sha256:') (MarkerFile).")]
    public void Read_MarkerWithCountAndHash_BothMustMatch(string marker, string error)
    {
        var connector = Build();
        var hash = Sha256(PeoplePath);
        var other = Hex(System.Security.Cryptography.SHA256.HashData("another file"u8));
        File.WriteAllText(MarkerPath, marker.Replace("{hash}", hash, StringComparison.Ordinal).Replace("{other}", other, StringComparison.Ordinal));

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal(CsvFileError.MarkerFileMismatch, exception.Error);
        Assert.Equal($"{PeoplePath}: {error}", exception.Message);
    }

    private static string Sha256(string path) => Hex(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    // Convert.ToHexStringLower is .NET 9 and later; these tests run on .NET 8 too.
    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private Connector Build()
    {
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), Departments);
        File.WriteAllText(PeoplePath, PeopleRange(1, 10));
        var builder = Builder(thresholdsOff: true).BaseDirectory(_folder);
        builder.Options.Connections.Single(c => c.Identifier == "people").MarkerFile = "{name}.done";
        return builder.Build();
    }
}
