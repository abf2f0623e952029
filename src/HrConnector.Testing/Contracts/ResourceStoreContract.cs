using System.Text;
using HrConnector.Synchronization;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The contract of <see cref="IResourceStore"/>: every case of the suite HrConnector runs against
/// <see cref="InMemoryResourceStore"/> and the SQLite store, to run against yours.
/// </summary>
/// <remarks>
/// The cases commit, read and count under the connectors <c>HR</c> and <c>Payroll</c>, check that identifiers of
/// connectors and entity types ignore case and keys do not, that a commit whose expected run id differs is refused with
/// <see cref="ResourceStoreConcurrencyException"/> and applies nothing, that a cancelled commit applies nothing, and that a
/// read during a commit sees the state before or after it, never a mix (3,000 resources).
/// </remarks>
public static class ResourceStoreContract
{
    /// <summary>The cases, each on new subjects of a factory.</summary>
    /// <param name="createStore">Returns a new, empty store at each call; called only when a case runs.</param>
    /// <returns>The cases.</returns>
    public static ContractSuite Cases(Func<IResourceStore> createStore)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        return new ContractSuite(nameof(IResourceStore),
        [
            Case(nameof(EmptyStore_HasNothing), () => EmptyStore_HasNothing(createStore)),
            Case(nameof(CommitAsync_Inserts_ReadBackWithSchemaHashAndRunId), () => CommitAsync_Inserts_ReadBackWithSchemaHashAndRunId(createStore)),
            Case(nameof(CommitAsync_UpsertsAndDeletes_ChangeOnlyWhatIsGiven), () => CommitAsync_UpsertsAndDeletes_ChangeOnlyWhatIsGiven(createStore)),
            Case(nameof(CommitAsync_ReplaceAll_RewritesTheEntityTypeAndItsSchema), () => CommitAsync_ReplaceAll_RewritesTheEntityTypeAndItsSchema(createStore)),
            Case(nameof(CommitAsync_ExpectedRunIdDiffers_ThrowsAndAppliesNothing), () => CommitAsync_ExpectedRunIdDiffers_ThrowsAndAppliesNothing(createStore)),
            Case(nameof(CommitAsync_SamePlanTwice_SecondIsRefused), () => CommitAsync_SamePlanTwice_SecondIsRefused(createStore)),
            Case(nameof(Identifiers_ConnectorAndEntityTypeIgnoreCase_KeysDoNot), () => Identifiers_ConnectorAndEntityTypeIgnoreCase_KeysDoNot(createStore)),
            Case(nameof(Connectors_AreIndependent), () => Connectors_AreIndependent(createStore)),
            Case(nameof(CommitAsync_CallerChangesItsBuffersAfterwards_StoredPayloadStays), () => CommitAsync_CallerChangesItsBuffersAfterwards_StoredPayloadStays(createStore)),
            Case(nameof(CommitAsync_EmptyChanges_RecordsTheRun), () => CommitAsync_EmptyChanges_RecordsTheRun(createStore)),
            Case(nameof(CommitAsync_Cancelled_AppliesNothing), () => CommitAsync_Cancelled_AppliesNothing(createStore)),
            Case(nameof(ReadAsync_DuringACommit_SeesBeforeOrAfterNeverAMix), () => ReadAsync_DuringACommit_SeesBeforeOrAfterNeverAMix(createStore)),
        ]);

        static ContractCase Case(string name, Func<Task> run, string? category = null, Type? requires = null) => new(nameof(IResourceStore), name, run, category, requires);
    }

    private static async Task EmptyStore_HasNothing(Func<IResourceStore> create)
    {
        var store = create();
        Check.Null(await store.GetSchemaAsync("HR", "Person"));
        Check.Equal(0, await store.CountAsync("HR", "Person"));
        Check.Null(await store.GetLastRunIdAsync("HR"));
        Check.Empty(await ReadAsync(store, "HR", "Person"));
    }

    private static async Task CommitAsync_Inserts_ReadBackWithSchemaHashAndRunId(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one", 1), R("E2", "two", ulong.MaxValue)])));

        Check.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Check.Equal("schema-v1", await store.GetSchemaAsync("HR", "Person"));
        Check.Equal(2, await store.CountAsync("HR", "Person"));
        var read = (await ReadAsync(store, "HR", "Person")).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Check.Equal(["E1", "E2"], read.Select(r => r.Key));
        Check.Equal("one", Encoding.UTF8.GetString(read[0].Payload.Span));
        Check.Equal(1UL, read[0].SourceHash);
        Check.Equal(ulong.MaxValue, read[1].SourceHash);
    }

    private static async Task CommitAsync_UpsertsAndDeletes_ChangeOnlyWhatIsGiven(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one"), R("E2", "two"), R("E3", "three")])));
        await store.CommitAsync(Commit("R2", "R1", Person(upserts: [R("E2", "TWO", 7), R("E4", "four")], deletes: ["E3", "missing"])));

        Check.Equal(3, await store.CountAsync("HR", "Person"));
        var read = (await ReadAsync(store, "HR", "Person")).ToDictionary(r => r.Key, r => (Encoding.UTF8.GetString(r.Payload.Span), r.SourceHash), StringComparer.Ordinal);
        Check.Equal(("one", 0UL), read["E1"]);
        Check.Equal(("TWO", 7UL), read["E2"]);
        Check.Equal(("four", 0UL), read["E4"]);
        Check.False(read.ContainsKey("E3"));
    }

    private static async Task CommitAsync_ReplaceAll_RewritesTheEntityTypeAndItsSchema(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one"), R("E2", "two")]), Department(upserts: [R("IT", "it")])));
        await store.CommitAsync(Commit("R2", "R1", new EntityTypeCommit("Person", "schema-v2", true, [R("E2", "two-v2"), R("E5", "five")], [])));

        Check.Equal("schema-v2", await store.GetSchemaAsync("HR", "Person"));
        Check.Equal(["E2", "E5"], (await ReadAsync(store, "HR", "Person")).Select(r => r.Key).Order(StringComparer.Ordinal));
        Check.Equal(2, await store.CountAsync("HR", "Person"));
        Check.Equal(1, await store.CountAsync("HR", "Department"));
        Check.Equal("schema-v1", await store.GetSchemaAsync("HR", "Department"));
    }

    private static async Task CommitAsync_ExpectedRunIdDiffers_ThrowsAndAppliesNothing(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one")])));

        var stale = await Check.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(Commit("R2", null, Person(upserts: [R("E2", "two")]))));
        Check.Null(stale.ExpectedRunId);
        Check.Equal("R1", stale.ActualRunId);
        var wrong = await Check.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(Commit("R3", "R0", Person(deletes: ["E1"]))));
        Check.Equal("R0", wrong.ExpectedRunId);
        await Check.ThrowsAsync<ResourceStoreConcurrencyException>(() => create().CommitAsync(Commit("R1", "R0", Person())));

        Check.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Check.Equal(["E1"], (await ReadAsync(store, "HR", "Person")).Select(r => r.Key));
    }

    private static async Task CommitAsync_SamePlanTwice_SecondIsRefused(Func<IResourceStore> create)
    {
        var store = create();
        var commit = Commit("R1", null, Person(upserts: [R("E1", "one")]));
        await store.CommitAsync(commit);
        await Check.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(commit));
    }

    private static async Task Identifiers_ConnectorAndEntityTypeIgnoreCase_KeysDoNot(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("e1", "lower"), R("E1", "upper")])));

        Check.Equal("R1", await store.GetLastRunIdAsync("hr"));
        Check.Equal(2, await store.CountAsync("hr", "PERSON"));
        Check.Equal("schema-v1", await store.GetSchemaAsync("Hr", "person"));
        Check.Equal(["E1", "e1"], (await ReadAsync(store, "hR", "pErSoN")).Select(r => r.Key).Order(StringComparer.Ordinal));
        await store.CommitAsync(new ResourceStoreCommit("hr", "R2", "R1", [new EntityTypeCommit("PERSON", "schema-v1", false, [], ["e1"])]));
        Check.Equal(["E1"], (await ReadAsync(store, "HR", "Person")).Select(r => r.Key));
    }

    private static async Task Connectors_AreIndependent(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one")])));
        await store.CommitAsync(new ResourceStoreCommit("Payroll", "P1", null, [Person(upserts: [R("X1", "x")])]));

        Check.Equal("P1", await store.GetLastRunIdAsync("Payroll"));
        Check.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Check.Equal(["X1"], (await ReadAsync(store, "Payroll", "Person")).Select(r => r.Key));
    }

    private static async Task CommitAsync_CallerChangesItsBuffersAfterwards_StoredPayloadStays(Func<IResourceStore> create)
    {
        var store = create();
        var buffer = Encoding.UTF8.GetBytes("original");
        await store.CommitAsync(Commit("R1", null, Person(upserts: [new StoredResource("E1", buffer, 3)])));
        buffer[0] = (byte)'X';

        Check.Equal("original", Encoding.UTF8.GetString(Check.Single(await ReadAsync(store, "HR", "Person")).Payload.Span));
    }

    private static async Task CommitAsync_EmptyChanges_RecordsTheRun(Func<IResourceStore> create)
    {
        var store = create();
        await store.CommitAsync(Commit("R1", null));
        Check.Equal("R1", await store.GetLastRunIdAsync("HR"));
        Check.Null(await store.GetSchemaAsync("HR", "Person"));
    }

    private static async Task CommitAsync_Cancelled_AppliesNothing(Func<IResourceStore> create)
    {
        var store = create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Check.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(Commit("R1", null, Person(upserts: [R("E1", "one")])), cancelled.Token));
        Check.Null(await store.GetLastRunIdAsync("HR"));
    }

    private static async Task ReadAsync_DuringACommit_SeesBeforeOrAfterNeverAMix(Func<IResourceStore> create)
    {
        var store = create();
        var before = Enumerable.Range(0, 3000).Select(i => R($"K{i:D5}", "v1")).ToList();
        await store.CommitAsync(Commit("R1", null, Person(upserts: before)));
        var after = Enumerable.Range(0, 3000).Select(i => R($"K{i:D5}", "v2")).ToList();

        var commit = Task.Run(() => store.CommitAsync(Commit("R2", "R1", Person(upserts: after))));
        for (var i = 0; i < 5; i++)
        {
            var versions = (await ReadAsync(store, "HR", "Person")).Select(r => Encoding.UTF8.GetString(r.Payload.Span)).Distinct().ToList();
            Check.Single(versions);
        }

        await commit;
        Check.Equal(["v2"], (await ReadAsync(store, "HR", "Person")).Select(r => Encoding.UTF8.GetString(r.Payload.Span)).Distinct());
    }

    private static async Task<List<StoredResource>> ReadAsync(IResourceStore store, string connector, string entityType)
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
