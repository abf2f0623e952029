using System.Text;
using HrConnector.Synchronization;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IResourceStore"/>, run against every implementation so that they cannot drift.</summary>
public abstract class ResourceStoreContract : IDisposable
{
    private readonly Databases _databases = new();

    /// <summary>Creates an empty store.</summary>
    protected abstract IResourceStore CreateStore(Databases databases);

    protected IResourceStore NewStore() => CreateStore(_databases);

    public void Dispose()
    {
        _databases.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task EmptyStore_HasNothing()
    {
        var store = NewStore();
        Assert.Null(await store.GetSchemaAsync("HR", "Person"));
        Assert.Equal(0, await store.CountAsync("HR", "Person"));
        Assert.Null(await store.GetLastRunIdAsync("HR"));
        Assert.Empty(await ReadAsync(store, "HR", "Person"));
    }

    [Fact]
    public async Task CommitAsync_Inserts_ReadBackWithSchemaHashAndRunId()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one", 1), R("E2", "two", ulong.MaxValue)])));

        Assert.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Assert.Equal("schema-v1", await store.GetSchemaAsync("HR", "Person"));
        Assert.Equal(2, await store.CountAsync("HR", "Person"));
        var read = (await ReadAsync(store, "HR", "Person")).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(["E1", "E2"], read.Select(r => r.Key));
        Assert.Equal("one", Encoding.UTF8.GetString(read[0].Payload.Span));
        Assert.Equal(1UL, read[0].SourceHash);
        Assert.Equal(ulong.MaxValue, read[1].SourceHash);
    }

    [Fact]
    public async Task CommitAsync_UpsertsAndDeletes_ChangeOnlyWhatIsGiven()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one"), R("E2", "two"), R("E3", "three")])));
        await store.CommitAsync(Commit("R2", "R1", Person(upserts: [R("E2", "TWO", 7), R("E4", "four")], deletes: ["E3", "missing"])));

        Assert.Equal(3, await store.CountAsync("HR", "Person"));
        var read = (await ReadAsync(store, "HR", "Person")).ToDictionary(r => r.Key, r => (Encoding.UTF8.GetString(r.Payload.Span), r.SourceHash), StringComparer.Ordinal);
        Assert.Equal(("one", 0UL), read["E1"]);
        Assert.Equal(("TWO", 7UL), read["E2"]);
        Assert.Equal(("four", 0UL), read["E4"]);
        Assert.False(read.ContainsKey("E3"));
    }

    [Fact]
    public async Task CommitAsync_ReplaceAll_RewritesTheEntityTypeAndItsSchema()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one"), R("E2", "two")]), Department(upserts: [R("IT", "it")])));
        await store.CommitAsync(Commit("R2", "R1", new EntityTypeCommit("Person", "schema-v2", true, [R("E2", "two-v2"), R("E5", "five")], [])));

        Assert.Equal("schema-v2", await store.GetSchemaAsync("HR", "Person"));
        Assert.Equal(["E2", "E5"], (await ReadAsync(store, "HR", "Person")).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, await store.CountAsync("HR", "Person"));
        Assert.Equal(1, await store.CountAsync("HR", "Department"));
        Assert.Equal("schema-v1", await store.GetSchemaAsync("HR", "Department"));
    }

    [Fact]
    public async Task CommitAsync_ExpectedRunIdDiffers_ThrowsAndAppliesNothing()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one")])));

        var stale = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(Commit("R2", null, Person(upserts: [R("E2", "two")]))));
        Assert.Null(stale.ExpectedRunId);
        Assert.Equal("R1", stale.ActualRunId);
        var wrong = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(Commit("R3", "R0", Person(deletes: ["E1"]))));
        Assert.Equal("R0", wrong.ExpectedRunId);
        await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => NewStore().CommitAsync(Commit("R1", "R0", Person())));

        Assert.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Assert.Equal(["E1"], (await ReadAsync(store, "HR", "Person")).Select(r => r.Key));
    }

    [Fact]
    public async Task CommitAsync_SamePlanTwice_SecondIsRefused()
    {
        var store = NewStore();
        var commit = Commit("R1", null, Person(upserts: [R("E1", "one")]));
        await store.CommitAsync(commit);
        await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(commit));
    }

    [Fact]
    public async Task Identifiers_ConnectorAndEntityTypeIgnoreCase_KeysDoNot()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("e1", "lower"), R("E1", "upper")])));

        Assert.Equal("R1", await store.GetLastRunIdAsync("hr"));
        Assert.Equal(2, await store.CountAsync("hr", "PERSON"));
        Assert.Equal("schema-v1", await store.GetSchemaAsync("Hr", "person"));
        Assert.Equal(["E1", "e1"], (await ReadAsync(store, "hR", "pErSoN")).Select(r => r.Key).Order(StringComparer.Ordinal));
        await store.CommitAsync(new ResourceStoreCommit("hr", "R2", "R1", [new EntityTypeCommit("PERSON", "schema-v1", false, [], ["e1"])]));
        Assert.Equal(["E1"], (await ReadAsync(store, "HR", "Person")).Select(r => r.Key));
    }

    [Fact]
    public async Task Connectors_AreIndependent()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one")])));
        await store.CommitAsync(new ResourceStoreCommit("Payroll", "P1", null, [Person(upserts: [R("X1", "x")])]));

        Assert.Equal("P1", await store.GetLastRunIdAsync("Payroll"));
        Assert.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Assert.Equal(["X1"], (await ReadAsync(store, "Payroll", "Person")).Select(r => r.Key));
    }

    [Fact]
    public async Task CommitAsync_CallerChangesItsBuffersAfterwards_StoredPayloadStays()
    {
        var store = NewStore();
        var buffer = Encoding.UTF8.GetBytes("original");
        await store.CommitAsync(Commit("R1", null, Person(upserts: [new StoredResource("E1", buffer, 3)])));
        buffer[0] = (byte)'X';

        Assert.Equal("original", Encoding.UTF8.GetString(Assert.Single(await ReadAsync(store, "HR", "Person")).Payload.Span));
    }

    [Fact]
    public async Task CommitAsync_EmptyChanges_RecordsTheRun()
    {
        var store = NewStore();
        await store.CommitAsync(Commit("R1", null));
        Assert.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Assert.Null(await store.GetSchemaAsync("HR", "Person"));
    }

    [Fact]
    public async Task CommitAsync_Cancelled_AppliesNothing()
    {
        var store = NewStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one")])), cancelled.Token));
        Assert.Null(await store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    public async Task ReadAsync_DuringACommit_SeesBeforeOrAfterNeverAMix()
    {
        var store = NewStore();
        var before = Enumerable.Range(0, 3000).Select(i => R($"K{i:D5}", "v1")).ToList();
        await store.CommitAsync(Commit("R1", null, Person(upserts: before)));
        var after = Enumerable.Range(0, 3000).Select(i => R($"K{i:D5}", "v2")).ToList();

        var commit = Task.Run(() => store.CommitAsync(Commit("R2", "R1", Person(upserts: after))));
        for (var i = 0; i < 5; i++)
        {
            var versions = (await ReadAsync(store, "HR", "Person")).Select(r => Encoding.UTF8.GetString(r.Payload.Span)).Distinct().ToList();
            Assert.Single(versions);
        }

        await commit;
        Assert.Equal(["v2"], (await ReadAsync(store, "HR", "Person")).Select(r => Encoding.UTF8.GetString(r.Payload.Span)).Distinct());
    }

    protected static async Task<List<StoredResource>> ReadAsync(IResourceStore store, string connector, string entityType)
    {
        var resources = new List<StoredResource>();
        await foreach (var resource in store.ReadAsync(connector, entityType))
        {
            resources.Add(resource);
        }

        return resources;
    }

    private static StoredResource R(string key, string payload, ulong hash = 0) => new(key, Encoding.UTF8.GetBytes(payload), hash);

    private static EntityTypeCommit Person(IReadOnlyList<StoredResource>? upserts = null, IReadOnlyList<string>? deletes = null)
        => new("Person", "schema-v1", false, upserts ?? [], deletes ?? []);

    private static EntityTypeCommit Department(IReadOnlyList<StoredResource>? upserts = null)
        => new("Department", "schema-v1", false, upserts ?? [], []);

    private static ResourceStoreCommit Commit(string runId, string? expected, params EntityTypeCommit[] entityTypes)
        => new("HR", runId, expected, entityTypes);
}

public sealed class InMemoryResourceStoreTests : ResourceStoreContract
{
    protected override IResourceStore CreateStore(Databases databases) => new InMemoryResourceStore();
}

public sealed class SqliteResourceStoreTests : ResourceStoreContract
{
    protected override IResourceStore CreateStore(Databases databases) => databases.Open(databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).ResourceStore;

    [Fact]
    public async Task CommitAsync_TwoDatabasesOnTheSameFile_TheStalePlanIsRefused()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var first = databases.Open(path).ResourceStore;
        var second = databases.Open(path).ResourceStore;
        var person = new EntityTypeCommit("Person", "s", false, [new StoredResource("E1", new byte[] { 1 })], []);

        // Both computed their plan against the empty store; the second process to commit loses.
        await first.CommitAsync(new ResourceStoreCommit("HR", "A", null, [person]));
        var error = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => second.CommitAsync(new ResourceStoreCommit("HR", "B", null, [person])));

        Assert.Equal("A", error.ActualRunId);
        Assert.Equal("A", await second.GetLastRunIdAsync("HR"));
        Assert.Equal(1, await second.CountAsync("HR", "Person"));
    }
}
