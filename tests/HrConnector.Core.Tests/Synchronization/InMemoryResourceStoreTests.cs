using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Modeling;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>The default resource store: commits are atomic, checked against the last run id, and readers never see half a commit.</summary>
public class InMemoryResourceStoreTests
{
    [Fact]
    public async Task CommitAsync_FirstCommit_IsReadBackWithCountSchemaAndRunId()
    {
        var store = new InMemoryResourceStore();

        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null,
        [
            new EntityTypeCommit("Person", "schema-person", false, [new StoredResource("E2", new byte[] { 3 }, 42), new StoredResource("E1", new byte[] { 1, 2 })], []),
        ]));

        Assert.Equal("run-1", await store.GetLastRunIdAsync("HR"));
        Assert.Equal("run-1", await store.GetLastRunIdAsync("hr"));
        Assert.Equal(2, await store.CountAsync("HR", "Person"));
        Assert.Equal("schema-person", await store.GetSchemaAsync("HR", "person"));
        var stored = await ReadAllAsync(store, "HR", "Person");
        Assert.Equal(["E1", "E2"], stored.Select(s => s.Key));
        Assert.Equal(new byte[] { 1, 2 }, stored[0].Payload.ToArray());
        Assert.Equal(0UL, stored[0].SourceHash);
        Assert.Equal(new byte[] { 3 }, stored[1].Payload.ToArray());
        Assert.Equal(42UL, stored[1].SourceHash);
    }

    [Fact]
    public async Task CommitAsync_SchemaWithAMappingFingerprint_TheTableTheNextReadReusesCarriesIt()
    {
        var store = new InMemoryResourceStore();

        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null,
        [
            new EntityTypeCommit("Person", "FirstName:String#00000000000000ab", false, [new StoredResource("E1", new byte[] { 1 }, 42)], []),
            new EntityTypeCommit("Department", "Name:String", false, [new StoredResource("D1", new byte[] { 2 }, 7)], []),
        ]));
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-2", "run-1",
        [
            new EntityTypeCommit("Person", "FirstName:String#00000000000000cd", false, [new StoredResource("E2", new byte[] { 3 }, 43)], []),
        ]));

        // The mapping's fingerprint travels with the table the store publishes (its kept and its new payloads alike),
        // so that the next read compares raw records with it instead of converting every row again.
        var people = Assert.IsType<ResourceTable>(store.Snapshot("HR", "Person"));
        Assert.Equal(0xcdUL, people.Fingerprint);
        Assert.Equal(2, people.Count);
        Assert.Equal(0UL, store.Snapshot("HR", "Department")!.Fingerprint);
    }

    [Fact]
    public async Task Reads_NothingCommitted_AreEmpty()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null, [new EntityTypeCommit("Person", "s", false, [new StoredResource("E1", new byte[] { 1 })], [])]));

        Assert.Null(await store.GetLastRunIdAsync("Payroll"));
        Assert.Null(await store.GetSchemaAsync("HR", "Department"));
        Assert.Equal(0, await store.CountAsync("HR", "Department"));
        Assert.Empty(await ReadAllAsync(store, "HR", "Department"));
        Assert.Equal(0, await store.CountAsync("Payroll", "Person"));
    }

    [Fact]
    public async Task CommitAsync_Changes_UpsertAndDeleteWithoutTouchingOtherResources()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null,
            [new EntityTypeCommit("Person", "s1", false, [new("E1", new byte[] { 1 }), new("E2", new byte[] { 2 }), new("E3", new byte[] { 3 })], [])]));

        await store.CommitAsync(new ResourceStoreCommit("HR", "run-2", "run-1",
            [new EntityTypeCommit("Person", "s2", false, [new("E2", new byte[] { 20 }), new("E4", new byte[] { 4 })], ["E1"])]));

        var stored = await ReadAllAsync(store, "HR", "Person");
        Assert.Equal(["E2", "E3", "E4"], stored.Select(s => s.Key));
        Assert.Equal(new byte[][] { [20], [3], [4] }, stored.Select(s => s.Payload.ToArray()));
        Assert.Equal("s2", await store.GetSchemaAsync("HR", "Person"));
        Assert.Equal("run-2", await store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    public async Task CommitAsync_ReplaceAll_KeepsOnlyTheUpserts()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null,
            [new EntityTypeCommit("Person", "old", false, [new("E1", new byte[] { 1 }), new("E2", new byte[] { 2 })], [])]));

        await store.CommitAsync(new ResourceStoreCommit("HR", "run-2", "run-1",
            [new EntityTypeCommit("Person", "new", true, [new("E2", new byte[] { 22 }), new("E9", new byte[] { 9 })], [])]));

        var stored = await ReadAllAsync(store, "HR", "Person");
        Assert.Equal(["E2", "E9"], stored.Select(s => s.Key));
        Assert.Equal(new byte[][] { [22], [9] }, stored.Select(s => s.Payload.ToArray()));
        Assert.Equal(2, await store.CountAsync("HR", "Person"));
        Assert.Equal("new", await store.GetSchemaAsync("HR", "Person"));
    }

    [Fact]
    public async Task CommitAsync_CallerChangesItsBufferAfterwards_StoreKeepsItsCopy()
    {
        var store = new InMemoryResourceStore();
        var buffer = new byte[] { 1, 2, 3 };

        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null, [new EntityTypeCommit("Person", "s", false, [new("E1", buffer)], [])]));
        buffer[0] = 99;

        Assert.Equal(new byte[] { 1, 2, 3 }, (await ReadAllAsync(store, "HR", "Person")).Single().Payload.ToArray());
    }

    [Fact]
    public async Task CommitAsync_WrongExpectedLastRunId_ThrowsAndChangesNothingInAnyEntityType()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null,
        [
            new EntityTypeCommit("Department", "d1", false, [new("D1", new byte[] { 1 })], []),
            new EntityTypeCommit("Person", "p1", false, [new("E1", new byte[] { 1 }), new("E2", new byte[] { 2 })], []),
        ]));
        var before = await DescribeAsync(store, "Department", "Person");

        var exception = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(new ResourceStoreCommit("HR", "run-2", "run-0",
        [
            new EntityTypeCommit("Department", "d2", false, [new("D2", new byte[] { 2 })], ["D1"]),
            new EntityTypeCommit("Person", "p2", true, [new("E3", new byte[] { 3 })], ["E1"]),
        ])));

        Assert.Equal("The resource store of connector 'HR' changed after the plan was computed (its last run is 'run-1', the plan expected 'run-0'); nothing was applied. Compute the plan again.", exception.Message);
        Assert.Equal("run-0", exception.ExpectedRunId);
        Assert.Equal("run-1", exception.ActualRunId);
        Assert.IsAssignableFrom<HrConnectorException>(exception);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
        Assert.Contains("D1", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_FailingInTheSecondEntityType_ChangesNothingInTheFirst()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null,
        [
            new EntityTypeCommit("Department", "d1", false, [new("D1", new byte[] { 1 })], []),
            new EntityTypeCommit("Person", "p1", false, [new("E1", new byte[] { 1 })], []),
        ]));
        var before = await DescribeAsync(store, "Department", "Person");

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.CommitAsync(new ResourceStoreCommit("HR", "run-2", "run-1",
        [
            new EntityTypeCommit("Department", "d2", true, [new("D2", new byte[] { 2 })], []),
            new EntityTypeCommit("Person", "p2", false, [new("E2", new byte[] { 2 }), new(null!, new byte[] { 3 })], ["E1"]),
        ])));

        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task CommitAsync_NoExpectedRunIdOnAStoreThatHasRuns_Throws()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null, [new EntityTypeCommit("Person", "p", false, [new("E1", new byte[] { 1 })], [])]));

        var exception = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(new ResourceStoreCommit("HR", "run-2", null, [])));

        Assert.Equal("The resource store of connector 'HR' changed after the plan was computed (its last run is 'run-1', the plan expected 'none'); nothing was applied. Compute the plan again.", exception.Message);
        Assert.Null(exception.ExpectedRunId);
        Assert.Equal("run-1", await store.GetLastRunIdAsync("HR"));
    }

    [Fact]
    public async Task CommitAsync_ExpectedRunIdOnAnEmptyStore_Throws()
    {
        var store = new InMemoryResourceStore();

        var exception = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => store.CommitAsync(new ResourceStoreCommit("HR", "run-2", "run-1", [new EntityTypeCommit("Person", "p", false, [new("E1", new byte[] { 1 })], [])])));

        Assert.Null(exception.ActualRunId);
        Assert.Equal("The resource store of connector 'HR' changed after the plan was computed (its last run is 'none', the plan expected 'run-1'); nothing was applied. Compute the plan again.", exception.Message);
        Assert.Null(await store.GetLastRunIdAsync("HR"));
        Assert.Equal(0, await store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task CommitAsync_OtherConnector_IsIndependent()
    {
        var store = new InMemoryResourceStore();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null, [new EntityTypeCommit("Person", "p", false, [new("E1", new byte[] { 1 })], [])]));

        await store.CommitAsync(new ResourceStoreCommit("Payroll", "pay-1", null, [new EntityTypeCommit("Person", "p", false, [new("P1", new byte[] { 1 }), new("P2", new byte[] { 2 })], [])]));

        Assert.Equal("run-1", await store.GetLastRunIdAsync("HR"));
        Assert.Equal(1, await store.CountAsync("HR", "Person"));
        Assert.Equal(2, await store.CountAsync("Payroll", "Person"));
    }

    [Fact]
    public async Task CommitAsync_CanceledToken_ThrowsAndWritesNothing()
    {
        var store = new InMemoryResourceStore();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(new ResourceStoreCommit("HR", "run-1", null, [new EntityTypeCommit("Person", "p", false, [new("E1", new byte[] { 1 })], [])]), cancellation.Token));

        Assert.Null(await store.GetLastRunIdAsync("HR"));
        Assert.Equal(0, await store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task ApplyAsync_SamePlanTwice_SecondTimeThrowsConcurrencyAndChangesNothing()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(2, 5))], SynchronizationMode.Complete);
        Assert.True((await synchronizer.ApplyAsync(plan)).Applied);
        var afterFirst = await DescribeAsync(store, "Department", "Person");

        var exception = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => synchronizer.ApplyAsync(plan));

        Assert.Equal(plan.BaseRunId, exception.ExpectedRunId);
        Assert.Equal(plan.RunId, exception.ActualRunId);
        Assert.Equal(afterFirst, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task ApplyAsync_PlanComputedBeforeAnotherRun_ThrowsConcurrency()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, PeopleRange(1, 3));
        var stale = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 4))], SynchronizationMode.Complete);
        var fresh = await synchronizer.PlanAsync([connector.MapText("Person", PeopleRange(1, 2))], SynchronizationMode.Complete);
        await synchronizer.ApplyAsync(fresh);

        await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => synchronizer.ApplyAsync(stale));

        Assert.Equal(["E1", "E2"], (await ContentAsync(store, "Person")).Keys);
    }

    [Fact]
    public async Task ReadAsync_DuringCommits_SeesOneWholeStateOrTheOther()
    {
        // Two states that differ in every key and payload: a read that mixed them would show both prefixes.
        var store = new InMemoryResourceStore();
        var stateA = Enumerable.Range(0, 300).Select(i => new StoredResource($"A{i}", new byte[] { 0xA, (byte)i })).ToList();
        var stateB = Enumerable.Range(0, 200).Select(i => new StoredResource($"B{i}", new byte[] { 0xB, (byte)i })).ToList();
        await store.CommitAsync(new ResourceStoreCommit("HR", "run-0", null, [new EntityTypeCommit("Person", "A", true, stateA, [])]));
        using var done = new CancellationTokenSource();
        using var readersStarted = new CountdownEvent(4);

        var writer = Task.Run(async () =>
        {
            try
            {
                // Commits start once every reader is reading, so that reads and commits overlap.
                Assert.True(readersStarted.Wait(TimeSpan.FromSeconds(30)));
                for (var run = 1; run <= 300; run++)
                {
                    var (schema, state) = run % 2 == 0 ? ("A", stateA) : ("B", stateB);
                    await store.CommitAsync(new ResourceStoreCommit("HR", $"run-{run}", $"run-{run - 1}", [new EntityTypeCommit("Person", schema, true, state, [])]));
                }
            }
            finally
            {
                await done.CancelAsync();
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            var problems = new List<string>();
            do
            {
                var stored = await ReadAllAsync(store, "HR", "Person");
                var prefixes = stored.Select(s => s.Key[0]).Distinct().ToList();
                var markers = stored.Select(s => s.Payload.Span[0]).Distinct().ToList();
                var expectedCount = prefixes.SequenceEqual(['A']) ? 300 : 200;
                if (prefixes.Count != 1 || markers.Count != 1 || stored.Count != expectedCount || markers[0] != (prefixes[0] == 'A' ? 0xA : 0xB))
                {
                    problems.Add($"read {reads}: {stored.Count} resources, prefixes {string.Join(string.Empty, prefixes)}");
                }

                if (reads++ == 0)
                {
                    readersStarted.Signal();
                }
            }
            while (!done.IsCancellationRequested);
            return (reads, problems);
        })).ToList();

        await writer;
        var results = await Task.WhenAll(readers);

        Assert.All(results, r => Assert.Empty(r.problems));
        Assert.All(results, r => Assert.True(r.reads > 0));
        Assert.Equal("run-300", await store.GetLastRunIdAsync("HR"));
        Assert.Equal(300, await store.CountAsync("HR", "Person"));
    }

    private static async Task<List<StoredResource>> ReadAllAsync(InMemoryResourceStore store, string connector, string entityType)
    {
        var stored = new List<StoredResource>();
        await foreach (var resource in store.ReadAsync(connector, entityType))
        {
            stored.Add(resource);
        }

        return [.. stored.OrderBy(s => s.Key, StringComparer.Ordinal)];
    }
}
