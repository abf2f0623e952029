using HrConnector.Provisioning;
using HrConnector.Synchronization;
using static HrConnector.Testing.AssertText;

namespace HrConnector.Testing;

/// <summary>
/// Assertions on a <see cref="SyncPlan"/> (from <see cref="Synchronizer"/> or <see cref="Jobs.JobResult.Plan"/>): its
/// verdict, the exact keys inserted, updated and deleted per entity type, and the old and new value of a property.
/// Each throws <see cref="HrAssertionException"/> on failure.
/// </summary>
/// <example>
/// <code>
/// PlanAssert.Status(result.Plan, PlanStatus.Ready);
/// PlanAssert.Inserted(result.Plan, "Person", "E1", "E2");
/// PlanAssert.Deleted(result.Plan, "Person");               // no delete
/// PlanAssert.PropertyChanged(result.Plan, "Person", "E2", "Title", "Analyst", "Manager");
/// </code>
/// </example>
public static class PlanAssert
{
    /// <summary>Asserts the verdict of a plan.</summary>
    /// <param name="plan">The plan; <see langword="null"/> fails (a run that computed none).</param>
    /// <param name="status">The verdict expected.</param>
    /// <exception cref="HrAssertionException">The verdict differs; the message gives the plan's reasons.</exception>
    public static void Status(SyncPlan? plan, PlanStatus status)
    {
        var actual = Require(plan);
        if (actual.Status != status)
        {
            var reasons = actual.Reasons.Count > 0 ? " Reasons: " + string.Join(" ", actual.Reasons) : string.Empty;
            throw new HrAssertionException(Invariant($"The plan is {actual.Status}, expected {status}.{reasons}"));
        }
    }

    /// <summary>Asserts the exact keys an entity type inserts, in any order.</summary>
    /// <param name="plan">The plan; <see langword="null"/> fails.</param>
    /// <param name="entityType">The entity type, ignoring case.</param>
    /// <param name="keys">The keys expected; none to assert that nothing is inserted.</param>
    /// <exception cref="HrAssertionException">The plan has no such entity type, or the keys differ (the message lists the missing and the unexpected ones).</exception>
    public static void Inserted(SyncPlan? plan, string entityType, params string[] keys) => Keys(plan, entityType, ChangeKind.Insert, keys);

    /// <summary>Asserts the exact keys an entity type updates, in any order.</summary>
    /// <param name="plan">The plan; <see langword="null"/> fails.</param>
    /// <param name="entityType">The entity type, ignoring case.</param>
    /// <param name="keys">The keys expected; none to assert that nothing is updated.</param>
    /// <exception cref="HrAssertionException">The plan has no such entity type, or the keys differ.</exception>
    public static void Updated(SyncPlan? plan, string entityType, params string[] keys) => Keys(plan, entityType, ChangeKind.Update, keys);

    /// <summary>Asserts the exact keys an entity type deletes, in any order.</summary>
    /// <param name="plan">The plan; <see langword="null"/> fails.</param>
    /// <param name="entityType">The entity type, ignoring case.</param>
    /// <param name="keys">The keys expected; none to assert that nothing is deleted.</param>
    /// <exception cref="HrAssertionException">The plan has no such entity type, or the keys differ.</exception>
    public static void Deleted(SyncPlan? plan, string entityType, params string[] keys) => Keys(plan, entityType, ChangeKind.Delete, keys);

    /// <summary>Asserts that a property of a resource changes from a value to another (an insert changes from <see langword="null"/>, a delete to <see langword="null"/>).</summary>
    /// <param name="plan">The plan; <see langword="null"/> fails.</param>
    /// <param name="entityType">The entity type, ignoring case.</param>
    /// <param name="key">The primary key of the resource.</param>
    /// <param name="property">The property, ignoring case.</param>
    /// <param name="oldValue">The value before.</param>
    /// <param name="newValue">The value after.</param>
    /// <exception cref="HrAssertionException">The resource does not change, its property does not change, or the values differ (quoted unless the property is sensitive).</exception>
    public static void PropertyChanged(SyncPlan? plan, string entityType, string key, string property, object? oldValue, object? newValue)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(property);
        var entityPlan = Require(plan, entityType);
        var name = entityPlan.EntityType.Identifier;
        var change = entityPlan.Updates.Concat(entityPlan.Inserts).Concat(entityPlan.Deletes).FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.Ordinal))
            ?? throw new HrAssertionException(Invariant($"{name} '{key}' does not change: it is not inserted, updated or deleted."));
        var propertyChange = change.Changes.FirstOrDefault(c => string.Equals(c.Property.Identifier, property, StringComparison.OrdinalIgnoreCase))
            ?? throw new HrAssertionException(Invariant($"{name} '{key}' ({change.Kind}): {property} does not change. The properties that change are: {List(change.Changes.Select(c => c.Property.Identifier))}."));
        if (!IdentityValues.AreEqual(propertyChange.OldValue, oldValue) || !IdentityValues.AreEqual(propertyChange.NewValue, newValue))
        {
            var p = propertyChange.Property;
            throw new HrAssertionException(Invariant($"{name} '{key}' ({change.Kind}): {p.Identifier} changes from {Value(propertyChange.OldValue, p)} to {Value(propertyChange.NewValue, p)}, expected from {Value(oldValue, p)} to {Value(newValue, p)}."));
        }
    }

    private static void Keys(SyncPlan? plan, string entityType, ChangeKind kind, string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var entityPlan = Require(plan, entityType);
        var changes = kind switch
        {
            ChangeKind.Insert => entityPlan.Inserts,
            ChangeKind.Update => entityPlan.Updates,
            _ => entityPlan.Deletes,
        };
        var actual = changes.Select(c => c.Key).ToList();
        if (Difference(keys, actual) is { } difference)
        {
            var verb = kind switch { ChangeKind.Insert => "inserts", ChangeKind.Update => "updates", _ => "deletes" };
            throw new HrAssertionException(Invariant($"{entityPlan.EntityType.Identifier} {verb} {List(actual)}; expected {List(keys)}: {difference}"));
        }
    }

    private static SyncPlan Require(SyncPlan? plan)
        => plan ?? throw new HrAssertionException("There is no plan: the run stopped before computing one.");

    private static EntityTypePlan Require(SyncPlan? plan, string entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        var actual = Require(plan);
        return actual.EntityTypes.FirstOrDefault(e => string.Equals(e.EntityType.Identifier, entityType, StringComparison.OrdinalIgnoreCase))
            ?? throw new HrAssertionException(Invariant($"The plan has no entity type '{entityType}'; it has: {List(actual.EntityTypes.Select(e => e.EntityType.Identifier))}."));
    }
}
