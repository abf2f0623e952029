using HrConnector.Jobs;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IConnectorRunLock"/> (<see cref="ConnectorRunLockContract"/>) on the in-memory lock.</summary>
public sealed class InMemoryConnectorRunLockTests
{
    private static readonly ContractSuite Suite = ConnectorRunLockContract.Cases(() => new InMemoryConnectorRunLock());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, null);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);
}
