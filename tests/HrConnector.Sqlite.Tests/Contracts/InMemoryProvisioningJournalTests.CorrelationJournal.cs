using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="ICorrelationJournal"/> (<see cref="CorrelationJournalContract"/>) on the in-memory journal.</summary>
[Trait("Category", "Review")]
public sealed class InMemoryProvisioningJournalCorrelationJournalTests
{
    private static readonly ContractSuite Suite = CorrelationJournalContract.Cases(() => new InMemoryProvisioningJournal());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, "Review");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, "Review");
}
