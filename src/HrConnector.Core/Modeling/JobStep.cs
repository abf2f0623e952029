namespace HrConnector.Modeling;

/// <summary>
/// A step of a run, in the order a run takes them (<see cref="JobProgress.Step"/>, <c>JobResult.Steps</c>; the trace of
/// each is the activity <c>hrconnector.</c> + the step's name in lower case). A run skips the steps it has no work for:
/// a preview has no <see cref="Resume"/> and stops after <see cref="Provision"/>; a run without provisioning has only
/// <see cref="Read"/>, <see cref="Plan"/> and <see cref="Commit"/>; a blocked run stops after its plan (or its
/// provisioning decision); <see cref="References"/> comes only when a reference resolved in the run.
/// </summary>
public enum JobStep
{
    /// <summary>Settles what earlier runs left: a staged run, workflows still running.</summary>
    Resume = 0,

    /// <summary>Reads the files (or takes the snapshot given).</summary>
    Read,

    /// <summary>Compares them with the resource store: the plan, its thresholds and safety rules.</summary>
    Plan,

    /// <summary>Decides the orders: desired identities against what is applied.</summary>
    Provision,

    /// <summary>Writes the orders to the journal, not yet released.</summary>
    Stage,

    /// <summary>Commits the plan to the resource store.</summary>
    Commit,

    /// <summary>Releases the staged orders for dispatch.</summary>
    Release,

    /// <summary>Sends the orders to the host and records what it answers.</summary>
    Dispatch,

    /// <summary>Issues the orders of references that resolved in this run (a manager created in the same run as the people who report to them).</summary>
    References,
}
