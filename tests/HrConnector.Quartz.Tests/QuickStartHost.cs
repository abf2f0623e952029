using HrConnector.Jobs;
using HrConnector.Modeling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace HrConnector.Quartz.Tests;

/// <summary>The QuickStart sample's connector in a temporary folder (the working copy is never written), and hosts that schedule it.</summary>
internal sealed class QuickStartHost : IDisposable
{
    public QuickStartHost()
    {
        Folder = Path.Combine(Path.GetTempPath(), "hrconnector-quartz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "QuickStart")))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    public CountingJobHistory History { get; } = new();

    public RecordingJobListener Listener { get; } = new();

    /// <summary>
    /// The run lock of this test's nodes: shared by them, as the process-wide default would be, but not with the other
    /// tests' nodes, which run at the same time with the same connector.
    /// </summary>
    public InMemoryConnectorRunLock RunLock { get; } = new();

    /// <summary>Every day at 02:00 in Paris: does not fire while a test runs.</summary>
    public static ScheduleOptions Nightly => new() { Cron = "0 0 2 * * ?", TimeZone = "Europe/Paris" };

    /// <summary>Registers the sample's connector under a name, with a schedule.</summary>
    public void AddConnector(IServiceCollection services, string name, ScheduleOptions? schedule, Action<ConnectorOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Folder, "connector.json")).Build();
        services.AddHrConnector(name, options =>
        {
            ConnectorConfiguration.Bind(configuration, options);
            options.BaseDirectory = Folder;
            options.Schedule = schedule;
            configure?.Invoke(options);
        });
    }

    /// <summary>Builds a host with the connector "hr", the Quartz scheduler and its hosted service.</summary>
    public IHost Build(ScheduleOptions? schedule, Action<IQuartzBuilder>? quartz = null, Action<IServiceCollection>? services = null)
        => Build(s => AddConnector(s, "hr", schedule), quartz, services);

    public IHost Build(Action<IServiceCollection> connectors, Action<IQuartzBuilder>? quartz = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IJobHistory>(History);
        builder.Services.AddSingleton<IConnectorRunLock>(RunLock);
        connectors(builder.Services);
        builder.Services.AddHrConnectorQuartz(q =>
        {
            q.AddJobListener(Listener, [GroupMatcher<JobKey>.GroupEquals("HrConnector")]);
            quartz?.Invoke(q);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Waits until a condition holds, polling; fails after a generous timeout (the condition is what is tested, not the time).</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until an asynchronous condition holds (a question to a scheduler, say), as <see cref="Until(Func{bool}, string)"/> does.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file still open on a slow machine: the temporary folder is the system's to clean.
        }
    }
}
