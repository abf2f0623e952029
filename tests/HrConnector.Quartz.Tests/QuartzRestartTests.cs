using System.Collections.Concurrent;
using HrConnector.Jobs;
using HrConnector.Modeling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace HrConnector.Quartz.Tests;

/// <summary>
/// A host restarted on a persistent (PostgreSQL) job store: the firings missed while it was down are caught up once, and
/// a schedule changed or removed in the meantime takes effect, and a starting node leaves an unchanged trigger alone (the README's "Misfires").
/// </summary>
[Trait("Category", "Hosting")]
public sealed class QuartzRestartTests : IDisposable
{
    private const string EveryTwoSeconds = "0/2 * * * * ?";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(1);
    private readonly QuickStartHost _sample = new();
    private readonly MisfireRecorder _misfires = new();

    // The scheduler name of this test's nodes: other tests' schedulers run in the same process at the same time.
    private readonly string _schedulerName = "HrConnectorRestart-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _sample.Dispose();

    /// <summary>
    /// The schedule fires every two seconds; the host (alone on its store, clustered or not) is stopped, and stays down
    /// until two firings are missed by more than the store's misfire threshold. Restarted, the stored trigger is left as it was (its start time says so): it misfires once, fires one
    /// catch-up run at once (not one per missed firing), then goes on with the schedule.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PersistentStore_FiringsMissedWhileDown_OneCatchUpRunAfterRestart_ThenTheSchedule(bool clustered)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var schedule = new ScheduleOptions { Cron = EveryTwoSeconds };
        var cron = new CronExpression(EveryTwoSeconds);

        DateTimeOffset storedStart;
        using (var first = BuildNode(database, schedule, clustered))
        {
            await first.StartAsync(Ct);
            await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 1, "the schedule fires before the restart");
            storedStart = (await first.Services.GetRequiredService<IScheduler>().GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct))!.StartTimeUtc;
            await first.StopAsync(Ct);
        }

        // Down until two firings are missed by more than the misfire threshold.
        var stopped = DateTimeOffset.UtcNow;
        var secondMissed = cron.GetNextValidTimeAfter(cron.GetNextValidTimeAfter(stopped)!.Value)!.Value;
        await QuickStartHost.Until(() => DateTimeOffset.UtcNow > secondMissed + MisfireThreshold + MisfireThreshold, "two firings are missed while the host is down");
        var firedBefore = _sample.Listener.Ended.Count;
        Assert.Equal(firedBefore, _sample.Listener.Started.Count);
        Assert.Empty(_misfires.Triggers);

        using var second = BuildNode(database, schedule, clustered);
        var restarted = DateTimeOffset.UtcNow;
        await second.StartAsync(Ct);
        Assert.Equal(clustered, (await second.Services.GetRequiredService<IScheduler>().GetMetadata(Ct)).JobStoreClustered);
        Assert.Equal(storedStart, (await second.Services.GetRequiredService<IScheduler>().GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct))!.StartTimeUtc);
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= firedBefore + 3, "the catch-up run and two firings of the schedule end");
        await second.Services.GetRequiredService<IScheduler>().PauseJob(HrConnectorJobKeys.Job("hr"), Ct);
        await QuickStartHost.Until(() => _sample.Listener.Started.Count == _sample.Listener.Ended.Count, "the last firing ends");
        await second.StopAsync(Ct);

        // One misfire, handled by one catch-up firing: the first after the restart.
        Assert.Equal(HrConnectorJobKeys.Trigger("hr"), Assert.Single(_misfires.Triggers));
        var afterRestart = _sample.Listener.Ended.Skip(firedBefore).ToList();
        Assert.All(afterRestart, firing =>
        {
            Assert.Equal(HrConnectorJobKeys.Trigger("hr"), firing.Trigger);
            Assert.Null(firing.Exception);
            Assert.IsType<JobStatus>(firing.Result);
        });
        // The catch-up stands for every firing missed (two at least): it reports the first missed one as its scheduled
        // time; every other firing is a time of the schedule after the restart.
        var lastBeforeStop = _sample.Listener.Ended.Take(firedBefore).Max(f => f.ScheduledFireTime)!.Value;
        Assert.Equal(cron.GetNextValidTimeAfter(lastBeforeStop), afterRestart[0].ScheduledFireTime);
        Assert.Single(afterRestart, firing => firing.ScheduledFireTime <= restarted);
        Assert.All(afterRestart.Skip(1), firing => Assert.True(firing.ScheduledFireTime > restarted, $"{firing.ScheduledFireTime:O} is after the restart"));
        Assert.All(afterRestart.Skip(1), firing => Assert.True(cron.IsSatisfiedBy(firing.ScheduledFireTime!.Value), $"{firing.ScheduledFireTime:O} is a time of the schedule"));
        Assert.Equal(afterRestart.Count, afterRestart.Select(f => f.ScheduledFireTime).Distinct().Count());
        Assert.All(_sample.History.Results, run => Assert.NotEqual(JobStatus.Failed, run.Status));
    }

    /// <summary>
    /// The schedule is changed while the host is down (every two seconds → nightly): the restarted host stores the new
    /// cron expression, whose next firing is the next night's, and no catch-up of the old schedule fires.
    /// </summary>
    [Fact]
    public async Task PersistentStore_ScheduleChangedWhileDown_TheNewScheduleIsUsedAfterRestart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using (var first = BuildNode(database, new ScheduleOptions { Cron = EveryTwoSeconds }))
        {
            await first.StartAsync(Ct);
            await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 1, "the old schedule fires before the restart");
            await first.StopAsync(Ct);
        }

        var cron = new CronExpression(EveryTwoSeconds);
        var secondMissed = cron.GetNextValidTimeAfter(cron.GetNextValidTimeAfter(DateTimeOffset.UtcNow)!.Value)!.Value;
        await QuickStartHost.Until(() => DateTimeOffset.UtcNow > secondMissed + MisfireThreshold + MisfireThreshold, "the old schedule misses two firings while the host is down");

        var nightly = QuickStartHost.Nightly;
        using var second = BuildNode(database, nightly);
        var restarted = DateTimeOffset.UtcNow;
        await second.StartAsync(Ct);
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await second.Services.GetRequiredService<IScheduler>().GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct));
        await second.StopAsync(Ct);

        Assert.Equal(nightly.Cron, trigger.CronExpressionString);
        Assert.Equal(nightly.ResolveTimeZone().Id, trigger.TimeZone.Id);
        var expected = new CronExpression(nightly.Cron!, nightly.ResolveTimeZone()).GetNextValidTimeAfter(restarted);
        Assert.Equal(expected, trigger.NextFireTimeUtc);
        Assert.Empty(_misfires.Triggers);
    }

    /// <summary>
    /// The schedule is removed while the host is down: the restarted host removes the stored trigger (the job stays, to
    /// be triggered by hand), and nothing fires.
    /// </summary>
    [Fact]
    public async Task PersistentStore_ScheduleRemovedWhileDown_TheStoredTriggerIsRemoved()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using (var first = BuildNode(database, QuickStartHost.Nightly))
        {
            await first.StartAsync(Ct);
            Assert.NotNull(await first.Services.GetRequiredService<IScheduler>().GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct));
            await first.StopAsync(Ct);
        }

        using var second = BuildNode(database, schedule: null);
        await second.StartAsync(Ct);
        var scheduler = second.Services.GetRequiredService<IScheduler>();
        var trigger = await scheduler.GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct);
        var job = await scheduler.GetJobDetail(HrConnectorJobKeys.Job("hr"), Ct);
        await second.StopAsync(Ct);

        Assert.Null(trigger);
        Assert.NotNull(job);
        Assert.Empty(_sample.Listener.Started);
    }

    /// <summary>
    /// A node that starts on a clustered store where another node already runs the same schedule leaves the stored
    /// trigger as it is (same start time, same next firing): starting a node never reschedules a firing, so it cannot
    /// make one run twice.
    /// </summary>
    [Fact]
    public async Task ClusteredStore_SecondNodeStarts_TheStoredTriggerIsLeftAsItIs()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var first = BuildNode(database, QuickStartHost.Nightly, clustered: true, instanceId: "node1");
        await first.StartAsync(Ct);
        var before = Assert.IsAssignableFrom<ICronTrigger>(await first.Services.GetRequiredService<IScheduler>().GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct));

        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        using var second = BuildNode(database, QuickStartHost.Nightly, clustered: true, instanceId: "node2");
        await second.StartAsync(Ct);
        var after = Assert.IsAssignableFrom<ICronTrigger>(await second.Services.GetRequiredService<IScheduler>().GetTrigger(HrConnectorJobKeys.Trigger("hr"), Ct));
        await second.StopAsync(Ct);
        await first.StopAsync(Ct);

        Assert.Equal(before.StartTimeUtc, after.StartTimeUtc);
        Assert.Equal(before.NextFireTimeUtc, after.NextFireTimeUtc);
        Assert.Equal(before.CronExpressionString, after.CronExpressionString);
    }

    /// <summary>
    /// The default in-memory store keeps nothing across a restart (the README says so): the restarted host starts from
    /// the next time of the schedule, and the firings missed while it was down are not caught up.
    /// </summary>
    [Fact]
    public async Task InMemoryStore_FiringsMissedWhileDown_NoCatchUpAfterRestart()
    {
        var schedule = new ScheduleOptions { Cron = EveryTwoSeconds };
        var cron = new CronExpression(EveryTwoSeconds);
        using (var first = BuildInMemoryNode(schedule))
        {
            await first.StartAsync(Ct);
            await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 1, "the schedule fires before the restart");
            await first.StopAsync(Ct);
        }

        var secondMissed = cron.GetNextValidTimeAfter(cron.GetNextValidTimeAfter(DateTimeOffset.UtcNow)!.Value)!.Value;
        await QuickStartHost.Until(() => DateTimeOffset.UtcNow > secondMissed + MisfireThreshold + MisfireThreshold, "two firings are missed while the host is down");
        var firedBefore = _sample.Listener.Ended.Count;

        using var second = BuildInMemoryNode(schedule);
        var restarted = DateTimeOffset.UtcNow;
        await second.StartAsync(Ct);
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= firedBefore + 2, "two firings of the schedule end");
        await second.Services.GetRequiredService<IScheduler>().PauseJob(HrConnectorJobKeys.Job("hr"), Ct);
        await QuickStartHost.Until(() => _sample.Listener.Started.Count == _sample.Listener.Ended.Count, "the last firing ends");
        await second.StopAsync(Ct);

        Assert.Empty(_misfires.Triggers);
        Assert.All(_sample.Listener.Ended.Skip(firedBefore), firing =>
        {
            Assert.True(firing.ScheduledFireTime > restarted, $"{firing.ScheduledFireTime:O} is after the restart");
            Assert.True(cron.IsSatisfiedBy(firing.ScheduledFireTime!.Value), $"{firing.ScheduledFireTime:O} is a time of the schedule");
        });
    }

    /// <summary>A host on the in-memory store with a misfire threshold of one second.</summary>
    private IHost BuildInMemoryNode(ScheduleOptions schedule) => _sample.Build(schedule, quartz =>
    {
        quartz.AddTriggerListener(_misfires, [GroupMatcher<TriggerKey>.GroupEquals("HrConnector")]);
        quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = _schedulerName);
        quartz.UseInMemoryStore(store => store.MisfireThreshold = MisfireThreshold);
    });

    /// <summary>A host on a persistent PostgreSQL store (clustered as the README's, or not) with a misfire threshold of one second.</summary>
    private IHost BuildNode(PostgresDatabase database, ScheduleOptions? schedule, bool clustered = false, string? instanceId = null) => _sample.Build(schedule, quartz =>
    {
        quartz.AddTriggerListener(_misfires, [GroupMatcher<TriggerKey>.GroupEquals("HrConnector")]);
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = _schedulerName;
            if (instanceId is not null)
            {
                scheduler.InstanceId = instanceId;
            }
        });

        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(database.ConnectionString);
            if (clustered)
            {
                store.UseClustering();
            }

            store.ProvisionSchema();
            store.ConfigureStore(options => options.MisfireThreshold = MisfireThreshold);
        });
    });

    /// <summary>Records the triggers whose misfire the scheduler handled.</summary>
    private sealed class MisfireRecorder : ITriggerListener
    {
        private readonly ConcurrentQueue<TriggerKey> _triggers = new();

        public string Name { get; } = "misfires-" + Guid.NewGuid().ToString("N");

        public IReadOnlyList<TriggerKey> Triggers => [.. _triggers];

        public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
        {
            _triggers.Enqueue(trigger.Key);
            return ValueTask.CompletedTask;
        }
    }
}
