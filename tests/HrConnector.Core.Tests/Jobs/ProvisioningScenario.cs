using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Time.Testing;

namespace HrConnector.Tests.Jobs;

/// <summary>A small company whose HR files feed identities, with every piece in memory and a fake clock.</summary>
internal sealed class ProvisioningScenario
{
    public const string DepartmentsHeader = Shared.ScenarioConnector.DepartmentsHeader;
    public const string PeopleHeader = Shared.ScenarioConnector.PeopleHeader;

    public ProvisioningScenario(Action<ProvisioningBuilder>? provisioning = null, IWorkflowLauncher? launcher = null, IResourceStore? store = null, IProvisioningJournal? journal = null)
    {
        Connector = Build(provisioning);
        Store = store ?? _defaults.Store;
        Journal = journal ?? _defaults.Journal;
        Repository = _defaults.Repository;
        Launcher = launcher;
        Job = NewJob();
    }

    private readonly InMemoryServices _defaults = new();

    public FakeTimeProvider Clock { get; } = ScenarioClock.New();

    public Connector Connector { get; }

    public IResourceStore Store { get; }

    public InMemoryIdentityRepository Repository { get; }

    public IProvisioningJournal Journal { get; }

    public IWorkflowLauncher? Launcher { get; }

    public SynchronizationJob Job { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>A new job on the same infrastructure, as after a restart of the process.</summary>
    public SynchronizationJob NewJob(IWorkflowLauncher? launcher = null)
        => Job = new SynchronizationJob(Connector, Store, Repository, launcher ?? Launcher, Journal, Clock, runLock: new InMemoryConnectorRunLock());

    public static Connector Build(Action<ProvisioningBuilder>? provisioning = null) => Shared.ScenarioConnector.Build(provisioning);

    /// <summary>Runs a day: the two files as text, complete mode.</summary>
    public Task<JobResult> RunAsync(string departments, string people, bool preview = false, bool force = false, CancellationToken cancellationToken = default)
        => Job.RunAsync(Request(departments, people, preview, force), cancellationToken: cancellationToken);

    public JobRequest Request(string departments, string people, bool preview = false, bool force = false) => new()
    {
        Snapshot = [Connector.MapText("Department", DepartmentsHeader + "\n" + departments), Connector.MapText("Person", PeopleHeader + "\n" + people)],
        PreviewOnly = preview,
        Force = force,
    };

    public void NextDay(int days = 1) => Clock.Advance(TimeSpan.FromDays(days));

    public Task<IReadOnlyList<IdentityLink>> LinksAsync() => Shared.ScenarioReads.LinksAsync(Journal);

    public Task<Identity> IdentityOfAsync(string key) => Shared.ScenarioReads.IdentityOfAsync(Journal, Repository, key);

    public Task<IReadOnlyList<JournalEntry>> EntriesAsync() => Shared.ScenarioReads.EntriesAsync(Journal);
}
