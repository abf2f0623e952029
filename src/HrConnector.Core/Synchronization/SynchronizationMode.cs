namespace HrConnector.Synchronization;

/// <summary>How a synchronization reads the HR files and what their absence of a record means.</summary>
public enum SynchronizationMode
{
    /// <summary>The files hold the full HR state: a stored resource missing from its file is deleted. The default.</summary>
    Complete = 0,

    /// <summary>
    /// The files hold changes: with a command column (insert / update / delete / merge) each row says what to do;
    /// without one, rows are inserted or updated and missing resources are kept.
    /// </summary>
    Incremental,

    /// <summary>The first bulk load into an empty store: everything is inserted and thresholds do not apply. Refused on a store that is not empty.</summary>
    Initial,
}
