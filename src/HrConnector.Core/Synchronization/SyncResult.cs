namespace HrConnector.Synchronization;

/// <summary>What happened to a plan given to <see cref="Synchronizer.ApplyAsync"/>.</summary>
internal enum SyncOutcome
{
    /// <summary>The plan was committed to the resource store.</summary>
    Applied = 0,

    /// <summary>The plan was blocked and not forced: nothing was written.</summary>
    Blocked,

    /// <summary>The plan had failed: nothing was written.</summary>
    Failed,
}

/// <summary>The outcome of applying a plan.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Forced">Whether a blocked plan was applied because the caller forced it.</param>
internal sealed record SyncResult(SyncPlan Plan, SyncOutcome Outcome, bool Forced);
