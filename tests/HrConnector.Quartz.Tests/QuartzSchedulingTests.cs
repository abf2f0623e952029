using HrConnector.Jobs;
using HrConnector.Modeling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace HrConnector.Quartz.Tests;

[Trait("Category", "Hosting")]
public sealed class QuartzSchedulingTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly QuickStartHost _sample = new();

    public void Dispose() => _sample.Dispose();

    [Fact]
    public async Task Registration_OneJobPerConnector_ACronTriggerPerEnabledScheduleInItsTimeZone()
    {
        using var host = _sample.Build(services =>
        {
            _sample.AddConnector(services, "hr", QuickStartHost.Nightly);
            _sample.AddConnector(services, "payroll", null);
            _sample.AddConnector(services, "paused", new ScheduleOptions { Cron = "0 30 1 * * ?", Enabled = false });
        });
        await host.StartAsync(Ct);
        var scheduler = host.Services.GetRequiredService<IScheduler>();

        foreach (var name in (string[])["hr", "payroll", "paused"])
        {
            var job = await scheduler.GetJobDetail(new JobKey(name, "HrConnector"), Ct);
            Assert.NotNull(job);
            Assert.Equal(typeof(HrConnectorRunJob), job.JobType.Type);
            Assert.True(job.Durable);
            Assert.True(job.ConcurrentExecutionDisallowed);
        }

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey("hr.schedule", "HrConnector"), Ct));
        Assert.Equal("0 0 2 * * ?", trigger.CronExpressionString);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris").BaseUtcOffset, trigger.TimeZone.BaseUtcOffset);
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, trigger.MisfireInstruction);
        Assert.Equal(new JobKey("hr", "HrConnector"), trigger.JobKey);
        Assert.Null(await scheduler.GetTrigger(new TriggerKey("payroll.schedule", "HrConnector"), Ct));
        Assert.Null(await scheduler.GetTrigger(new TriggerKey("paused.schedule", "HrConnector"), Ct));

        var manual = host.Services.GetRequiredService<IHrConnectorScheduler>();
        var next = await manual.GetNextRunAsync("HR", Ct);
        Assert.NotNull(next);
        var paris = TimeZoneInfo.ConvertTime(next.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(new TimeSpan(2, 0, 0), paris.TimeOfDay);
        Assert.Null(await manual.GetNextRunAsync("payroll", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => manual.GetNextRunAsync("nope", Ct));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task ScheduleFires_TheConnectorRuns()
    {
        using var host = _sample.Build(new ScheduleOptions { Cron = "* * * * * ?" });
        await host.StartAsync(Ct);

        await QuickStartHost.Until(() => _sample.History.Results.Count >= 1, "the schedule fires a run");
        await host.StopAsync(Ct);

        var first = _sample.History.Results[0];
        Assert.Equal("Contoso_HR", first.Connector);
        Assert.Contains(first.Status, (JobStatus[])[JobStatus.Succeeded, JobStatus.SucceededWithWarnings]);
        Assert.Equal(new TriggerKey("hr.schedule", "HrConnector"), _sample.Listener.Started[0].Trigger);
        Assert.All(_sample.Listener.Ended, e => Assert.Null(e.Exception));
    }

    [Fact]
    public async Task TriggerNow_RunsOnceOutsideTheSchedule()
    {
        using var host = _sample.Build(QuickStartHost.Nightly);
        await host.StartAsync(Ct);
        var manual = host.Services.GetRequiredService<IHrConnectorScheduler>();
        var next = await manual.GetNextRunAsync("hr", Ct);

        await manual.TriggerNowAsync("HR", Ct);
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 1, "the triggered run ends");
        Assert.Equal(next, await manual.GetNextRunAsync("hr", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => manual.TriggerNowAsync("nope", Ct));
        await host.StopAsync(Ct);

        Assert.Single(_sample.History.Results);
        var execution = Assert.Single(_sample.Listener.Started);
        Assert.NotEqual(new TriggerKey("hr.schedule", "HrConnector"), execution.Trigger);
    }

    [Fact]
    public async Task BlockedRun_IsNotRetried_TheNextAttemptIsTheNextFiring()
    {
        using var host = _sample.Build(QuickStartHost.Nightly);
        // A first run fills the store with a department nobody works in; then it leaves the file: deleting 1 of 6
        // departments is over the deletion threshold (5%), so the run is Blocked.
        var departments = Path.Combine(_sample.Folder, "departments.csv");
        var rows = File.ReadAllLines(departments);
        File.WriteAllLines(departments, [.. rows, "D099,Archive,D001"]);
        var first = await host.Services.GetRequiredService<ISynchronizationJobFactory>().Create("hr").RunAsync(JobRequest.Apply, null, Ct);
        Assert.NotEqual(JobStatus.Blocked, first.Status);
        File.WriteAllLines(departments, rows);
        await host.StartAsync(Ct);
        var manual = host.Services.GetRequiredService<IHrConnectorScheduler>();
        var next = await manual.GetNextRunAsync("hr", Ct);

        await manual.TriggerNowAsync("hr", Ct);
        await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 1, "the triggered run ends");
        Assert.Equal(next, await manual.GetNextRunAsync("hr", Ct));
        await host.StopAsync(Ct);

        Assert.Equal(2, _sample.History.Results.Count);
        Assert.True(_sample.History.Results[1].Status == JobStatus.Blocked, string.Join(" | ", _sample.History.Results[1].Messages));
        var execution = Assert.Single(_sample.Listener.Ended);
        Assert.Equal(JobStatus.Blocked, execution.Result);
        Assert.Null(execution.Exception);
        Assert.Single(_sample.Listener.Started);
    }

    [Fact]
    public async Task BusyConnector_TheFiringIsSkipped()
    {
        var runLock = new InMemoryConnectorRunLock();
        using var host = _sample.Build(QuickStartHost.Nightly, services: s => s.AddSingleton<IConnectorRunLock>(runLock));
        await host.StartAsync(Ct);
        await using (await runLock.TryAcquireAsync("Contoso_HR", Ct))
        {
            await host.Services.GetRequiredService<IHrConnectorScheduler>().TriggerNowAsync("hr", Ct);
            await QuickStartHost.Until(() => _sample.Listener.Ended.Count >= 1, "the triggered firing ends");
        }

        await host.StopAsync(Ct);
        Assert.Empty(_sample.History.Results);
        var execution = Assert.Single(_sample.Listener.Ended);
        Assert.Null(execution.Exception);
        Assert.Single(_sample.Listener.Started);
    }

    [Fact]
    public async Task SchedulerShutdown_CancelsTheRunningRun()
    {
        // The files were just written and must settle for two minutes: the run waits in its Read step.
        using var host = _sample.Build(s => _sample.AddConnector(s, "hr", QuickStartHost.Nightly, o =>
        {
            foreach (var connection in o.Connections)
            {
                connection.SettleTime = TimeSpan.FromMinutes(2);
            }
        }));
        foreach (var file in Directory.GetFiles(_sample.Folder, "*.csv"))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
        }

        await host.StartAsync(Ct);
        await host.Services.GetRequiredService<IHrConnectorScheduler>().TriggerNowAsync("hr", Ct);
        await QuickStartHost.Until(() => _sample.Listener.Started.Count == 1, "the run starts");
        var stop = host.StopAsync(Ct);
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(60), Ct)));
        await stop;

        Assert.Empty(_sample.History.Results);
        var execution = Assert.Single(_sample.Listener.Ended);
        Assert.Null(execution.Exception);
        Assert.Null(execution.Result);
    }

    [Fact]
    public async Task InvalidCron_FailsAtStart_NamingTheConnectorAndTheSetting()
    {
        using var host = _sample.Build(new ScheduleOptions { Cron = "0 0 25 * * ?" });
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        var message = Assert.Single(exception.Failures, f => f.Contains("cron", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("'hr'", message, StringComparison.Ordinal);
        Assert.Contains("Schedule:Cron", message, StringComparison.Ordinal);
        Assert.Contains("0 0 25 * * ?", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTimeZone_FailsAtStart_NamingTheSetting()
    {
        using var host = _sample.Build(new ScheduleOptions { Cron = "0 0 2 * * ?", TimeZone = "Mars/Olympus_Mons" });
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Equal("hr", exception.OptionsName);
        Assert.Contains(exception.Failures, f => f.Contains("Schedule:TimeZone", StringComparison.Ordinal) && f.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScheduledConnectorRegisteredAfterAddHrConnectorQuartz_FailsAtStart()
    {
        using var host = _sample.Build(QuickStartHost.Nightly, services: s => _sample.AddConnector(s, "late", QuickStartHost.Nightly));
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));
        Assert.Contains(exception.Failures, f => f.Contains("'late'", StringComparison.Ordinal) && f.Contains("AddHrConnectorQuartz", StringComparison.Ordinal));
    }

    [Fact]
    public void AddHrConnectorQuartz_BeforeAnyConnector_Throws()
    {
        var services = new ServiceCollection();
        var exception = Assert.Throws<InvalidOperationException>(() => services.AddHrConnectorQuartz());
        Assert.Contains("AddHrConnector", exception.Message, StringComparison.Ordinal);
    }
}
