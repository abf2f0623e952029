using HrConnector.Testing.Contracts;
using Xunit.Abstractions;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>
/// Feeds the contract suites shipped in HrConnector.Testing to theories: one test per case, by name (a
/// <see cref="CaseName"/> serializes, so each case is a test of its own in the runner, shown with its full name), one
/// theory per test category of the cases.
/// </summary>
internal static class ContractTheories
{
    /// <summary>The names of the cases of a category (null: the cases of no category).</summary>
    public static TheoryData<CaseName> Names(ContractSuite suite, string? category)
    {
        var names = suite.Where(c => c.Category == category).Select(c => c.Name).ToList();
        Assert.NotEmpty(names);
        return new TheoryData<CaseName>(names.Select(n => new CaseName(n)));
    }

    /// <summary>The case of a name, checked to be of the category of the theory that runs it.</summary>
    public static Task RunAsync(ContractSuite suite, CaseName name, string? category)
    {
        var contractCase = suite.Case(name.Name);
        Assert.Equal(category, contractCase.Category);
        return contractCase.RunAsync();
    }

    /// <summary>A factory for listing the names, never called: a case's subject comes from the test's own suite.</summary>
    public static T NotCalled<T>() => throw new InvalidOperationException("The names of a suite do not depend on its factory.");
}

/// <summary>The name of a contract case as theory data: serializable, and shown in full (a string is cut at 50 characters).</summary>
public sealed class CaseName : IXunitSerializable
{
    [Obsolete("For the deserializer only.")]
    public CaseName()
    {
    }

    public CaseName(string name) => Name = name;

    public string Name { get; private set; } = string.Empty;

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

    public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>(nameof(Name));

    public override string ToString() => Name;
}
