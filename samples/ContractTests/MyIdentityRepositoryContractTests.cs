using HrConnector.Testing.Contracts;
using Xunit;

namespace MyProduct.Tests;

// The contract HrConnector's own repositories pass, run against yours: one test per case.
public sealed class MyIdentityRepositoryContractTests
{
    public static TheoryData<string> Cases => new(Suite.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Contract(string name) => Suite.RunAsync(name);

    // A new, empty repository at each call (on a test database of its own, say).
    private static ContractSuite Suite => IdentityRepositoryContract.Cases(() => new MyIdentityRepository());
}
