using System.Collections;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The cases of the contract of one extension point, bound to a factory of the implementation under test: what
/// <see cref="ResourceStoreContract"/>, <see cref="ProvisioningJournalContract"/>, <see cref="CorrelationJournalContract"/>,
/// <see cref="JobHistoryContract"/>, <see cref="ConnectorRunLockContract"/> and <see cref="IdentityRepositoryContract"/>
/// return. Framework-agnostic: feed <see cref="Names"/> to a parameterized test and run each with
/// <see cref="RunAsync(string)"/>, or run them all with <see cref="RunAllAsync"/>.
/// </summary>
/// <remarks>
/// The factory is called only when a case runs, once for each new subject the case needs (a few cases need two), and
/// must return a new, empty subject each time. The suite does not dispose the subjects: create them where your test
/// disposes them (for example in a folder of the test, removed with it). The names do not depend on the factory.
/// </remarks>
/// <example>
/// <code>
/// public static TheoryData&lt;string&gt; Cases =&gt; new(Suite.Names);
///
/// [Theory]
/// [MemberData(nameof(Cases))]
/// public Task Contract(string name) =&gt; Suite.RunAsync(name);
///
/// private static ContractSuite Suite =&gt; IdentityRepositoryContract.Cases(() =&gt; new MyIdentityRepository());
/// </code>
/// </example>
public sealed class ContractSuite : IReadOnlyList<ContractCase>
{
    private readonly IReadOnlyList<ContractCase> _cases;

    internal ContractSuite(string contract, IReadOnlyList<ContractCase> cases)
    {
        Contract = contract;
        _cases = cases;
        Names = cases.Select(c => c.Name).ToList();
    }

    /// <summary>The extension point the suite checks, e.g. <c>IResourceStore</c>.</summary>
    public string Contract { get; }

    /// <summary>The names of the cases, in order: the data of a parameterized test.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of cases.</summary>
    public int Count => _cases.Count;

    /// <summary>The case at a position.</summary>
    /// <param name="index">The position.</param>
    public ContractCase this[int index] => _cases[index];

    /// <summary>The case of a name.</summary>
    /// <param name="name">The name of the case (see <see cref="Names"/>).</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">The suite has no case of that name.</exception>
    public ContractCase Case(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _cases.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException(AssertText.Invariant($"The {Contract} contract has no case '{name}'."), nameof(name));
    }

    /// <summary>Runs the case of a name.</summary>
    /// <param name="name">The name of the case (see <see cref="Names"/>).</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentException">The suite has no case of that name.</exception>
    /// <exception cref="HrAssertionException">The subject breaks the contract.</exception>
    public Task RunAsync(string name) => Case(name).RunAsync();

    /// <summary>Runs every case, one after the other, and reports every failure at the end.</summary>
    /// <returns>A task that completes when every case passed.</returns>
    /// <exception cref="HrAssertionException">Some cases failed; the message names them, the inner exception holds each failure.</exception>
    public async Task RunAllAsync()
    {
        var failures = new List<Exception>();
        foreach (var contractCase in _cases)
        {
            try
            {
                await contractCase.RunAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every failure of a case is reported, whatever its type.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            var messages = string.Join(Environment.NewLine, failures.Select(f => f is HrAssertionException ? f.Message : f.GetType().Name + ": " + f.Message));
            throw new HrAssertionException(
                AssertText.Invariant($"{failures.Count} of the {_cases.Count} cases of the {Contract} contract failed:{Environment.NewLine}{messages}"),
                new AggregateException(failures));
        }
    }

    /// <inheritdoc/>
    public IEnumerator<ContractCase> GetEnumerator() => _cases.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
