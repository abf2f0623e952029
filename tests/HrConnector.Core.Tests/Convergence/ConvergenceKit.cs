using System.Globalization;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Time.Testing;

namespace HrConnector.Tests.Convergence;

/// <summary>One row of the HR people file of the convergence tests.</summary>
internal sealed record HrRow(string Key, string FirstName, string LastName, string Title, string Department, DateOnly? StartDate = null, DateOnly? EndDate = null, string? Status = null)
{
    public string ToCsv() => string.Join(',', Key, FirstName, LastName, Title, Department, Day(StartDate), Day(EndDate), Status ?? string.Empty);

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>
/// The people connector of the convergence tests: one entity type, names authoritative, title and department on change,
/// start date, end date and status columns; resource and order thresholds off unless a test sets them; retries without delay.
/// </summary>
internal static class Hr
{
    public const string Connector = "HR";
    public const string Header = "EmployeeId,FirstName,LastName,Title,Department,StartDate,EndDate,Status";
    public const string Left = "Terminated";
    public const string Suspended = "Leave";

    public static Connector Build(Action<ProvisioningBuilder>? configure = null)
    {
        var builder = PersonConnector.Builder(
            Extra,
            identifier: Connector,
            provisioning: p =>
            {
                p.Property("FirstName", policy: OwnershipPolicy.Authoritative)
                    .Property("LastName", policy: OwnershipPolicy.Authoritative)
                    .Property("Title")
                    .Property("Department");
                configure?.Invoke(p);
            });
        return Hr.BuildWithThresholdsOff(builder);
    }

    /// <summary>The properties of Person after FirstName and LastName: the department is a plain text here, not a navigation.</summary>
    public static readonly PersonColumn[] Extra =
    [
        new("Title"),
        new("Department"),
        PersonColumn.Date("StartDate", "yyyy-MM-dd"),
        PersonColumn.Date("EndDate", "yyyy-MM-dd"),
        new("Status"),
    ];

    /// <summary>The Person entity type of the people file.</summary>
    public static void PersonType(EntityTypeBuilder e)
    {
        foreach (var column in PersonConnector.Columns(Extra))
        {
            column.Declare(e);
        }
    }

    /// <summary>The columns of the people file (<see cref="Header"/>).</summary>
    public static void PersonColumns(EntityTypeMappingBuilder m)
    {
        foreach (var column in PersonConnector.Columns(Extra))
        {
            column.Map(m);
        }
    }

    /// <summary>Retries without waiting: the tests' clock does not advance by itself.</summary>
    public static void NoRetryDelay(ProvisioningOptions options) => PersonConnector.NoRetryDelay(options);

    /// <summary>Builds with the resource thresholds off, and so the order thresholds, which default to them; a test sets what it checks.</summary>
    public static Connector BuildWithThresholdsOff(ConnectorBuilder builder)
    {
        PersonConnector.ThresholdsOff(builder.Options.Thresholds);
        return builder.Build();
    }

    /// <summary>Lifecycle from HR's columns: end date (with grace days), a left status and a suspended status.</summary>
    public static void Lifecycle(ProvisioningBuilder p, int graceDays = 0, int preStartDays = 2)
    {
        var lifecycle = p.Options.Lifecycle;
        lifecycle.StartDateProperty = "StartDate";
        lifecycle.PreStartDays = preStartDays;
        lifecycle.EndDateProperty = "EndDate";
        lifecycle.GraceDays = graceDays;
        lifecycle.StatusProperty = "Status";
        lifecycle.LeftStatuses.Add(Left);
        lifecycle.SuspendedStatuses.Add(Suspended);
    }
}

/// <summary>
/// A fake clock that, like HrConnector.Testing's FakeClock, moves forward by the due time of any one-shot timer as soon
/// as it is created: a retry backoff completes at once, and a host call that hangs times out at once.
/// </summary>
internal sealed class ConvergenceClock : FakeTimeProvider
{
    public ConvergenceClock()
        : base(ScenarioClock.Start)
    {
    }

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void NextDay(int days = 1) => Advance(TimeSpan.FromDays(days));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
        }

        return timer;
    }
}

/// <summary>Everything a connector run needs, in memory, with fault-injecting wrappers around the host.</summary>
internal sealed class Bed
{
    public Bed(Action<ProvisioningBuilder>? configure = null, bool workflows = false, IProvisioningJournal? journal = null, TimeProvider? clock = null, InMemoryResourceStore? store = null, InMemoryIdentityRepository? identities = null)
    {
        Connector = Hr.Build(p =>
        {
            if (workflows)
            {
                p.ThroughWorkflows();
            }

            configure?.Invoke(p);
        });
        Time = clock ?? Clock;
        Store = store ?? new InMemoryResourceStore();
        Identities = identities ?? new InMemoryIdentityRepository();
        Repository = new FaultyRepository(Identities);
        Launcher = new FaultyLauncher(new RepositoryWorkflowLauncher(Repository));
        Journal = new FaultyJournal(journal ?? new InMemoryProvisioningJournal());
        NewJob();
    }

    public ConvergenceClock Clock { get; } = new();

    public TimeProvider Time { get; }

    public Connector Connector { get; }

    public InMemoryResourceStore Store { get; }

    public InMemoryIdentityRepository Identities { get; }

    public FaultyRepository Repository { get; }

    public FaultyLauncher Launcher { get; private set; }

    public FaultyJournal Journal { get; }

    public SynchronizationJob Job { get; private set; } = null!;

    /// <summary>A new job on the same infrastructure, as after a restart; optionally with another launcher.</summary>
    public SynchronizationJob NewJob(IWorkflowLauncher? launcher = null)
    {
        if (launcher is FaultyLauncher faulty)
        {
            Launcher = faulty;
        }

        return Job = new SynchronizationJob(Connector, Store, Repository, launcher ?? Launcher, Journal, Time, runLock: new InMemoryConnectorRunLock());
    }

    public JobRequest Request(IEnumerable<HrRow> rows, bool force = false)
        => new()
        {
            Snapshot = [Connector.MapText("Person", Hr.Header + "\n" + string.Join("\n", rows.Select(r => r.ToCsv())))],
            Force = force,
        };

    public Task<JobResult> RunAsync(IEnumerable<HrRow> rows, bool force = false, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
        => Job.RunAsync(Request(rows, force), progress, cancellationToken);

    public Task<JobResult> RunAsync(params HrRow[] rows) => RunAsync((IEnumerable<HrRow>)rows);

    public async Task<IReadOnlyList<IdentityLink>> LinksAsync() => await Journal.ReadLinksAsync(Hr.Connector).ToListAsync();

    public async Task<IReadOnlyList<JournalEntry>> EntriesAsync() => await Journal.ReadAsync(Hr.Connector, openOnly: false).ToListAsync();

    public async Task<IdentityLink> LinkOfAsync(string key) => (await LinksAsync()).Single(l => l.ResourceKey == key);

    public async Task<Identity?> IdentityOfAsync(string key)
    {
        var link = (await LinksAsync()).SingleOrDefault(l => l.ResourceKey == key);
        return link is null ? null : await Identities.GetAsync(link.IdentityId);
    }

    /// <summary>Every identity whose first name is given (first names are unique per person in these tests).</summary>
    public async Task<IReadOnlyList<Identity>> IdentitiesNamedAsync(string firstName)
        => await Identities.ListAsync().Where(i => string.Equals(i.GetValue("FirstName") as string, firstName, StringComparison.Ordinal)).ToListAsync();
}
