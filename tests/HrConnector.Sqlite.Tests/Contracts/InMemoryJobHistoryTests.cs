using HrConnector.Jobs;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IJobHistory"/> (<see cref="JobHistoryContract"/>) on the in-memory history.</summary>
public sealed class InMemoryJobHistoryTests
{
    private static readonly ContractSuite Suite = JobHistoryContract.Cases(() => new InMemoryJobHistory());

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Suite, null);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);
}
