using HrConnector.Synchronization;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IResourceStore"/> (<see cref="ResourceStoreContract"/>) on SQLite, a new file per store.</summary>
public sealed class SqliteResourceStoreTests : IDisposable
{
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(ResourceStoreContract.Cases(ContractTheories.NotCalled<IResourceStore>), null);

    private ContractSuite Suite => ResourceStoreContract.Cases(() => _databases.Open(_databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).ResourceStore);

    public void Dispose() => _databases.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);

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
