using HrConnector.Jobs;

namespace HrConnector.Tests.Jobs;

/// <summary>An observer that records the results it is given and, with a run lock, whether the lock was free when it was called.</summary>
internal sealed class RecordingObserver : IJobObserver
{
    public List<JobResult> Results { get; } = [];

    public InMemoryConnectorRunLock? RunLock { get; init; }

    public bool LockWasFree { get; private set; }

    public async Task OnRunCompletedAsync(JobResult result, CancellationToken cancellationToken)
    {
        if (RunLock is not null)
        {
            var handle = await RunLock.TryAcquireAsync(result.Connector, cancellationToken);
            LockWasFree = handle is not null;
            if (handle is not null)
            {
                await handle.DisposeAsync();
            }
        }

        lock (Results)
        {
            Results.Add(result);
        }
    }
}
