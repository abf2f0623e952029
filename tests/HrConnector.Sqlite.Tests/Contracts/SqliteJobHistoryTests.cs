using HrConnector.Jobs;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IJobHistory"/> (<see cref="JobHistoryContract"/>) on SQLite.</summary>
public sealed class SqliteJobHistoryTests : IDisposable
{
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(JobHistoryContract.Cases(ContractTheories.NotCalled<IJobHistory>), null);

    private ContractSuite Suite => JobHistoryContract.Cases(() => _databases.Open().History);

    public void Dispose() => _databases.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(CaseName name) => ContractTheories.RunAsync(Suite, name, null);
}
