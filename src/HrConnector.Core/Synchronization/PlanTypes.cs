using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Synchronization;

/// <summary>The verdict on a plan.</summary>
public enum PlanStatus
{
    /// <summary>The plan can be applied.</summary>
    Ready = 0,

    /// <summary>A threshold or a safety rule stopped the plan: nothing is applied unless forced. <see cref="SyncPlan.Reasons"/> says why.</summary>
    Blocked,

    /// <summary>The plan cannot be applied, even forced (a file could not be read, a dangling reference under <see cref="DanglingReferencePolicy.FailRun"/>…). <see cref="SyncPlan.Reasons"/> says why.</summary>
    Failed,
}

/// <summary>The kind of a change to a resource.</summary>
public enum ChangeKind
{
    /// <summary>A resource HR did not have.</summary>
    Insert = 0,

    /// <summary>A resource whose values changed.</summary>
    Update,

    /// <summary>A resource HR no longer has.</summary>
    Delete,
}

/// <summary>One property of a resource whose value changes: from <see cref="OldValue"/> to <see cref="NewValue"/>.</summary>
/// <remarks>In a plan read from redacted JSON (<see cref="SyncPlan.IsRedacted"/>), the values of sensitive properties are the text <c>"***"</c>.</remarks>
/// <param name="Property">The property; <see cref="EntityProperty.IsNavigation"/> tells a link change (a new manager, another department).</param>
/// <param name="OldValue">The value before, or <see langword="null"/>: a value of the property's CLR type, or a read-only list for a multi-valued property.</param>
/// <param name="NewValue">The value after, or <see langword="null"/>.</param>
public sealed record PropertyChange(EntityProperty Property, object? OldValue, object? NewValue);

/// <summary>A change to one resource.</summary>
public sealed class ResourceChange
{
    private readonly EntityType? _entityType;
    private readonly ReadOnlyMemory<byte> _oldPayload;
    private IReadOnlyList<PropertyChange>? _changes;

    internal ResourceChange(ChangeKind kind, string key, long line, IReadOnlyList<PropertyChange> changes, Resource? newResource)
    {
        Kind = kind;
        Key = key;
        Line = line;
        _changes = changes;
        NewResource = newResource;
    }

    /// <summary>Creates a change whose property changes are described from the payloads when first asked for, so that a plan of a million inserts stays small.</summary>
    internal ResourceChange(ChangeKind kind, string key, long line, EntityType entityType, ReadOnlyMemory<byte> oldPayload, Resource? newResource)
    {
        Kind = kind;
        Key = key;
        Line = line;
        _entityType = entityType;
        _oldPayload = oldPayload;
        NewResource = newResource;
    }

    /// <summary>Gets the kind of change.</summary>
    public ChangeKind Kind { get; }

    /// <summary>Gets the primary key of the resource.</summary>
    public string Key { get; }

    /// <summary>Gets the line of the HR file the change comes from; 0 for a delete of a resource missing from a full file.</summary>
    public long Line { get; }

    /// <summary>Gets the properties that change: every valued property of an insert (from null) or a delete (to null), the changed ones of an update.</summary>
    public IReadOnlyList<PropertyChange> Changes => _changes ??= PropertyChanges.Describe(_entityType!, _oldPayload.Span, NewResource is null ? default : NewResource.Payload);

    /// <summary>Gets the resource after the change; <see langword="null"/> for a delete.</summary>
    public Resource? NewResource { get; }

    /// <summary>Gets the sensitive properties whose values were redacted in the JSON this change was read from.</summary>
    internal IReadOnlySet<string>? RedactedProperties { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Key}";
}

/// <summary>A reference to a resource that exists nowhere.</summary>
public sealed record DanglingReference
{
    /// <summary>Creates a dangling reference.</summary>
    /// <param name="entityType">The entity type of the referring resource.</param>
    /// <param name="key">The key of the referring resource.</param>
    /// <param name="line">The line of the referring row (0 when it was not in this run's file).</param>
    /// <param name="property">The navigation property.</param>
    /// <param name="targetEntityType">The entity type referred to.</param>
    /// <param name="targetKey">The key that exists nowhere.</param>
    /// <param name="resolution">What was done, following the connector's <see cref="DanglingReferencePolicy"/>.</param>
    public DanglingReference(string entityType, string key, long line, string property, string targetEntityType, string targetKey, DanglingReferencePolicy resolution)
    {
        EntityType = entityType;
        Key = key;
        Line = line;
        Property = property;
        TargetEntityType = targetEntityType;
        TargetKey = targetKey;
        Resolution = resolution;
    }

    /// <summary>Gets the entity type of the referring resource.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the key of the referring resource.</summary>
    public string Key { get; init; }

    /// <summary>Gets the line of the referring row (0 when it was not in this run's file).</summary>
    public long Line { get; init; }

    /// <summary>Gets the navigation property.</summary>
    public string Property { get; init; }

    /// <summary>Gets the entity type referred to.</summary>
    public string TargetEntityType { get; init; }

    /// <summary>Gets the key that exists nowhere.</summary>
    public string TargetKey { get; init; }

    /// <summary>Gets what was done, following the connector's <see cref="DanglingReferencePolicy"/>.</summary>
    public DanglingReferencePolicy Resolution { get; init; }
}

/// <summary>A threshold that a plan exceeds.</summary>
public sealed record ThresholdBreach
{
    /// <summary>Creates a breach.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="kind">The kind of change counted.</param>
    /// <param name="count">The number of changes of that kind.</param>
    /// <param name="limit">The limit (the lowest of the counts and percentages that apply).</param>
    /// <param name="setting">The setting the limit comes from, such as <c>MaxDeletedPercent (connector) = 5% of 1000</c>.</param>
    public ThresholdBreach(string entityType, ChangeKind kind, long count, long limit, string setting)
    {
        EntityType = entityType;
        Kind = kind;
        Count = count;
        Limit = limit;
        Setting = setting;
    }

    /// <summary>Gets the entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the kind of change counted.</summary>
    public ChangeKind Kind { get; init; }

    /// <summary>Gets the number of changes of that kind.</summary>
    public long Count { get; init; }

    /// <summary>Gets the limit (the lowest of the counts and percentages that apply).</summary>
    public long Limit { get; init; }

    /// <summary>Gets the setting the limit comes from, such as <c>MaxDeletedPercent (connector) = 5% of 1000</c>.</summary>
    public string Setting { get; init; }
}

/// <summary>A safety rule that holds back the deletions of an entity type: the file does not say reliably who is gone.</summary>
public enum SafetyRule
{
    /// <summary>The file has no data rows: a blank or emptied HR file is never trusted.</summary>
    EmptySource = 0,

    /// <summary>The file is incomplete: a quoted field is never closed, or its last record was cut.</summary>
    IncompleteFile,

    /// <summary>Rejected rows have no readable key: the deletions may remove the resources of those rows.</summary>
    UnreadableKeys,
}

/// <summary>Deletions that a safety rule holds back; accepted only explicitly (<c>JobRequest.AcceptEmptySource</c>).</summary>
public sealed record SafetyHold
{
    /// <summary>Creates a hold.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="deletions">The number of deletions held back.</param>
    public SafetyHold(string entityType, SafetyRule rule, long deletions)
    {
        EntityType = entityType;
        Rule = rule;
        Deletions = deletions;
    }

    /// <summary>Gets the entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the rule.</summary>
    public SafetyRule Rule { get; init; }

    /// <summary>Gets the number of deletions held back.</summary>
    public long Deletions { get; init; }
}

/// <summary>The changes of one entity type in a plan.</summary>
/// <remarks>
/// One row, one outcome: every data row of the file is an insert, an update, unchanged or rejected, never two of them,
/// so that in <see cref="SynchronizationMode.Complete"/> and <see cref="SynchronizationMode.Initial"/> plans
/// <c><see cref="RowCount"/> = Inserts + Updates + <see cref="UnchangedCount"/> + <see cref="RejectedRowCount"/></c>.
/// A rejected row whose key is stored (a file reject, a dangling reference under
/// <see cref="DanglingReferencePolicy.RejectRow"/>, even on a row that did not change) is rejected and its key is in
/// <see cref="KeptKeys"/>; it is not counted unchanged. Deletes are stored resources, not rows. In
/// <see cref="SynchronizationMode.Incremental"/> plans, <see cref="UnchangedCount"/> also counts the stored resources
/// the file leaves out.
/// </remarks>
public sealed class EntityTypePlan
{
    private long? _rejectedRowCount;

    internal EntityTypePlan(
        EntityType entityType,
        string schema,
        bool replaceAll,
        long storedCount,
        long rowCount,
        IReadOnlyList<ResourceChange> inserts,
        IReadOnlyList<ResourceChange> updates,
        IReadOnlyList<ResourceChange> deletes,
        long unchangedCount,
        IReadOnlyList<string> keptKeys,
        IReadOnlyList<Reject> rejects,
        IReadOnlyList<DanglingReference> danglingReferences,
        IReadOnlyList<ThresholdBreach> breaches,
        IReadOnlyList<StoredResource>? fullState)
    {
        EntityType = entityType;
        Schema = schema;
        ReplaceAll = replaceAll;
        StoredCount = storedCount;
        RowCount = rowCount;
        Inserts = inserts;
        Updates = updates;
        Deletes = deletes;
        UnchangedCount = unchangedCount;
        KeptKeys = keptKeys;
        Rejects = rejects;
        DanglingReferences = danglingReferences;
        Breaches = breaches;
        FullState = fullState;
    }

    /// <summary>Gets the entity type.</summary>
    public EntityType EntityType { get; }

    /// <summary>Gets the number of resources stored before the run (the population thresholds are measured against).</summary>
    public long StoredCount { get; }

    /// <summary>Gets the number of data rows read from the file.</summary>
    public long RowCount { get; }

    /// <summary>Gets the inserts, by key (ordinal).</summary>
    public IReadOnlyList<ResourceChange> Inserts { get; }

    /// <summary>Gets the updates, by key (ordinal).</summary>
    public IReadOnlyList<ResourceChange> Updates { get; }

    /// <summary>Gets the deletes, by key (ordinal).</summary>
    public IReadOnlyList<ResourceChange> Deletes { get; }

    /// <summary>Gets the number of resources that do not change, rejected rows left out (they are in <see cref="RejectedRowCount"/>).</summary>
    public long UnchangedCount { get; }

    /// <summary>Gets the keys of stored resources kept as they were because their row was rejected (ordinal order); their rows count in <see cref="RejectedRowCount"/>.</summary>
    public IReadOnlyList<string> KeptKeys { get; }

    /// <summary>Gets the rejects of the file and of the synchronization (dangling references, command conflicts).</summary>
    public IReadOnlyList<Reject> Rejects { get; }

    /// <summary>Gets the number of rows rejected, whatever the number of rejects of each row (the rejects of a row share its line; rows not in this run's file, by key).</summary>
    public long RejectedRowCount => _rejectedRowCount ??= CountRejectedRows(Rejects);

    /// <summary>Gets the dangling references found, whatever the policy did with them.</summary>
    public IReadOnlyList<DanglingReference> DanglingReferences { get; }

    /// <summary>Gets the thresholds this entity type exceeds.</summary>
    public IReadOnlyList<ThresholdBreach> Breaches { get; }

    /// <summary>Gets the safety rules that hold back the deletions of the entity type (they block the plan).</summary>
    public IReadOnlyList<SafetyHold> Holds { get; internal init; } = [];

    /// <summary>Gets a value indicating whether anything changes.</summary>
    public bool HasChanges => Inserts.Count + Updates.Count + Deletes.Count > 0 || ReplaceAll;

    /// <summary>Gets the schema of the payloads after the run.</summary>
    internal string Schema { get; }

    /// <summary>Gets a value indicating whether the store must be rewritten (the model changed since the last run).</summary>
    internal bool ReplaceAll { get; }

    /// <summary>Gets the whole state after the run, when <see cref="ReplaceAll"/> is set and the plan was computed (not read from JSON).</summary>
    internal IReadOnlyList<StoredResource>? FullState { get; }

    /// <summary>Counts the rows that rejects reject: by file and line, or by key for a resource not in the file (line 0).</summary>
    internal static long CountRejectedRows(IEnumerable<Reject> rejects)
        => rejects.Select(r => r.Line > 0 ? (r.File, r.Line, (string?)null) : (r.File, 0L, r.Key)).Distinct().LongCount();

    /// <inheritdoc/>
    public override string ToString() => $"{EntityType.Identifier}: +{Inserts.Count} ~{Updates.Count} -{Deletes.Count} ={UnchangedCount}";
}
