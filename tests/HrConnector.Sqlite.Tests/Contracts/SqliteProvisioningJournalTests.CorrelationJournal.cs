using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="ICorrelationJournal"/> (<see cref="CorrelationJournalContract"/>) on SQLite, a new file per journal.</summary>
[Trait("Category", "Review")]
public sealed class SqliteProvisioningJournalCorrelationJournalTests : IDisposable
{
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(CorrelationJournalContract.Cases(ContractTheories.NotCalled<IProvisioningJournal>), "Review");

    private ContractSuite Suite => CorrelationJournalContract.Cases(() => _databases.Open(_databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).Journal);

    public void Dispose() => _databases.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, "Review");
}
