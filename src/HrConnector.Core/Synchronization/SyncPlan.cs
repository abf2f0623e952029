using System.Text.Json;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>
/// What a synchronization would change, computed completely before anything is written: per entity type the inserts,
/// the updates with each property's old and new value, the deletes, what stays unchanged, the rejects, and the
/// threshold verdict; previewed by a job, its JSON also carries the provisioning orders decided for it. Review it
/// (<see cref="ToJson"/>; read it back with <c>Connector.ReadPlan</c>), then apply it with a job (<c>JobRequest.Approval</c>).
/// </summary>
/// <remarks>
/// Entity types come in dependency order (referenced entity types first): apply inserts and updates in that order,
/// deletes in the reverse order. Within an entity type, changes are ordered by key (ordinal).
/// </remarks>
public sealed class SyncPlan
{
    internal SyncPlan(
        ConnectorModel connector,
        string runId,
        string? baseRunId,
        SynchronizationMode mode,
        DateTimeOffset createdAt,
        PlanStatus status,
        IReadOnlyList<string> reasons,
        IReadOnlyList<EntityTypePlan> entityTypes,
        bool isRedacted = false)
    {
        Model = connector;
        RunId = runId;
        BaseRunId = baseRunId;
        Mode = mode;
        CreatedAt = createdAt;
        Status = status;
        Reasons = reasons;
        EntityTypes = entityTypes;
        IsRedacted = isRedacted;
    }

    /// <summary>Gets the identifier of the connector.</summary>
    public string Connector => Model.Identifier;

    /// <summary>Gets the model of the connector the plan was computed with (it types the values).</summary>
    internal ConnectorModel Model { get; }

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
    public PlanBasis? Basis { get; internal set; }

    /// <summary>
    /// Gets or sets what the layers above write into the plan's JSON after its changes (a job attaches the provisioning
    /// orders it decided, so that <c>plan.json</c> shows them and the reviewer approves them with the changes); the
    /// argument says whether sensitive values may be written.
    /// </summary>
    internal Action<Utf8JsonWriter, bool>? WriteAttachments { get; set; }

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

    /// <inheritdoc/>
    public override string ToString() => $"{Connector} {Mode} {Status}: +{InsertCount} ~{UpdateCount} -{DeleteCount} ={UnchangedCount}";
}
