using HrConnector.Jobs;
using HrConnector.Modeling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace HrConnector.Quartz.Tests;

/// <summary>Several scheduler nodes for one connector, in one process.</summary>
[Trait("Category", "Hosting")]
public sealed class QuartzClusterTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly QuickStartHost _sample = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _sample.Dispose();
    }

    /// <summary>
    /// Quartz 4.7 refuses a clustered job store on SQLite ("due to locking problems"): a cluster needs a server
    /// database (SQL Server, PostgreSQL, MySQL, Oracle…), which the README says. Pinned here so that the README is
    /// revisited if Quartz lifts the restriction.
    /// </summary>
    [Fact]
    public async Task ClusteredJobStore_OnSqlite_IsRefusedByQuartzAtStart()
    {
        var database = Path.Combine(_sample.Folder, "quartz.db");
        using var node = _sample.Build(QuickStartHost.Nightly, quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceId = "node1");
            quartz.UsePersistentStore(store =>
            {
                store.UseSqlite(SqliteFactory.Instance, $"Data Source={database}");
                store.UseClustering();
                store.ProvisionSchema();
            });
        });

        var exception = await Assert.ThrowsAnyAsync<SchedulerException>(() => node.StartAsync(Ct));
        Assert.Contains("clustered", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Two nodes that each fire the connector (two schedulers, unclustered, as when every node of a farm runs its own):
    /// the connector's cross-process run lock (the SQLite package's, on one database file) is the last guard. The first
    /// run holds the lock while it records its result; the second node's firing meanwhile is skipped, not queued or
    /// retried.
    /// </summary>
    [Fact]
    public async Task TwoNodes_SharedRunLock_OneRunWhileTheOtherFiringIsSkipped()
    {
        var database = Path.Combine(_sample.Folder, "hrconnector.db");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sample.History.Gate = gate.Task;
        using var node1 = BuildNode(database);
        using var node2 = BuildNode(database);
        await node1.StartAsync(Ct);
        await node2.StartAsync(Ct);

        await node1.Services.GetRequiredService<IHrConnectorScheduler>().TriggerNowAsync("hr", Ct);
        await QuickStartHost.Until(() => _sample.History.Entered == 1, "the first run holds the run lock");
        await node2.Services.GetRequiredService<IHrConnectorScheduler>().TriggerNowAsync("hr", Ct);
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count == 1, "the second node's firing ends");
        gate.SetResult();
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count == 2, "the first run ends");
        await node1.StopAsync(Ct);
        await node2.StopAsync(Ct);

        var run = Assert.Single(_sample.History.Results);
        Assert.NotEqual(JobStatus.Failed, run.Status);
        Assert.Equal(2, _sample.Listener.Started.Count);
        Assert.Null(_sample.Listener.Ended[0].Result);
        Assert.Equal(run.Status, _sample.Listener.Ended[1].Result);
        Assert.All(_sample.Listener.Ended, e => Assert.Null(e.Exception));
    }

    /// <summary>
    /// Two clustered nodes on one PostgreSQL job store (one scheduler name, an instance id each, the README's store
    /// configuration), both with the connector's job: a run triggered by hand on one node is one firing and one run
    /// across the cluster, and nothing is left in the store to fire it again.
    /// </summary>
    [Fact]
    public async Task ClusteredOnPostgres_TriggerNowOnOneNode_OneRunAcrossBothNodes()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var node1 = BuildClusterNode(database, "node1", QuickStartHost.Nightly);
        using var node2 = BuildClusterNode(database, "node2", QuickStartHost.Nightly);
        await StartCluster(node1, node2);

        await node1.Services.GetRequiredService<IHrConnectorScheduler>().TriggerNowAsync("hr", Ct);
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count == 1, "the run triggered by hand ends");
        await Settled(node2);
        await node1.StopAsync(Ct);
        await node2.StopAsync(Ct);

        var run = Assert.Single(_sample.History.Results);
        Assert.NotEqual(JobStatus.Failed, run.Status);
        var firing = Assert.Single(_sample.Listener.Started);
        Assert.Equal(HrConnectorJobKeys.Job("hr"), firing.Job);
        var ended = Assert.Single(_sample.Listener.Ended);
        Assert.Equal(run.Status, ended.Result);
        Assert.Null(ended.Exception);
    }

    /// <summary>
    /// The connector's schedule (every second) on two clustered nodes that are both up: each firing runs once, on one
    /// node — as many runs as firings, never one firing run on both nodes. The schedule is paused for the whole cluster
    /// (through either node) before the nodes stop, so that no run is cut short.
    /// </summary>
    [Fact]
    public async Task ClusteredOnPostgres_ScheduleFiresWithBothNodesUp_OneRunPerFiring()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var everySecond = new ScheduleOptions { Cron = "* * * * * ?" };
        using var node1 = BuildClusterNode(database, "node1", everySecond);
        using var node2 = BuildClusterNode(database, "node2", everySecond);
        await StartCluster(node1, node2);

        await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 3, "three firings of the schedule end");
        await node2.Services.GetRequiredService<IScheduler>().PauseJob(HrConnectorJobKeys.Job("hr"), Ct);
        await Settled(node1);
        await node1.StopAsync(Ct);
        await node2.StopAsync(Ct);

        var started = _sample.Listener.Started;
        var ended = _sample.Listener.Ended;
        Assert.All(started, firing => Assert.Equal(HrConnectorJobKeys.Trigger("hr"), firing.Trigger));
        Assert.Equal(started.Count, started.Select(f => f.ScheduledFireTime).Distinct().Count());
        Assert.Equal(started.Count, ended.Count);
        Assert.All(ended, firing =>
        {
            Assert.Null(firing.Exception);
            Assert.IsType<JobStatus>(firing.Result);  // it ran: a firing skipped by the run lock has no result
        });
        Assert.Equal(started.Count, _sample.History.Results.Count);
        Assert.All(_sample.History.Results, run => Assert.NotEqual(JobStatus.Failed, run.Status));
    }

    /// <summary>A node of the cluster: the sample's connector on the README's clustered PostgreSQL store, with an instance id.</summary>
    private IHost BuildClusterNode(PostgresDatabase database, string instanceId, ScheduleOptions schedule) => _sample.Build(schedule, quartz =>
    {
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = ClusterName;
            scheduler.InstanceId = instanceId;
        });
        ReadmeQuartzTests.SeveralNodes(quartz, database.ConnectionString);
    });

    /// <summary>Starts the nodes one after the other, and waits until the cluster counts every node alive.</summary>
    private static async Task StartCluster(params IHost[] nodes)
    {
        foreach (var node in nodes)
        {
            await node.StartAsync(Ct);
            var metadata = await node.Services.GetRequiredService<IScheduler>().GetMetadata(Ct);
            Assert.True(metadata.JobStoreClustered);
            Assert.Equal(ClusterName, metadata.SchedulerName);
        }

        var scheduler = nodes[0].Services.GetRequiredService<IScheduler>();
        await QuickStartHost.Until(
            async () => (await scheduler.QueryClusterNodes(Ct)).Count(n => n.State == ClusterNodeState.Alive) == nodes.Length,
            "every node has checked in with the cluster");
    }

    /// <summary>Waits until nothing is firing anywhere in the cluster: every firing begun has ended, the store holds no firing, and no one-off trigger is left.</summary>
    private async Task Settled(IHost node)
    {
        var scheduler = node.Services.GetRequiredService<IScheduler>();
        await QuickStartHost.Until(
            async () => _sample.Listener.Started.Count == _sample.Listener.Ended.Count
                && (await scheduler.QueryFireInstances(new FireInstanceQuery { State = null }, Ct)).Items.Count == 0
                && (await scheduler.GetTriggersOfJob(HrConnectorJobKeys.Job("hr"), Ct)).All(t => t.Key.Equals(HrConnectorJobKeys.Trigger("hr"))),
            "no firing is left in the cluster's store");
    }

    private const string ClusterName = "HrConnectorCluster";

    private IHost BuildNode(string database) => _sample.Build(
        QuickStartHost.Nightly,
        services: services =>
        {
            services.AddHrConnectorSqlite(database);
            services.RemoveAll<IJobHistory>();
            services.AddSingleton<IJobHistory>(_sample.History);
        });
}
