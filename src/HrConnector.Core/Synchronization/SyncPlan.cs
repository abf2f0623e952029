using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>
/// What a synchronization would change, computed completely before anything is written: per entity type the inserts,
/// the updates with each property's old and new value, the deletes, what stays unchanged, the rejects, and the
/// threshold verdict; and, computed by a job, the provisioning orders (<see cref="Orders"/>). Review it
/// (<see cref="ToJson"/>), then apply it with <see cref="Synchronizer.ApplyAsync"/>.
/// </summary>
/// <remarks>
/// Entity types come in dependency order (referenced entity types first): apply inserts and updates in that order,
/// deletes in the reverse order. Within an entity type, changes are ordered by key (ordinal).
/// </remarks>
public sealed class SyncPlan
{
    internal SyncPlan(
        Connector connector,
        string runId,
        string? baseRunId,
        SynchronizationMode mode,
        DateTimeOffset createdAt,
        PlanStatus status,
        IReadOnlyList<string> reasons,
        IReadOnlyList<EntityTypePlan> entityTypes,
        bool isRedacted = false)
    {
        Connector = connector;
        RunId = runId;
        BaseRunId = baseRunId;
        Mode = mode;
        CreatedAt = createdAt;
        Status = status;
        Reasons = reasons;
        EntityTypes = entityTypes;
        IsRedacted = isRedacted;
    }

    /// <summary>Gets the connector.</summary>
    public Connector Connector { get; }

    /// <summary>Gets the identifier of the run this plan commits as.</summary>
    public string RunId { get; }

    /// <summary>Gets the last run of the store the plan was computed against (<see langword="null"/> for an empty store); applying to a store that moved on is refused.</summary>
    public string? BaseRunId { get; }

    /// <summary>Gets the synchronization mode.</summary>
    public SynchronizationMode Mode { get; }

    /// <summary>Gets when the plan was computed.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the verdict.</summary>
    public PlanStatus Status { get; }

    /// <summary>Gets why the plan is blocked or failed, each a sentence; empty when ready.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Gets the changes per entity type, in dependency order.</summary>
    public IReadOnlyList<EntityTypePlan> EntityTypes { get; }

    /// <summary>Gets a value indicating whether sensitive values were left out (a plan read from redacted JSON): it can be reviewed, not applied.</summary>
    public bool IsRedacted { get; }

    /// <summary>
    /// Gets what the plan was computed against and what it does, when a job previewed it (<see cref="Jobs.JobResult.Basis"/>);
    /// written into its JSON so that <c>hrconnector sync --plan</c> can apply exactly the reviewed plan.
    /// </summary>
    public Jobs.PlanBasis? Basis { get; internal set; }

    /// <summary>
    /// Gets the provisioning orders the run decided for this plan — set by <see cref="Jobs.SynchronizationJob"/> once it
    /// has compared the plan's HR state with the identities, in a preview as in a run — or <see langword="null"/> when
    /// none were decided (the connector provisions nothing, the plan failed or was blocked, or it was computed by
    /// <see cref="Synchronizer"/> alone).
    /// </summary>
    public PlannedOrders? Orders { get; internal set; }

    /// <summary>Gets the number of inserts over all entity types.</summary>
    public long InsertCount => EntityTypes.Sum(e => (long)e.Inserts.Count);

    /// <summary>Gets the number of updates over all entity types.</summary>
    public long UpdateCount => EntityTypes.Sum(e => (long)e.Updates.Count);

    /// <summary>Gets the number of deletes over all entity types.</summary>
    public long DeleteCount => EntityTypes.Sum(e => (long)e.Deletes.Count);

    /// <summary>Gets the number of unchanged resources over all entity types.</summary>
    public long UnchangedCount => EntityTypes.Sum(e => e.UnchangedCount);

    /// <summary>Gets the number of rejects over all entity types.</summary>
    public long RejectCount => EntityTypes.Sum(e => (long)e.Rejects.Count);

    /// <summary>Gets a value indicating whether anything changes.</summary>
    public bool HasChanges => EntityTypes.Any(e => e.HasChanges);

    /// <summary>Gets the plan of an entity type.</summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <returns>The plan of the entity type.</returns>
    /// <exception cref="KeyNotFoundException">The plan has no such entity type.</exception>
    public EntityTypePlan this[string entityType]
        => EntityTypes.FirstOrDefault(e => string.Equals(e.EntityType.Identifier, entityType, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"The plan has no entity type '{entityType}'.");

    /// <summary>Writes the plan as JSON (System.Text.Json), indented, for review, audit or a later apply.</summary>
    /// <param name="includeSensitiveValues">Whether values of sensitive properties are written; otherwise they are replaced by <c>"***"</c> and the plan read back cannot be applied.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool includeSensitiveValues = false) => SyncPlanJson.Write(this, includeSensitiveValues);

    /// <summary>Reads a plan written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="connector">The connector the plan was computed for (it types the values).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="HrConnectorException">The JSON is not a plan of this connector.</exception>
    public static SyncPlan FromJson(string json, Connector connector) => SyncPlanJson.Read(json, connector);

    /// <inheritdoc/>
    public override string ToString() => $"{Connector.Identifier} {Mode} {Status}: +{InsertCount} ~{UpdateCount} -{DeleteCount} ={UnchangedCount}";
}
