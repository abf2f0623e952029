using System.Collections.Concurrent;
using HrConnector.Jobs;
using Quartz;

namespace HrConnector.Quartz.Tests;

/// <summary>The job history of the tests: every run recorded, and a way to wait for them (shared by several hosts in the cluster test).</summary>
internal sealed class CountingJobHistory : IJobHistory
{
    private readonly InMemoryJobHistory _inner = new();
    private readonly ConcurrentQueue<JobResult> _results = new();
    private int _entered;

    public IReadOnlyList<JobResult> Results => [.. _results];

    /// <summary>Gets or sets what recording a result waits for: a run records its result while it holds the connector's run lock.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>Gets how many runs started recording their result (and hold their run lock until the gate opens).</summary>
    public int Entered => Volatile.Read(ref _entered);

    public async Task AddAsync(JobResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _entered);
        await Gate;
        await _inner.AddAsync(result, cancellationToken);
        _results.Enqueue(result);
    }

    public IAsyncEnumerable<JobResult> ListAsync(string connector, CancellationToken cancellationToken = default) => _inner.ListAsync(connector, cancellationToken);
}

/// <summary>Records the firings of the connectors' jobs as Quartz reports them.</summary>
internal sealed class RecordingJobListener : IJobListener
{
    private readonly ConcurrentQueue<Execution> _started = new();
    private readonly ConcurrentQueue<Execution> _ended = new();

    public string Name { get; } = "recorder-" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<Execution> Started => [.. _started];

    public IReadOnlyList<Execution> Ended => [.. _ended];

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        _started.Enqueue(new Execution(context.JobDetail.Key, context.Trigger.Key, context.Result, null, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc));
        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        _ended.Enqueue(new Execution(context.JobDetail.Key, context.Trigger.Key, context.Result, jobException, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc));
        return ValueTask.CompletedTask;
    }

    public sealed record Execution(JobKey Job, TriggerKey Trigger, object? Result, JobExecutionException? Exception, string Node, DateTimeOffset? ScheduledFireTime);
}
