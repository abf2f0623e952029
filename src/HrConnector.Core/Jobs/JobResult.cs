using System.Text.Json;
using System.Text.Json.Serialization;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Jobs;

/// <summary>How a run ended.</summary>
public enum JobStatus
{
    /// <summary>Everything was done, nothing to review.</summary>
    Succeeded = 0,

    /// <summary>Done, with something to review: rejected rows, dangling references, failed orders under the limit, correlations to review.</summary>
    SucceededWithWarnings,

    /// <summary>A threshold or a safety rule stopped the run; nothing was applied. Run again with <see cref="JobRequest.Force"/> after review.</summary>
    Blocked,

    /// <summary>The run could not complete: a file could not be read, too many orders failed, the store changed meanwhile.</summary>
    Failed,
}

/// <summary>The counts of one entity type in a run.</summary>
/// <remarks>
/// One row, one outcome: every data row is inserted, updated, unchanged or rejected, never two of them, so that in
/// <see cref="SynchronizationMode.Complete"/> and <see cref="SynchronizationMode.Initial"/> runs
/// <c>Rows = Inserted + Updated + Unchanged + Rejected</c>. A rejected row whose key is stored (a file reject, a
/// dangling reference under <see cref="Modeling.DanglingReferencePolicy.RejectRow"/>, even on a row that did not change) is
/// counted <see cref="Rejected"/> and <see cref="Kept"/>, not <see cref="Unchanged"/>. Deletes are stored resources,
/// not rows. In <see cref="SynchronizationMode.Incremental"/> runs, <see cref="Unchanged"/> also counts the stored
/// resources the file leaves out.
/// </remarks>
public sealed record EntityTypeCounts
{
    /// <summary>Creates the counts of an entity type.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="rows">The data rows read.</param>
    /// <param name="inserted">The resources inserted.</param>
    /// <param name="updated">The resources updated.</param>
    /// <param name="deleted">The resources deleted.</param>
    /// <param name="unchanged">The resources unchanged (not the rejected ones).</param>
    /// <param name="rejected">The rows rejected (<see cref="EntityTypePlan.RejectedRowCount"/>): a row with several rejects counts once; <see cref="JobResult.Rejects"/> lists every reject.</param>
    /// <param name="kept">The stored resources kept as they were because their row was rejected (counted in <see cref="Rejected"/>).</param>
    public EntityTypeCounts(string entityType, long rows, long inserted, long updated, long deleted, long unchanged, long rejected, long kept)
    {
        EntityType = entityType;
        Rows = rows;
        Inserted = inserted;
        Updated = updated;
        Deleted = deleted;
        Unchanged = unchanged;
        Rejected = rejected;
        Kept = kept;
    }

    /// <summary>Gets the entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the data rows read.</summary>
    public long Rows { get; init; }

    /// <summary>Gets the resources inserted.</summary>
    public long Inserted { get; init; }

    /// <summary>Gets the resources updated.</summary>
    public long Updated { get; init; }

    /// <summary>Gets the resources deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>Gets the resources unchanged (not the rejected ones).</summary>
    public long Unchanged { get; init; }

    /// <summary>Gets the rows rejected (<see cref="EntityTypePlan.RejectedRowCount"/>): a row with several rejects counts once; <see cref="JobResult.Rejects"/> lists every reject.</summary>
    public long Rejected { get; init; }

    /// <summary>Gets the stored resources kept as they were because their row was rejected (counted in <see cref="Rejected"/>).</summary>
    public long Kept { get; init; }

    /// <summary>
    /// Gets the name (<see cref="System.Text.Encoding.WebName"/>, such as <c>utf-8</c>, <c>utf-16</c>, <c>utf-16BE</c>
    /// or <c>windows-1252</c>) of the encoding the file was read with (<see cref="Mapping.MappingResult.Encoding"/>):
    /// with <c>Encoding: auto</c>, the one detected.
    /// </summary>
    /// <value>The encoding name, or <see langword="null"/> when it is not known.</value>
    public string? Encoding { get; init; }
}

/// <summary>How long a step of a run took.</summary>
/// <param name="Step">The step.</param>
/// <param name="Duration">How long it took.</param>
public sealed record StepTiming(JobStep Step, TimeSpan Duration);

/// <summary>What provisioning did in a run.</summary>
public sealed class ProvisioningSummary
{
    /// <summary>Gets the orders produced by this run, per kind.</summary>
    public IReadOnlyDictionary<OrderKind, int> Orders { get; init; } = new Dictionary<OrderKind, int>();

    /// <summary>Gets the number of HR records per correlation situation (records considered by this run).</summary>
    public IReadOnlyDictionary<CorrelationSituation, int> Situations { get; init; } = new Dictionary<CorrelationSituation, int>();

    /// <summary>Gets the records left for review.</summary>
    public IReadOnlyList<CorrelationCase> Review { get; init; } = [];

    /// <summary>Gets the number of deactivated leavers whose delayed delete (<see cref="LifecycleOptions.DeleteAfterDays"/>) is not due yet; the run that finds it due issues the delete.</summary>
    public int Scheduled { get; init; }

    /// <summary>Gets the number of future hires not provisioned yet (start date beyond the pre-start window).</summary>
    public int Deferred { get; init; }

    /// <summary>Gets the number of orders dispatched (started or executed) by this run, resumed ones included.</summary>
    public int Dispatched { get; init; }

    /// <summary>Gets the number of orders of earlier runs that this run resumed (staged, pending or in doubt after a crash or a cancellation).</summary>
    public int Resumed { get; init; }

    /// <summary>Gets the number of orders executed in this run.</summary>
    public int Executed { get; init; }

    /// <summary>Gets the number of orders whose workflow is still running.</summary>
    public int Transmitted { get; init; }

    /// <summary>Gets the number of orders that failed in this run.</summary>
    public int Errored { get; init; }

    /// <summary>Gets the number of retries after transient failures.</summary>
    public int Retries { get; init; }

    /// <summary>Gets the number of orders cancelled (a joiner who left before being provisioned, a rehire before a delayed delete).</summary>
    public int Cancelled { get; init; }

    /// <summary>Gets the number of orders of earlier runs whose values this run saw on the identities.</summary>
    public int Verified { get; init; }

    /// <summary>Gets the number of orders whose call did not answer in this run (a time-out, a lost connection, an unknown failure): they may have taken effect, and the next run asks the host before sending them again.</summary>
    public int InDoubt { get; init; }

    /// <summary>Gets the orders whose retry budget (<see cref="RetryOptions.MaxFailures"/>) is spent and that HR still asks for: they are not sent again until their inputs change or an operator retries them (<see cref="SynchronizationJob.RetryAsync"/>).</summary>
    public IReadOnlyList<StuckOrder> Stuck { get; init; } = [];

    /// <summary>Gets the order thresholds this run exceeded (<see cref="ProvisioningOptions.Thresholds"/>).</summary>
    public IReadOnlyList<OrderThresholdBreach> Breaches { get; init; } = [];

    /// <summary>Gets the number of orders left for a later run (not due yet, waiting for an earlier order of the same identity, or stopped by <see cref="ProvisioningOptions.MaxErrors"/>).</summary>
    public int Waiting { get; init; }
}

/// <summary>The result of a run: status, counts per entity type and change kind, rejects, provisioning, step timings. Serializable to JSON.</summary>
public sealed class JobResult
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Gets the connector.</summary>
    public required string Connector { get; init; }

    /// <summary>Gets the run id (the plan's, and the resource store's once committed).</summary>
    public required string RunId { get; init; }

    /// <summary>Gets the synchronization mode.</summary>
    public SynchronizationMode Mode { get; init; }

    /// <summary>
    /// Gets what the plan was computed against and what it does, for a preview and for a run that applied an approved
    /// plan; <see langword="null"/> otherwise. Approve a preview by passing it back in <see cref="JobRequest.Approval"/>.
    /// </summary>
    public PlanBasis? Basis { get; init; }

    /// <summary>Gets the approval the run applied (who, when, the basis), or <see langword="null"/>; kept in the run history.</summary>
    public PlanApproval? Approval { get; init; }

    /// <summary>Gets a value indicating whether the run was a preview.</summary>
    public bool Preview { get; init; }

    /// <summary>
    /// Gets a value indicating whether the run went past a block: threshold breaches or safety holds that the request
    /// accepted (<see cref="JobRequest.Accept"/>, <see cref="JobRequest.AcceptEmptySource"/>, <see cref="JobRequest.Force"/>).
    /// </summary>
    public bool Forced { get; init; }

    /// <summary>Gets how the run ended.</summary>
    public JobStatus Status { get; init; }

    /// <summary>Gets why the run is blocked or failed, and the warnings; no personal data.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the run ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Gets the counts per entity type.</summary>
    public IReadOnlyList<EntityTypeCounts> EntityTypes { get; init; } = [];

    /// <summary>Gets the threshold breaches.</summary>
    public IReadOnlyList<ThresholdBreach> Breaches { get; init; } = [];

    /// <summary>Gets the rejects (values only when the host opted in through <see cref="Csv.ReadOptions.IncludeValuesInRejects"/>).</summary>
    public IReadOnlyList<Csv.Reject> Rejects { get; init; } = [];

    /// <summary>Gets what provisioning did, or <see langword="null"/> when the connector provisions nothing or the run stopped before.</summary>
    public ProvisioningSummary? Provisioning { get; init; }

    /// <summary>Gets how long each step took.</summary>
    public IReadOnlyList<StepTiming> Steps { get; init; } = [];

    /// <summary>Gets the plan, when the run computed one (not serialized: see <see cref="PlanToJson"/>).</summary>
    [JsonIgnore]
    public SyncPlan? Plan { get; init; }

    /// <summary>
    /// Gets the provisioning orders the run decided for its plan, for review (not serialized): every order counted per
    /// kind and reason, the first <see cref="MaxListedOrders"/> listed. Set once provisioning was decided, in a preview as
    /// in a run; <see langword="null"/> when the connector provisions nothing or the run stopped before.
    /// </summary>
    [JsonIgnore]
    public PlannedOrders? PlannedOrders { get; init; }

    /// <summary>
    /// Writes the plan as JSON for review, audit or approval (<c>hrconnector preview --out plan.json</c>): the changes of
    /// <see cref="Plan"/>, its basis and, when provisioning was decided, the orders (<see cref="PlannedOrders"/>).
    /// </summary>
    /// <param name="includeSensitiveValues">Whether values of sensitive properties are written; otherwise they are replaced by <c>"***"</c> and the plan read back cannot be applied.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="InvalidOperationException">The run computed no plan (a result read from the history has none).</exception>
    public string PlanToJson(bool includeSensitiveValues = false)
        => (Plan ?? throw new InvalidOperationException($"The run {RunId} computed no plan (a result read from the history keeps none).")).ToJson(includeSensitiveValues);

    /// <summary>The most orders <see cref="Orders"/> lists; <see cref="ProvisioningSummary.Orders"/> counts them all.</summary>
    public const int MaxListedOrders = 10_000;

    /// <summary>
    /// Gets the orders this run produced, the first <see cref="MaxListedOrders"/> of them (not serialized: they hold
    /// personal data). A first load of a million people does not keep a million orders in memory while it dispatches
    /// them: the journal has them all.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<ProvisioningOrder> Orders { get; init; } = [];

    /// <summary>Writes the result as indented JSON (camel case, enums as text). It holds no field value.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a result written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The result, without <see cref="Plan"/> and <see cref="Orders"/>.</returns>
    /// <exception cref="JsonException">The text is not a job result.</exception>
    public static JobResult FromJson(string json) => JsonSerializer.Deserialize<JobResult>(json, JsonOptions) ?? throw new JsonException("The JSON text holds no job result.");

    /// <inheritdoc/>
    public override string ToString() => $"{Connector} {RunId}: {Status}";
}
