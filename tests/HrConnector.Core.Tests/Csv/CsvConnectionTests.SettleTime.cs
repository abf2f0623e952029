using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using Microsoft.Extensions.Time.Testing;
using static HrConnector.Tests.Synchronization.SyncTestKit;
using HrConnector.Tests.Synchronization;

namespace HrConnector.Tests.Csv;

/// <summary>A file that is still being written is not read: written less than SettleTime ago, or changed during the read.</summary>
public sealed class CsvConnectionSettleTimeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-settle-").FullName;

    private string PeoplePath => Path.Combine(_folder, "people.csv");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Category", "InputSafety")]
    public void SettleTime_DefaultsToTwoSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), CsvDefaults.SettleTime);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Read_FileWrittenLessThanSettleTimeAgo_WaitsUntilItIsThatOldThenReads()
    {
        var connector = Build(c => c.SettleTime = TimeSpan.FromSeconds(5));
        var written = new DateTime(2026, 1, 5, 6, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(PeoplePath, written);
        var clock = new FakeTimeProvider(new DateTimeOffset(written.AddSeconds(3)));

        var read = Task.Run(() => connector.Model.Read("Person", previous: null, options: null, cancellationToken: default, clock: clock));
        await Task.Delay(200);
        Assert.False(read.IsCompleted);
        var result = await AdvanceUntilDoneAsync(clock, read);

        Assert.Equal(10, result.Resources.Count);
        Assert.True(clock.GetUtcNow() >= new DateTimeOffset(written.AddSeconds(5)));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Read_FileChangedDuringTheSettleTime_FailsAsStillBeingWritten()
    {
        var connector = Build(c => c.SettleTime = TimeSpan.FromSeconds(5));
        var written = new DateTime(2026, 1, 5, 6, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(PeoplePath, written);
        var clock = new FakeTimeProvider(new DateTimeOffset(written.AddSeconds(3)));

        var read = Task.Run(() => connector.Model.Read("Person", previous: null, options: null, cancellationToken: default, clock: clock));
        await Task.Delay(200);
        File.AppendAllText(PeoplePath, "E11,First11,La");
        File.SetLastWriteTimeUtc(PeoplePath, written.AddSeconds(4));
        var exception = await Assert.ThrowsAsync<CsvFileException>(() => AdvanceUntilDoneAsync(clock, read));

        Assert.Equal(CsvFileError.StillBeingWritten, exception.Error);
        Assert.Equal($"{PeoplePath}: the file changed during the settle time of 5 s (SettleTime): it is still being written. Read it again once it is complete.", exception.Message);
    }

    private static async Task<T> AdvanceUntilDoneAsync<T>(FakeTimeProvider clock, Task<T> task)
    {
        for (var i = 0; i < 100 && !task.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(50));
        }

        return await task;
    }

    [Theory]
    [Trait("Category", "InputSafety")]
    [InlineData(5)]
    [InlineData(0)]
    public async Task PreviewAsync_FileOlderThanSettleTimeOrNoSettleTime_IsRead(int settleSeconds)
    {
        var connector = Build(c => c.SettleTime = TimeSpan.FromSeconds(settleSeconds));
        var written = new DateTime(2026, 1, 5, 6, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(PeoplePath, written);
        var clock = new FakeTimeProvider(new DateTimeOffset(written.AddSeconds(settleSeconds == 0 ? 0 : 6)));

        var plan = await new Synchronizer(connector.Model, new InMemoryResourceStore(), clock).PreviewAsync(SynchronizationMode.Initial);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(10, plan["Person"].Inserts.Count);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public void Read_FileChangedWhileRead_FailsAsStillBeingWritten()
    {
        var touched = false;
        var connector = Build(
            c => c.SettleTime = TimeSpan.Zero,
            mapping =>
            {
                var lastName = mapping.Properties.Single(p => p.Property == "LastName");
                lastName.Column = null;
                lastName.Compute = _ =>
                {
                    if (!touched)
                    {
                        touched = true;
                        File.SetLastWriteTimeUtc(PeoplePath, File.GetLastWriteTimeUtc(PeoplePath).AddSeconds(1));
                    }

                    return "x";
                };
            });

        var exception = Assert.Throws<CsvFileException>(() => connector.Read("Person"));

        Assert.Equal((CsvFileError.StillBeingWritten, 0L), (exception.Error, exception.Line));
        Assert.Equal($"{PeoplePath}: the file changed while it was read (its size or last write time differs): it is still being written? Read it again once it is complete.", exception.Message);
    }

    private Connector Build(Action<CsvConnectionOptions> people, Action<EntityTypeMappingOptions>? person = null)
    {
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), Departments);
        File.WriteAllText(PeoplePath, PeopleRange(1, 10));
        var builder = Builder(thresholdsOff: true).BaseDirectory(_folder);
        people(builder.Options.Connections.Single(c => c.Identifier == "people"));
        person?.Invoke(builder.Options.Mappings.Single(m => m.EntityType == "Person"));
        return builder.Build();
    }
}
