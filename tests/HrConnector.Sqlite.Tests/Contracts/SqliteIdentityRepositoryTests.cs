using HrConnector.Provisioning;
using HrConnector.Testing.Contracts;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IIdentityRepository"/> (<see cref="IdentityRepositoryContract"/>) on SQLite, a new file per repository, and its durability.</summary>
public sealed class SqliteIdentityRepositoryTests : IDisposable
{
    private static readonly ContractSuite Names = IdentityRepositoryContract.Cases(ContractTheories.NotCalled<IIdentityRepository>);
    private readonly Databases _databases = new();

    public static TheoryData<CaseName> Cases => ContractTheories.Names(Names, null);

    public static TheoryData<CaseName> ConvergenceCases => ContractTheories.Names(Names, "Convergence");

    public static TheoryData<CaseName> IdentityShapingCases => ContractTheories.Names(Names, "IdentityShaping");

    private ContractSuite Suite => IdentityRepositoryContract.Cases(() => _databases.Open(_databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).IdentityRepository);

    public void Dispose() => _databases.Dispose();

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

    [Fact]
    public async Task Writes_SurviveReopening_WithTheirOperationIds()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        string id;
        using (var database = SqliteDatabase.Open(path))
        {
            id = await database.IdentityRepository.CreateAsync(Values(("Date", new DateOnly(2026, 1, 5))), "op-1");
        }

        using (var database = SqliteDatabase.Open(path))
        {
            Assert.Equal(id, await database.IdentityRepository.CreateAsync(Values(("Date", "other")), "op-1"));
            Assert.Equal(new DateOnly(2026, 1, 5), (await database.IdentityRepository.GetAsync(id))!.GetValue("Date"));
        }
    }

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values)
        => values.ToDictionary(v => v.Name, v => v.Value);
}
