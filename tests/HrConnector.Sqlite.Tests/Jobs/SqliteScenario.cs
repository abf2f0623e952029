using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Time.Testing;

namespace HrConnector.Sqlite.Tests.Jobs;

/// <summary>
/// A small company whose HR files feed identities (the scenario of Core's end-to-end tests), on the SQLite database or
/// on the in-memory defaults; with SQLite, every day reopens the database, as a scheduled process would.
/// </summary>
internal sealed class SqliteScenario : IAsyncDisposable
{
    public const string DepartmentsHeader = HrConnector.Tests.Shared.ScenarioConnector.DepartmentsHeader;
    public const string PeopleHeader = HrConnector.Tests.Shared.ScenarioConnector.PeopleHeader;

    private readonly string? _path;
    private readonly InMemoryServices? _memory;
    private SqliteDatabase? _database;
    private int _operations;

    private SqliteScenario(string? path, Action<ProvisioningBuilder>? provisioning = null)
    {
        _path = path;
        _memory = path is null ? new InMemoryServices() : null;
        Connector = Build(provisioning);
        Reopen();
    }

    public FakeTimeProvider Clock { get; } = ScenarioClock.New();

    public Connector Connector { get; }

    public IResourceStore Store => _database?.ResourceStore ?? _memory!.Store;

    public IIdentityRepository Repository => _database?.IdentityRepository ?? _memory!.Repository;

    public IProvisioningJournal Journal => _database?.Journal ?? _memory!.Journal;

    public IJobHistory History => _database?.History ?? _memory!.History;

    public SynchronizationJob Job { get; private set; } = null!;

    public static SqliteScenario OnSqlite(string path, Action<ProvisioningBuilder>? provisioning = null) => new(path, provisioning);

    public static SqliteScenario InMemoryDefaults() => new(null);

    /// <summary>Closes and opens the database again (a new process), and builds a new job on it.</summary>
    public void Reopen()
    {
        if (_path is not null)
        {
            _database?.Dispose();
            _database = SqliteDatabase.Open(_path);
        }

        var runLock = _database?.RunLock ?? _memory!.RunLock;
        Job = new SynchronizationJob(Connector, Store, Repository, null, Journal, Clock, runLock: runLock, history: History);
    }

    public Task<JobResult> RunAsync(string departments, string people, bool preview = false, bool force = false) => Job.RunAsync(new JobRequest
    {
        Snapshot = [Connector.MapText("Department", DepartmentsHeader + "\n" + departments), Connector.MapText("Person", PeopleHeader + "\n" + people)],
        PreviewOnly = preview,
        Force = force,
    });

    public void NextDay(int days = 1)
    {
        Clock.Advance(TimeSpan.FromDays(days));
        Reopen();
    }

    /// <summary>An identity made by hand, before the feed.</summary>
    public Task<string> AddByHandAsync(params (string Property, object? Value)[] values)
        => Repository.CreateAsync(values.ToDictionary(v => v.Property, v => v.Value), "hand-" + ++_operations);

    public Task EditByHandAsync(string id, string property, object? value)
        => Repository.UpdateAsync(id, new Dictionary<string, object?> { [property] = value }, "hand-" + ++_operations);

    public Task<IReadOnlyList<IdentityLink>> LinksAsync() => HrConnector.Tests.Shared.ScenarioReads.LinksAsync(Journal);

    public Task<Identity> IdentityOfAsync(string key) => HrConnector.Tests.Shared.ScenarioReads.IdentityOfAsync(Journal, Repository, key);

    public Task<IReadOnlyList<JournalEntry>> EntriesAsync() => HrConnector.Tests.Shared.ScenarioReads.EntriesAsync(Journal);

    public async Task<IReadOnlyList<Identity>> IdentitiesAsync()
    {
        var identities = new List<Identity>();
        await foreach (var identity in Repository.ListAsync())
        {
            identities.Add(identity);
        }

        return identities;
    }

    public ValueTask DisposeAsync()
    {
        _database?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Connector Build(Action<ProvisioningBuilder>? provisioning) => HrConnector.Tests.Shared.ScenarioConnector.Build(p =>
    {
        p.Property("StartDate");
        provisioning?.Invoke(p);
    });
}
