namespace HrConnector.Jobs;

/// <summary>
/// Hears about every run of a <see cref="SynchronizationJob"/> that produced a <see cref="JobResult"/> (succeeded, with
/// warnings, blocked or failed; previews too, see <see cref="JobResult.Preview"/>): the hook for e-mail, chat or
/// ticketing. Register one with <c>services.AddSingleton&lt;IJobObserver, MyObserver&gt;()</c> (every registered observer
/// is called), or give them to <see cref="SynchronizationJob.Observers"/>.
/// </summary>
/// <remarks>
/// <para>Observers are called after the run released its lock, all at once, each bounded by
/// <see cref="SynchronizationJob.ObserverTimeout"/>. One that throws, is cancelled or hangs is logged and left behind:
/// it never changes the run's result nor fails it.</para>
/// <para>A run that throws (cancelled, a store that is unreachable) produces no result, and its exception reaches the
/// caller of <see cref="SynchronizationJob.RunAsync"/> instead.</para>
/// <para><see cref="JobResult.ToJson"/> holds no HR value but names HR keys (rejects, stuck orders, correlation
/// cases); <see cref="JobResult.Orders"/> and <see cref="JobResult.Plan"/> hold values. Send only what the receiver may
/// see: <see cref="JobResult.Status"/>, <see cref="JobResult.RunId"/> and the counts always are.</para>
/// </remarks>
public interface IJobObserver
{
    /// <summary>Called once a run produced its result.</summary>
    /// <param name="result">The result of the run.</param>
    /// <param name="cancellationToken">Cancelled when <see cref="SynchronizationJob.ObserverTimeout"/> elapses or the run's token is cancelled.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken);
}
