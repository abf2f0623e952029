using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Moq;
using static HrConnector.Tests.SynchronizationJobProvisioningTests;
using HrConnector.Tests.Jobs;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// A run that stops anywhere — after a workflow started but before the journal knew, between staging and commit,
/// between commit and release, after a repository write — is finished by the next run: no order lost, none twice.
/// </summary>
public sealed class DispatcherCrashResumeTests
{
    private const string Departments = "IT,Information technology";
    private static readonly string People = Lines(
        "E1,Alice,Martin,alice@corp.example,Engineer,111,CC1,2025-03-01,,IT",
        "E2,Bob,Stone,bob@corp.example,Developer,222,CC1,2025-01-05,,IT",
        "E3,Carol,King,carol@corp.example,Analyst,333,CC2,2025-01-01,E2,IT",
        "E4,Dan,Ray,dan@corp.example,Tester,444,CC2,2025-06-01,E2,IT",
        "E5,Eve,Lowe,eve@corp.example,Designer,555,CC3,2025-02-04,E2,IT");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task RunAsync_CrashAfterWorkflowStarted_NextRunDispatchesEveryOrderOnce(int crashAt)
    {
        var launcher = new ManualLauncher();
        var scenario = new ProvisioningScenario(p => p.ThroughWorkflows(), launcher);
        launcher.Repository = scenario.Repository;
        using var crash = new CancellationTokenSource();
        launcher.AfterStart = _ =>
        {
            if (launcher.Started.Count == crashAt)
            {
                crash.Cancel();
                crash.Token.ThrowIfCancellationRequested();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scenario.RunAsync(Departments, People, cancellationToken: crash.Token));
        launcher.AfterStart = null;
        scenario.NewJob();
        var resumed = await scenario.RunAsync(Departments, People);

        Assert.Equal(JobStatus.Succeeded, resumed.Status);
        Assert.Equal(5, launcher.Started.Select(o => o.Id).Distinct().Count());
        Assert.Equal(5, launcher.Started.Count);
        Assert.Equal(5, launcher.StartCalls);                                // the order in doubt was found, not started again
        Assert.Equal(5, scenario.Repository.Count);
        Assert.All(await scenario.EntriesAsync(), e => Assert.Contains(e.State, new[] { OrderState.Executed, OrderState.Verified }));
        Assert.Equal(0, resumed.Provisioning!.Orders.Values.Sum());         // nothing new: the crashed run's orders were finished
        Assert.Equal(5, resumed.Provisioning.Resumed);                       // the whole chunk was recorded in doubt before its first call: each is looked up
    }

    [Fact]
    public async Task RunAsync_CrashAfterRepositoryWrite_ReplayDoesNotCreateTwice()
    {
        var repository = new CrashingRepository();
        var scenario = new ProvisioningScenario();
        var job = new SynchronizationJob(scenario.Connector, scenario.Store, repository, journal: scenario.Journal, timeProvider: scenario.Clock, runLock: new InMemoryConnectorRunLock());
        using var crash = new CancellationTokenSource();
        repository.AfterCreate = count =>
        {
            if (count == 3)
            {
                crash.Cancel();
                crash.Token.ThrowIfCancellationRequested();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(scenario.Request(Departments, People), cancellationToken: crash.Token));
        repository.AfterCreate = null;
        var resumed = await job.RunAsync(scenario.Request(Departments, People));

        Assert.Equal(JobStatus.Succeeded, resumed.Status);
        Assert.Equal(5, repository.Inner.Count);
        Assert.Equal(5, (await scenario.LinksAsync()).Select(l => l.IdentityId).Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_CrashAroundTheStoreCommit_NextRunLosesNothingAndDuplicatesNothing(bool afterCommit)
    {
        var store = new CrashingStore { FailBefore = !afterCommit, FailAfter = afterCommit };
        var scenario = new ProvisioningScenario(store: store);

        await Assert.ThrowsAsync<IOException>(() => scenario.RunAsync(Departments, People));
        Assert.Equal(0, scenario.Repository.Count);
        Assert.NotNull(await scenario.Journal.GetStagedRunAsync("HR"));
        store.FailBefore = store.FailAfter = false;
        scenario.NewJob();
        var resumed = await scenario.RunAsync(Departments, People);

        Assert.Equal(JobStatus.Succeeded, resumed.Status);
        Assert.Equal(5, scenario.Repository.Count);
        var entries = await scenario.EntriesAsync();
        Assert.Equal(5, entries.Count);
        Assert.All(entries, e => Assert.Equal(OrderState.Verified, e.State));    // the repository acknowledged each write
        Assert.Null(await scenario.Journal.GetStagedRunAsync("HR"));

        // When the commit happened before the crash, the resumed run finds nothing new in the file: the orders came from the crashed run.
        Assert.Equal(afterCommit ? 0 : 5, resumed.Provisioning!.Orders[OrderKind.Added]);
    }

    [Fact]
    public async Task RunAsync_TransientFailures_AreRetried()
    {
        var launcher = new ManualLauncher();
        var scenario = new ProvisioningScenario(p => p.ThroughWorkflows(), launcher);
        launcher.Repository = scenario.Repository;
        launcher.Fault = (_, call) => call <= 2 ? new TransientProvisioningException("The workflow service is busy.") : null;

        var result = await scenario.RunAsync(Departments, People);

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, result.Provisioning!.Retries);
        Assert.Equal(5, result.Provisioning.Executed);
        Assert.Equal(5, launcher.Started.Count);
        Assert.Equal(2, launcher.FindCalls);                                 // after a failed attempt, the retry looks first
    }

    [Fact]
    public async Task RunAsync_FailuresUpToMaxErrors_OthersGoOnThenTheRunStops()
    {
        var launcher = new ManualLauncher();
        var scenario = new ProvisioningScenario(p => p.ThroughWorkflows().Options.MaxErrors = 2, launcher);
        launcher.Repository = scenario.Repository;
        launcher.Fault = (order, _) => order.ResourceKey is "E1" or "E3" or "E5" ? new InvalidOperationException("Rejected by the workflow engine.") : null;

        var day1 = await scenario.RunAsync(Departments, People);

        Assert.Equal(JobStatus.Failed, day1.Status);
        Assert.Equal(2, day1.Provisioning!.Errored);                         // E1 failed, E2 went on, E3 failed: the limit
        Assert.Equal(1, day1.Provisioning.Executed);
        Assert.Equal(2, day1.Provisioning.Waiting);                         // E4 and E5 wait for the next run
        Assert.Contains(day1.Messages, m => m.Contains("MaxErrors 2", StringComparison.Ordinal));

        // The next day the engine accepts everything: the waiting orders go, and the failed joiners' orders — in doubt,
        // since an unknown exception may come after the effect — are looked up, then started: no new order.
        launcher.Fault = null;
        scenario.NextDay();
        var day2 = await scenario.RunAsync(Departments, People);
        Assert.Equal(JobStatus.Succeeded, day2.Status);
        Assert.Equal(0, day2.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(4, day2.Provisioning.Resumed);
        Assert.Equal(4, day2.Provisioning.Executed);
        Assert.Equal(5, scenario.Repository.Count);
    }

    [Fact]
    public async Task RunAsync_Workflows_StartsTheConfiguredWorkflowOncePerOrder()
    {
        var repository = new InMemoryIdentityRepository();
        var launcher = new Mock<IWorkflowLauncher>(MockBehavior.Strict);
        launcher.Setup(l => l.StartAsync(It.IsAny<ProvisioningOrder>(), It.IsAny<CancellationToken>())).ReturnsAsync((ProvisioningOrder o, CancellationToken _) => "wf-" + o.ResourceKey);
        launcher.Setup(l => l.GetStatusAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string handle, CancellationToken _) => new WorkflowStatus(WorkflowState.Completed, "ID-" + handle));
        var scenario = new ProvisioningScenario(p => p.ThroughWorkflows(w => w.Added.Workflow = "Onboard"), launcher.Object);
        var job = new SynchronizationJob(scenario.Connector, scenario.Store, repository, launcher.Object, scenario.Journal, scenario.Clock, runLock: new InMemoryConnectorRunLock());

        await job.RunAsync(scenario.Request(Departments, People));
        await job.RunAsync(scenario.Request(Departments, People));

        launcher.Verify(l => l.StartAsync(It.Is<ProvisioningOrder>(o => o.Kind == OrderKind.Added && o.Workflow == "Onboard" && o.Changes.Any(c => c.Property == "Mail")), It.IsAny<CancellationToken>()), Times.Exactly(5));
        launcher.Verify(l => l.StartAsync(It.Is<ProvisioningOrder>(o => o.ResourceKey == "E3"), It.IsAny<CancellationToken>()), Times.Once());
        Assert.Equal("ID-wf-E3", (await scenario.LinksAsync()).Single(l => l.ResourceKey == "E3").IdentityId);
    }

    [Fact]
    public async Task RunAsync_Cancelled_WritesNothing()
    {
        var scenario = new ProvisioningScenario();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scenario.RunAsync(Departments, People, cancellationToken: cancelled.Token));

        Assert.Null(await scenario.Store.GetLastRunIdAsync("HR"));
        Assert.Empty(await scenario.EntriesAsync());
        Assert.Equal(0, scenario.Repository.Count);
    }

    /// <summary>An in-memory store that fails just before or just after a commit, as a process killed there would.</summary>
    private sealed class CrashingStore : IResourceStore
    {
        private readonly InMemoryResourceStore _inner = new();

        public bool FailBefore { get; set; }

        public bool FailAfter { get; set; }

        public ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default) => _inner.GetSchemaAsync(connector, entityType, cancellationToken);

        public ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default) => _inner.CountAsync(connector, entityType, cancellationToken);

        public IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, CancellationToken cancellationToken = default) => _inner.ReadAsync(connector, entityType, cancellationToken);

        public ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default) => _inner.GetLastRunIdAsync(connector, cancellationToken);

        public async Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default)
        {
            if (FailBefore)
            {
                throw new IOException("Simulated crash before the commit.");
            }

            await _inner.CommitAsync(commit, cancellationToken);
            if (FailAfter)
            {
                throw new IOException("Simulated crash after the commit.");
            }
        }
    }

    /// <summary>An in-memory repository whose creations can stop the run right after the write.</summary>
    private sealed class CrashingRepository : IIdentityRepository
    {
        private int _creates;

        public InMemoryIdentityRepository Inner { get; } = new();

        public Action<int>? AfterCreate { get; set; }

        public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default) => Inner.FindAsync(query, cancellationToken);

        public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default) => Inner.GetAsync(id, cancellationToken);

        public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default) => Inner.ListAsync(cancellationToken);

        public async Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
        {
            var id = await Inner.CreateAsync(properties, operationId, cancellationToken);
            AfterCreate?.Invoke(++_creates);
            return id;
        }

        public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => Inner.UpdateAsync(id, properties, operationId, cancellationToken);

        public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default) => Inner.SetStateAsync(id, state, operationId, cancellationToken);

        public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default) => Inner.DeleteAsync(id, operationId, cancellationToken);
    }
}
