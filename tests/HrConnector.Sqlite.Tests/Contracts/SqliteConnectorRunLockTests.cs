using HrConnector.Jobs;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IConnectorRunLock"/> (<see cref="ConnectorRunLockContract"/>) on SQLite, and what only a database lock shared by processes does.</summary>
public sealed class SqliteConnectorRunLockTests : IDisposable
{
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(ConnectorRunLockContract.Cases(ContractTheories.NotCalled<IConnectorRunLock>), null);

    private ContractSuite Suite => ConnectorRunLockContract.Cases(() => _databases.Open().RunLock);

    public void Dispose() => _databases.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);

    [Fact]
    public async Task TryAcquireAsync_TwoDatabasesOnTheSameFile_OneRunAtATime()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var first = databases.Open(path);
        var second = databases.Open(path);

        var held = await first.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(held);
        Assert.Null(await second.RunLock.TryAcquireAsync("HR"));
        Assert.NotNull(await second.RunLock.TryAcquireAsync("Other") is { } other ? other : null);
        await held.DisposeAsync();
        var taken = await second.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(taken);
        Assert.Null(await first.RunLock.TryAcquireAsync("HR"));
        await taken.DisposeAsync();
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task TryAcquireAsync_SameFileThroughASymbolicLinkAndADotDotPath_OneRunAtATime()
    {
        using var databases = new Databases();
        var real = Directory.CreateDirectory(Path.Combine(databases.Folder, "real")).FullName;
        var path = Path.Combine(real, "hr.db");
        var link = Path.Combine(databases.Folder, "link.db");
        var first = databases.Open(path);
        File.CreateSymbolicLink(link, path);
        var throughLink = databases.Open(link);
        var throughDotDot = databases.Open(Path.Combine(databases.Folder, "real", "..", "real", "hr.db"));
        Assert.NotEqual(first.Path, throughLink.Path);

        var held = await throughLink.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(held);
        Assert.Null(await first.RunLock.TryAcquireAsync("hr"));
        Assert.Null(await throughDotDot.RunLock.TryAcquireAsync("HR"));
        await held.DisposeAsync();

        var taken = await throughDotDot.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(taken);
        Assert.Null(await throughLink.RunLock.TryAcquireAsync("HR"));
        await taken.DisposeAsync();
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task TryAcquireAsync_RowOfAGoneProcessOnThisHost_IsTakenAtOnce_RowOfAnotherHost_WaitsForItsLease()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var database = databases.Open(path);
        var future = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds();
        var start = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var exited = await ExitedProcessIdAsync();

        // A process of this host that is gone, and this very process id with another start time (the id was reused).
        foreach (var (pid, processStart) in new[] { (exited, start), (Environment.ProcessId, start) })
        {
            Execute(path, $"INSERT OR REPLACE INTO run_lock VALUES ('HR', 'dead', '{Environment.MachineName}', {pid}, {processStart}, {future});");
            var taken = await database.RunLock.TryAcquireAsync("HR");
            Assert.NotNull(taken);
            await taken.DisposeAsync();
        }

        // Another host: its process cannot be checked, its lease is trusted until it expires.
        Execute(path, $"INSERT OR REPLACE INTO run_lock VALUES ('HR', 'other', 'another-host.example', 1, {start}, {future});");
        Assert.Null(await database.RunLock.TryAcquireAsync("HR"));
        Execute(path, $"UPDATE run_lock SET expires_at = {DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds()};");
        var afterLease = await database.RunLock.TryAcquireAsync("HR");
        Assert.NotNull(afterLease);
        await afterLease.DisposeAsync();
        Assert.Equal(0L, SqliteProvisioningJournalTests.Scalar(path, "SELECT count(*) FROM run_lock;"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task Handle_RenewsItsLease_AndDeletesItsRowOnlyWhileItOwnsIt()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using var store = new SqliteStore(Path.GetFullPath(path));
        store.Initialize();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var runLock = new SqliteConnectorRunLock(store, clock);

        var held = await runLock.TryAcquireAsync("HR");
        Assert.NotNull(held);
        var expires = (long)SqliteProvisioningJournalTests.Scalar(path, "SELECT expires_at FROM run_lock;")!;
        Assert.Equal(clock.GetUtcNow().Add(SqliteConnectorRunLock.Lease).ToUnixTimeMilliseconds(), expires);

        clock.Advance(SqliteConnectorRunLock.RenewEvery);
        var renewed = expires;
        for (var i = 0; i < 100 && renewed == expires; i++)
        {
            await Task.Delay(20);
            renewed = (long)SqliteProvisioningJournalTests.Scalar(path, "SELECT expires_at FROM run_lock;")!;
        }

        Assert.Equal(expires + (long)SqliteConnectorRunLock.RenewEvery.TotalMilliseconds, renewed);

        // Taken over meanwhile (its lease had expired, say): disposing must not free the new holder's lock.
        Execute(path, "UPDATE run_lock SET owner = 'someone-else';");
        await held.DisposeAsync();
        Assert.Equal("someone-else", SqliteProvisioningJournalTests.Scalar(path, "SELECT owner FROM run_lock;"));
    }

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
