using HrConnector.Synchronization;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IResourceStore"/> (<see cref="ResourceStoreContract"/>) on the in-memory store.</summary>
public sealed class InMemoryResourceStoreTests
{
    private static readonly ContractSuite Suite = ResourceStoreContract.Cases(() => new InMemoryResourceStore());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, null);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);
}
