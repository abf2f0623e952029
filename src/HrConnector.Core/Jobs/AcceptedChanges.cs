namespace HrConnector.Jobs;

/// <summary>
/// The kinds of change whose threshold breaches a run accepts, after a person reviewed them (<see cref="JobRequest.Accept"/>;
/// <c>hrconnector sync --accept</c>). Each covers the resource changes of the plan and the provisioning orders of the
/// same kind. The safety rules (an empty or incomplete file, rows without a readable key) are accepted apart, through
/// <see cref="JobRequest.AcceptEmptySource"/>.
/// </summary>
[Flags]
public enum AcceptedChanges
{
    /// <summary>No breach is accepted: a run over a threshold is Blocked. The default.</summary>
    None = 0,

    /// <summary>Inserted resources and the orders that add or link identities.</summary>
    Inserts = 1,

    /// <summary>Updated resources and the orders that modify or reactivate identities.</summary>
    Updates = 2,

    /// <summary>Deleted resources and the orders that delete identities.</summary>
    Deletes = 4,

    /// <summary>The orders that deactivate identities (leavers, suspensions).</summary>
    Deactivations = 8,

    /// <summary>Every kind of threshold breach (what <see cref="JobRequest.Force"/> means).</summary>
    All = Inserts | Updates | Deletes | Deactivations,
}
