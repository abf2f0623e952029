namespace HrConnector.Synchronization;

/// <summary>
/// What happened to a plan given to <see cref="Synchronizer.ApplyAsync"/>: committed, or not — and then the plan's own
/// status says why (<see cref="PlanStatus.Blocked"/> and not forced, or <see cref="PlanStatus.Failed"/>). No status
/// word of its own: the plan's vocabulary is the only one.
/// </summary>
/// <param name="Plan">The plan.</param>
/// <param name="Applied">Whether the plan was committed to the resource store.</param>
/// <param name="Forced">Whether a blocked plan was applied because the caller forced it.</param>
internal sealed record SyncResult(SyncPlan Plan, bool Applied, bool Forced);
