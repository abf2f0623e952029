using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IIdentityRepository"/> (<see cref="IdentityRepositoryContract"/>) on the in-memory repository.</summary>
public sealed class InMemoryIdentityRepositoryTests
{
    private static readonly ContractSuite Suite = IdentityRepositoryContract.Cases(() => new InMemoryIdentityRepository());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, null);

    public static TheoryData<CaseName> ConvergenceCases => ContractTheories.Names(Suite, "Convergence");

    public static TheoryData<CaseName> IdentityShapingCases => ContractTheories.Names(Suite, "IdentityShaping");

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);

    [Theory]
    [Trait("Category", "Convergence")]
    [MemberData(nameof(ConvergenceCases))]
    public Task Convergence(CaseName name) => ContractTheories.RunAsync(Suite, name, "Convergence");

    [Theory]
    [Trait("Category", "IdentityShaping")]
    [MemberData(nameof(IdentityShapingCases))]
    public Task IdentityShaping(CaseName name) => ContractTheories.RunAsync(Suite, name, "IdentityShaping");
}
