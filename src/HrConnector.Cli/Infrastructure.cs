using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Cli;

/// <summary>The five services a <see cref="SynchronizationJob"/> runs on, opened together from one database.</summary>
internal sealed class Infrastructure : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owner;

    /// <summary>Creates the set.</summary>
    /// <param name="resourceStore">HR's last synchronized state.</param>
    /// <param name="identityRepository">The identities.</param>
    /// <param name="journal">The provisioning journal (outbox and links).</param>
    /// <param name="history">The results of past runs.</param>
    /// <param name="runLock">One run per connector at a time.</param>
    /// <param name="owner">What closes the database when the command is done, or <see langword="null"/> when the services outlive the command.</param>
    public Infrastructure(
        IResourceStore resourceStore,
        IIdentityRepository identityRepository,
        IProvisioningJournal journal,
        IJobHistory history,
        IConnectorRunLock runLock,
        IAsyncDisposable? owner = null)
    {
        ResourceStore = resourceStore;
        IdentityRepository = identityRepository;
        Journal = journal;
        History = history;
        RunLock = runLock;
        _owner = owner;
    }

    /// <summary>An empty set on the in-memory defaults of HrConnector.Core.</summary>
    public static Infrastructure InMemory()
        => new(new InMemoryResourceStore(), new InMemoryIdentityRepository(), new InMemoryProvisioningJournal(), new InMemoryJobHistory(), new InMemoryConnectorRunLock());

    public IResourceStore ResourceStore { get; }

    public IIdentityRepository IdentityRepository { get; }

    public IProvisioningJournal Journal { get; }

    public IJobHistory History { get; }

    public IConnectorRunLock RunLock { get; }

    /// <summary>A job of the connector on these services.</summary>
    public SynchronizationJob CreateJob(HrConnector.Connector connector)
        => new(connector, ResourceStore, IdentityRepository, journal: Journal, runLock: RunLock, history: History);

    /// <summary>The correlation review of the connector on these services.</summary>
    public CorrelationReview CreateReview(HrConnector.Connector connector)
        => CreateJob(connector).GetCorrelationReview();

    public ValueTask DisposeAsync() => _owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
