using System.Diagnostics.CodeAnalysis;
using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Testing;

/// <summary>
/// A connector wired for a unit test: an <see cref="InMemoryResourceStore"/>, an <see cref="InMemoryIdentityRepository"/>,
/// an <see cref="InMemoryProvisioningJournal"/>, a <see cref="RecordingWorkflowLauncher"/> that applies its orders to the
/// repository, a <see cref="FakeClock"/>, and a run lock of its own (tests run in parallel). Each
/// <see cref="RunDayAsync(IReadOnlyDictionary{string, string}, JobRequest?, CancellationToken)"/> maps CSV text held in
/// memory with <see cref="Connector.MapText"/> and runs the <see cref="SynchronizationJob"/> on it, as the daily job would
/// on the files.
/// </summary>
/// <example>
/// <code>
/// var bed = new ConnectorTestBed(connector);
/// var day1 = await bed.RunDayAsync("Person", "Id,Name\nE1,Ada\n");
/// JobAssert.Orders(day1, OrderKind.Added, "E1");
/// bed.NextDay();
/// var day2 = await bed.RunDayAsync("Person", "Id,Name\n", new JobRequest { Force = true });
/// IdentityAssert.HasState(await bed.GetIdentityAsync("E1"), IdentityState.Inactive);
/// </code>
/// </example>
public sealed class ConnectorTestBed
{
    /// <summary>Creates a test bed whose clock starts at <see cref="FakeClock.DefaultStart"/>.</summary>
    /// <param name="connector">The connector under test.</param>
    public ConnectorTestBed(Connector connector)
        : this(connector, new FakeClock())
    {
    }

    /// <summary>Creates a test bed with a given clock.</summary>
    /// <param name="connector">The connector under test.</param>
    /// <param name="clock">The clock of the runs.</param>
    public ConnectorTestBed(Connector connector, FakeClock clock)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(clock);
        Connector = connector;
        Clock = clock;
        Launcher = new RecordingWorkflowLauncher(Repository);
        Job = new SynchronizationJob(connector, Store, Repository, Launcher, Journal, Clock, runLock: new InMemoryConnectorRunLock());
    }

    /// <summary>Gets the connector under test.</summary>
    public Connector Connector { get; }

    /// <summary>Gets the resource store: what HR said at the last run.</summary>
    public InMemoryResourceStore Store { get; } = new();

    /// <summary>Gets the identity repository. Add identities that exist before the HR feed with <see cref="InMemoryIdentityRepository.Add"/>, edit them by hand with <see cref="InMemoryIdentityRepository.Edit"/>.</summary>
    public InMemoryIdentityRepository Repository { get; } = new();

    /// <summary>Gets the provisioning journal: every order and where it is.</summary>
    public InMemoryProvisioningJournal Journal { get; } = new();

    /// <summary>Gets the workflow launcher (used when the connector provisions through workflows); it completes workflows on <see cref="Repository"/> unless told otherwise.</summary>
    public RecordingWorkflowLauncher Launcher { get; }

    /// <summary>Gets the clock of the runs.</summary>
    public FakeClock Clock { get; }

    /// <summary>Gets the job that runs the connector on the components above.</summary>
    public SynchronizationJob Job { get; }

    /// <summary>Gets the entries of the connector in <see cref="Journal"/>, oldest first.</summary>
    public IReadOnlyList<JournalEntry> JournalEntries => Journal.GetEntries(Connector.Identifier);

    /// <summary>Gets the result of the last run, or <see langword="null"/> before the first.</summary>
    public JobResult? LastResult { get; private set; }

    /// <summary>Maps the CSV text of one entity type and runs the job on it; the other entity types keep their stored state.</summary>
    /// <param name="entityType">The entity type, ignoring case.</param>
    /// <param name="csv">Its CSV text, header included, as its file would hold it.</param>
    /// <param name="request">What the run does (mode, preview, force); by default <see cref="JobRequest.Apply"/>. Its <see cref="JobRequest.Snapshot"/> is replaced.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result of the run.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type; a call cannot be ambiguous.")]
    public Task<JobResult> RunDayAsync(string entityType, string csv, JobRequest? request = null, CancellationToken cancellationToken = default)
        => RunDayAsync(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [entityType] = csv }, request, cancellationToken);

    /// <summary>
    /// Maps the CSV text of each entity type given with <see cref="Connector.MapText"/> and runs the job on the mapping
    /// results instead of the connector's files. Entity types not given keep their stored state (nothing is deleted).
    /// The clock does not move: call <see cref="NextDay"/> between days.
    /// </summary>
    /// <param name="csvByEntityType">The CSV text, header included, of each entity type to synchronize.</param>
    /// <param name="request">What the run does (mode, preview, force); by default <see cref="JobRequest.Apply"/>. Its <see cref="JobRequest.ReadOptions"/> apply to the mapping; its <see cref="JobRequest.Snapshot"/> is replaced.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result of the run.</returns>
    /// <exception cref="KeyNotFoundException">An entity type has no mapping.</exception>
    /// <exception cref="Csv.CsvFileException">A text cannot be read as a whole (no header, a missing column).</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type; a call cannot be ambiguous.")]
    public async Task<JobResult> RunDayAsync(IReadOnlyDictionary<string, string> csvByEntityType, JobRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csvByEntityType);
        request ??= JobRequest.Apply;
        List<MappingResult> snapshot = [.. csvByEntityType.Select(pair => Connector.MapText(pair.Key, pair.Value, request.ReadOptions, name: Connector.GetEntityType(pair.Key).Identifier + ".csv"))];
        var run = new JobRequest
        {
            Mode = request.Mode,
            PreviewOnly = request.PreviewOnly,
            Force = request.Force,
            ReadOptions = request.ReadOptions,
            Snapshot = snapshot,
        };
        LastResult = await Job.RunAsync(run, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LastResult;
    }

    /// <summary>Moves the clock forward by one day.</summary>
    public void NextDay() => Clock.AdvanceDays(1);

    /// <summary>Finds the identity an HR record is linked to (through the links of <see cref="Journal"/>).</summary>
    /// <param name="resourceKey">The key of the HR record of the provisioned entity type.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity, or <see langword="null"/> when the record was never provisioned or its identity was deleted.</returns>
    public async Task<Identity?> GetIdentityAsync(string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceKey);
        await foreach (var link in Journal.ReadLinksAsync(Connector.Identifier, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(link.ResourceKey, resourceKey, StringComparison.Ordinal))
            {
                return await Repository.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }
}
