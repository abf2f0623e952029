using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Testing.Contracts;

namespace HrConnector.Testing.Tests;

/// <summary>
/// The contract suites as a host uses them: every suite passes on the in-memory defaults, a broken implementation fails
/// with a message naming the contract, the case and the check, and the optional capabilities can be left out.
/// </summary>
public sealed class ContractSuiteTests
{
    public static TheoryData<string> Suites => new(AllSuites().Select(s => s.Contract));

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task EverySuite_PassesOnTheInMemoryDefault(string contract)
    {
        var suite = AllSuites().Single(s => s.Contract == contract);

        await suite.RunAllAsync();
    }

    [Fact]
    public void Suites_HaveCasesOfUniqueNames_ListedWithoutCallingTheFactory()
    {
        var calls = 0;
        ContractSuite[] suites =
        [
            ResourceStoreContract.Cases(() => { calls++; return new InMemoryResourceStore(); }),
            ProvisioningJournalContract.Cases(() => { calls++; return new InMemoryProvisioningJournal(); }),
            CorrelationJournalContract.Cases(() => { calls++; return new InMemoryProvisioningJournal(); }),
            JobHistoryContract.Cases(() => { calls++; return new InMemoryJobHistory(); }),
            ConnectorRunLockContract.Cases(() => { calls++; return new InMemoryConnectorRunLock(); }),
            IdentityRepositoryContract.Cases(() => { calls++; return new InMemoryIdentityRepository(); }),
        ];

        Assert.Equal([12, 26, 2, 1, 1, 25], suites.Select(s => s.Count));
        Assert.All(suites, s => Assert.Equal(s.Count, s.Names.Distinct(StringComparer.Ordinal).Count()));
        Assert.All(suites, s => Assert.Equal(s.Names, s.Select(c => c.ToString())));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Case_RunsOnANewSubjectOfTheFactory()
    {
        var calls = 0;
        var suite = JobHistoryContract.Cases(() => { calls++; return new InMemoryJobHistory(); });

        await suite.RunAsync(suite.Names[0]);
        await suite[0].RunAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public void Case_UnknownName_ThrowsNamingIt()
    {
        var suite = JobHistoryContract.Cases(() => new InMemoryJobHistory());

        var error = Assert.Throws<ArgumentException>(() => suite.Case("Nope"));

        Assert.StartsWith("The IJobHistory contract has no case 'Nope'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenImplementation_Fails_NamingTheContractTheCaseAndTheCheck()
    {
        var suite = JobHistoryContract.Cases(() => new OldestFirstHistory());

        var error = await Assert.ThrowsAsync<HrAssertionException>(() => suite.RunAsync("ListAsync_NewestFirst_PerConnectorIgnoringCase_AsTheJsonHasIt"));

        Assert.Equal("IJobHistory contract, case ListAsync_NewestFirst_PerConnectorIgnoringCase_AsTheJsonHasIt: results.Select(r => r.RunId): expected ['R2', 'R1'], found ['R1', 'R2'].", error.Message);
        Assert.IsType<HrAssertionException>(error.InnerException);
    }

    [Fact]
    public async Task RunAllAsync_ReportsEveryFailure()
    {
        var suite = ConnectorRunLockContract.Cases(() => new NoLock());

        var error = await Assert.ThrowsAsync<HrAssertionException>(suite.RunAllAsync);

        Assert.StartsWith("1 of the 1 cases of the IConnectorRunLock contract failed:", error.Message, StringComparison.Ordinal);
        Assert.Contains("await runLock.TryAcquireAsync(\"HR\"): expected null, found", error.Message, StringComparison.Ordinal);
        Assert.Single(Assert.IsType<AggregateException>(error.InnerException).InnerExceptions);
    }

    [Fact]
    public async Task BrokenCheckOfAnExpectedException_SaysWhatWasThrown()
    {
        var suite = ResourceStoreContract.Cases(() => new NoConcurrencyCheckStore());

        var error = await Assert.ThrowsAsync<HrAssertionException>(() => suite.RunAsync("CommitAsync_SamePlanTwice_SecondIsRefused"));

        Assert.EndsWith("expected ResourceStoreConcurrencyException to be thrown, found nothing thrown.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionalCapabilities_CasesThatRequireThem_LeftOut_TheOthersPass()
    {
        var suite = IdentityRepositoryContract.Cases(() => new PlainRepository(new InMemoryIdentityRepository()));
        var required = suite.Where(c => c.Requires is not null).ToList();

        Assert.Equal([typeof(IBatchIdentityRepository), typeof(IUniqueValueLookup)], required.Select(c => c.Requires).Distinct().OrderBy(t => t!.Name, StringComparer.Ordinal));
        foreach (var contractCase in suite.Where(c => c.Requires is null))
        {
            await contractCase.RunAsync();
        }

        foreach (var contractCase in required)
        {
            await Assert.ThrowsAnyAsync<Exception>(contractCase.RunAsync);
        }
    }

    [Fact]
    public void Cases_CarryTheirCategory()
    {
        var journal = ProvisioningJournalContract.Cases(() => new InMemoryProvisioningJournal());

        Assert.Equal(["Convergence", "Review"], journal.Select(c => c.Category).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        Assert.All(CorrelationJournalContract.Cases(() => new InMemoryProvisioningJournal()), c => Assert.Equal(("Review", typeof(ICorrelationJournal)), (c.Category, c.Requires)));
    }

    private static ContractSuite[] AllSuites() =>
    [
        ResourceStoreContract.Cases(() => new InMemoryResourceStore()),
        ProvisioningJournalContract.Cases(() => new InMemoryProvisioningJournal()),
        CorrelationJournalContract.Cases(() => new InMemoryProvisioningJournal()),
        JobHistoryContract.Cases(() => new InMemoryJobHistory()),
        ConnectorRunLockContract.Cases(() => new InMemoryConnectorRunLock()),
        IdentityRepositoryContract.Cases(() => new InMemoryIdentityRepository()),
    ];

    private sealed class OldestFirstHistory : IJobHistory
    {
        private readonly InMemoryJobHistory _inner = new();

        public Task AddAsync(JobResult result, CancellationToken cancellationToken = default) => _inner.AddAsync(result, cancellationToken);

        public async IAsyncEnumerable<JobResult> ListAsync(string connector, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var results = new List<JobResult>();
            await foreach (var result in _inner.ListAsync(connector, cancellationToken))
            {
                results.Add(result);
            }

            results.Reverse();
            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    private sealed class NoLock : IConnectorRunLock
    {
        public Task<IAsyncDisposable?> TryAcquireAsync(string connector, CancellationToken cancellationToken = default)
            => Task.FromResult<IAsyncDisposable?>(new Handle());

        private sealed class Handle : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>Commits whatever run id the plan expects: the concurrency check is missing.</summary>
    private sealed class NoConcurrencyCheckStore : IResourceStore
    {
        private readonly InMemoryResourceStore _inner = new();

        public async Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default)
            => await _inner.CommitAsync(commit with { ExpectedLastRunId = await _inner.GetLastRunIdAsync(commit.Connector, cancellationToken) }, cancellationToken);

        public ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default) => _inner.CountAsync(connector, entityType, cancellationToken);

        public ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default) => _inner.GetLastRunIdAsync(connector, cancellationToken);

        public ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default) => _inner.GetSchemaAsync(connector, entityType, cancellationToken);

        public IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, CancellationToken cancellationToken = default) => _inner.ReadAsync(connector, entityType, cancellationToken);
    }

    /// <summary>A repository without the optional capabilities (no batch, no unique value lookup).</summary>
    private sealed class PlainRepository(IIdentityRepository inner) : IIdentityRepository
    {
        public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default) => inner.FindAsync(query, cancellationToken);

        public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => inner.CreateAsync(properties, operationId, cancellationToken);

        public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, properties, operationId, cancellationToken);

        public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default) => inner.SetStateAsync(id, state, operationId, cancellationToken);

        public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, operationId, cancellationToken);
    }
}
