using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="ICorrelationJournal"/> (<see cref="CorrelationJournalContract"/>) on the in-memory journal.</summary>
[Trait("Category", "Review")]
public sealed class InMemoryCorrelationJournalTests
{
    private static readonly ContractSuite Suite = CorrelationJournalContract.Cases(() => new InMemoryProvisioningJournal());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, "Review");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, "Review");
}

/// <summary>The contract of <see cref="ICorrelationJournal"/> (<see cref="CorrelationJournalContract"/>) on SQLite, a new file per journal.</summary>
[Trait("Category", "Review")]
public sealed class SqliteCorrelationJournalTests : IDisposable
{
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(CorrelationJournalContract.Cases(ContractTheories.NotCalled<IProvisioningJournal>), "Review");

    private ContractSuite Suite => CorrelationJournalContract.Cases(() => _databases.Open(_databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).Journal);

    public void Dispose() => _databases.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, "Review");
}
