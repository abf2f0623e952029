namespace HrConnector.Quartz;

/// <summary>Starts runs of the connectors scheduled with <c>AddHrConnectorQuartz</c> through their Quartz jobs, by hand.</summary>
public interface IHrConnectorScheduler
{
    /// <summary>
    /// Fires the connector's job now, outside its schedule (after a Blocked run was reviewed and the files fixed, for
    /// example). The run goes through Quartz like a scheduled one: it waits for a run of the same connector in progress
    /// to end, and in a cluster it runs on one node. The schedule is unchanged.
    /// </summary>
    /// <param name="connector">The name the connector was registered with (compared ignoring case).</param>
    /// <param name="cancellationToken">Stops the call (not the run).</param>
    /// <returns>A task that completes once the firing is stored; the run itself happens on the scheduler's threads.</returns>
    /// <exception cref="ArgumentException">No connector has this name.</exception>
    Task TriggerNowAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Gets when the connector's schedule fires next.</summary>
    /// <param name="connector">The name the connector was registered with (compared ignoring case).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The next fire time, or <see langword="null"/> when the connector has no schedule (or it is disabled).</returns>
    /// <exception cref="ArgumentException">No connector has this name.</exception>
    Task<DateTimeOffset?> GetNextRunAsync(string connector, CancellationToken cancellationToken = default);
}
