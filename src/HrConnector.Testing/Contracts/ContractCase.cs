namespace HrConnector.Testing.Contracts;

/// <summary>
/// One case of a contract suite (see <see cref="ContractSuite"/>): a named check that an implementation of an
/// extension point behaves as HrConnector.Core relies on. Run it from any test framework with <see cref="RunAsync"/>;
/// it throws <see cref="HrAssertionException"/> when the implementation breaks the contract.
/// </summary>
public sealed class ContractCase
{
    private readonly Func<Task> _run;

    internal ContractCase(string contract, string name, Func<Task> run, string? category = null, Type? requires = null)
    {
        Contract = contract;
        Name = name;
        Category = category;
        Requires = requires;
        _run = run;
    }

    /// <summary>The name of the case, unique in its suite, e.g. <c>CommitAsync_SamePlanTwice_SecondIsRefused</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The group the case belongs to, for test categories or traits: <c>Convergence</c> (recovery after faults and
    /// crashes), <c>Review</c> (the correlation review), <c>IdentityShaping</c> (generated identity values); null for
    /// the core behaviour.
    /// </summary>
    public string? Category { get; }

    /// <summary>
    /// The optional interface the subject must implement besides the one of the contract (for example
    /// <see cref="HrConnector.Provisioning.IBatchIdentityRepository"/>), or null. A case fails on a subject that does
    /// not implement it; leave such cases out when your implementation does not offer the capability.
    /// </summary>
    public Type? Requires { get; }

    /// <summary>The extension point the case checks, e.g. <c>IResourceStore</c>.</summary>
    internal string Contract { get; }

    /// <summary>Runs the case on a new subject (or several) made by the suite's factory.</summary>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="HrAssertionException">The subject breaks the contract; the message names the contract and the case.</exception>
    public async Task RunAsync()
    {
        try
        {
            await _run().ConfigureAwait(false);
        }
        catch (HrAssertionException failure)
        {
            throw new HrAssertionException(AssertText.Invariant($"{Contract} contract, case {Name}: {failure.Message}"), failure);
        }
    }

    /// <summary>The name of the case, so that test runners show it.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
