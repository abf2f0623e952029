using HrConnector.Csv;
using HrConnector.Modeling;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>The marker-file contract: the export writes <c>{name}.done</c> once the file is complete, with a record count or empty.</summary>
public sealed class MarkerFileTests : IDisposable
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

    private Connector Build()
    {
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), Departments);
        File.WriteAllText(PeoplePath, PeopleRange(1, 10));
        var builder = Builder(thresholdsOff: true).BaseDirectory(_folder);
        builder.Options.Connections.Single(c => c.Identifier == "people").MarkerFile = "{name}.done";
        return builder.Build();
    }
}
