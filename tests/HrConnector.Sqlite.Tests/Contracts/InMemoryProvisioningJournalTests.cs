using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IProvisioningJournal"/> (<see cref="ProvisioningJournalContract"/>) on the in-memory journal.</summary>
public sealed class InMemoryProvisioningJournalTests
{
    private static readonly ContractSuite Suite = ProvisioningJournalContract.Cases(() => new InMemoryProvisioningJournal());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, null);

    public static TheoryData<CaseName> ConvergenceCases => ContractTheories.Names(Suite, "Convergence");

    public static TheoryData<CaseName> ReviewCases => ContractTheories.Names(Suite, "Review");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);

    [Theory]
    [Trait("Category", "Convergence")]
    [MemberData(nameof(ConvergenceCases))]
    public Task Convergence(CaseName name) => ContractTheories.RunAsync(Suite, name, "Convergence");

    [Theory]
    [Trait("Category", "Review")]
    [MemberData(nameof(ReviewCases))]
    public Task Review(CaseName name) => ContractTheories.RunAsync(Suite, name, "Review");
}
