using HrConnector.Csv;
using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;
using HrConnector.Tests.Synchronization;

namespace HrConnector.Tests.Csv;

/// <summary>
/// A file cut while it was written: its last record has no line break and is malformed. The run fails (or, with
/// <see cref="CsvConnectionOptions.CutLastRecord"/> <see cref="CutLastRecordHandling.RejectAndHoldDeletes"/>, that record
/// is rejected and nothing of the entity type is deleted); a well-formed last record without a line break is read as usual.
/// </summary>
public sealed class CsvRecordReaderCutLastRecordTests : IDisposable
{
    private const string LastRow = "E100,First100,\"Last, 100\",01/01/1990,2020-01-01,1.0,N,100,,,D1";

    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-cut-").FullName;

    private string PeoplePath => Path.Combine(_folder, "people.csv");

    /// <summary>Day 1: E1..E99, then E100 with a quoted last name, every row ending with a line break.</summary>
    private static string DayOne => People([.. Enumerable.Range(1, 99).Select(n => Person(n)), LastRow]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData(3, "has a different number of fields than the header")]
    [InlineData(14, "has a different number of fields than the header")]
    [InlineData(17, "a quoted value in it is never closed")]
    [InlineData(22, "a quoted value in it is never closed")]
    [InlineData(40, "has a different number of fields than the header")]
    [InlineData(LastRowLength - 4, "has a different number of fields than the header")]
    public async Task Run_LastRecordCutInside_FailsNamingFileAndLineAndCommitsNothing(int keep, string reason)
    {
        var (job, store) = await DayOneAsync();
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, DayOne[..^(LastRow.Length + 1 - keep)]);

        var result = await job.RunAsync(new JobRequest());

        Assert.Equal(JobStatus.Failed, result.Status);
        var message = Assert.Single(result.Messages, m => m.Contains("the last record", StringComparison.Ordinal));
        Assert.Contains($"{PeoplePath}:101: the last record does not end with a line break and {reason}: the file was cut while it was written (or is still being written). Wait until it is complete, or set CutLastRecord to RejectAndHoldDeletes to reject that record and hold back deletions.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("E100", message, StringComparison.Ordinal);
        Assert.DoesNotContain("First1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Last,", message, StringComparison.Ordinal);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_LastRecordCut_ThrowsTruncatedWithTheLine()
    {
        var (connector, _) = Build(null);
        File.WriteAllText(PeoplePath, DayOne[..^30]);

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal((CsvFileError.Truncated, 101L, PeoplePath), (exception.Error, exception.Line, exception.File));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_LastRecordCutWithRejectAndHoldDeletes_RejectsItAndDeletesNothing()
    {
        var (job, store) = await DayOneAsync(c => c.CutLastRecord = CutLastRecordHandling.RejectAndHoldDeletes);
        var before = await DescribeAsync(store, "Department", "Person");
        // E98..E100 are missing (3%, under the default thresholds), and E97 is cut in its last name.
        File.WriteAllText(PeoplePath, People([.. Enumerable.Range(1, 96).Select(n => Person(n))]) + "E97,First97,Las");

        var result = await job.RunAsync(new JobRequest());

        // The 3 deletions are planned but held back: the run is blocked and applies nothing.
        Assert.Equal(JobStatus.Blocked, result.Status);
        Assert.Contains(result.Messages, m => m.Contains("Person: the file is incomplete", StringComparison.Ordinal) && m.Contains("its 3 deletions are held back", StringComparison.Ordinal));
        var counts = result.EntityTypes.Single(e => e.EntityType == "Person");
        Assert.Equal((97L, 1L), (counts.Rows, counts.Rejected));
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_LastRecordCutWithRejectAndHoldDeletes_IsTruncatedWithOneReject()
    {
        var (connector, _) = Build(c => c.CutLastRecord = CutLastRecordHandling.RejectAndHoldDeletes);
        File.WriteAllText(PeoplePath, People([.. Enumerable.Range(1, 96).Select(n => Person(n))]) + "E97,First97,Las");

        var read = connector.Read("Person");

        Assert.True(read.IsTruncated);
        var reject = Assert.Single(read.Rejects);
        Assert.Equal((RejectReason.FieldCountMismatch, 98L, "E97"), (reject.Reason, reject.Line, reject.Key));
        Assert.Equal(96, read.Resources.Count);
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Run_WellFormedFileWithoutFinalLineBreak_ReadsEveryRecord(string lineEnd)
    {
        var (job, store) = await DayOneAsync();
        File.WriteAllText(PeoplePath, DayOne.TrimEnd('\n').Replace("\n", lineEnd, StringComparison.Ordinal));

        var result = await job.RunAsync(new JobRequest());

        Assert.Equal(JobStatus.Succeeded, result.Status);
        var counts = result.EntityTypes.Single(e => e.EntityType == "Person");
        Assert.Equal((100L, 0L, 0L, 100L), (counts.Rows, counts.Rejected, counts.Deleted, counts.Unchanged));
        Assert.Equal(100, await store.CountAsync(job.Connector.Identifier, "Person"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_WellFormedLastRecordWithoutLineBreakUtf16_ReadsIt()
    {
        var (connector, _) = Build(null);
        File.WriteAllText(PeoplePath, DayOne.TrimEnd('\n'), new System.Text.UnicodeEncoding(bigEndian: true, byteOrderMark: true));

        var read = connector.Read("Person");

        Assert.Empty(read.Rejects);
        Assert.False(read.IsTruncated);
        Assert.True(read.TryGetResource("E100", out _));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_CutLastRecordUtf16_IsTruncated()
    {
        var (connector, _) = Build(null);
        File.WriteAllText(PeoplePath, DayOne[..^30], new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        Assert.Equal(CsvFileError.Truncated, Assert.Throws<CsvFileException>(() => connector.Read("Person")).Error);
    }

    private const int LastRowLength = 62;

    private (Connector Connector, string Identifier) Build(Action<CsvConnectionOptions>? people)
    {
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), Departments);
        var builder = Builder(thresholdsOff: false).BaseDirectory(_folder);
        builder.Options.Identifier = "Cut_" + Guid.NewGuid().ToString("N");
        people?.Invoke(builder.Options.Connections.Single(c => c.Identifier == "people"));
        var connector = builder.Build();
        return (connector, connector.Identifier);
    }

    /// <summary>Day 1: the good file, run through the job on in-memory defaults.</summary>
    private async Task<(SynchronizationJob Job, InMemoryResourceStore Store)> DayOneAsync(Action<CsvConnectionOptions>? people = null)
    {
        var (connector, _) = Build(people);
        File.WriteAllText(PeoplePath, DayOne);
        var store = new InMemoryResourceStore();
        var job = new SynchronizationJob(connector, store, runLock: new InMemoryConnectorRunLock());
        var first = await job.RunAsync(new JobRequest());
        Assert.Equal(JobStatus.Succeeded, first.Status);
        Assert.Equal(100, await store.CountAsync(connector.Identifier, "Person"));
        return (job, store);
    }
}
