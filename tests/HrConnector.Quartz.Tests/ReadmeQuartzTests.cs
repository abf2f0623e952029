using System.Text;
using System.Text.Json.Nodes;
using HrConnector.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace HrConnector.Quartz.Tests;

/// <summary>The code of README.md's "Run on a schedule with Quartz.NET", run as written.</summary>
[Trait("Category", "Hosting")]
public sealed class ReadmeQuartzTests : IDisposable
{
    private readonly QuickStartHost _sample = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _sample.Dispose();
    }

    [Fact]
    public async Task RunOnASchedule_AsWritten()
    {
        string[] args = [];
        var databasePath = Path.Combine(_sample.Folder, "hr.db");

        // README, as written (the connector's section comes from the test, with the README's Schedule).
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddJsonStream(ConnectorSection());
        builder.Services.AddHrConnector("hr", builder.Configuration.GetSection("HrConnector"));  // the connectors first
        builder.Services.AddHrConnectorSqlite(databasePath);                                      // a cross-process run lock
        builder.Services.AddHrConnectorQuartz(quartz =>
        {
            // the scheduler's own settings go here (job store, clustering, thread pool, the host's other jobs):
            // AddHrConnectorQuartz calls AddQuartz, do not call it a second time
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        using var host = builder.Build();
        await host.StartAsync();

        // by hand, outside the schedule (after a Blocked run was reviewed, say):
        var scheduler = host.Services.GetRequiredService<IHrConnectorScheduler>();
        await scheduler.TriggerNowAsync("hr");
        DateTimeOffset? next = await scheduler.GetNextRunAsync("hr");

        Assert.NotNull(next);
        Assert.Equal(new TimeSpan(2, 0, 0), TimeZoneInfo.ConvertTime(next.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).TimeOfDay);
        var history = host.Services.GetRequiredService<IJobHistory>();
        var runs = new List<JobResult>();
        await QuickStartHost.Until(
            () =>
            {
                runs = history.ListAsync("Contoso_HR").ToBlockingEnumerable().ToList();
                return runs.Count == 1;
            },
            "the run triggered by hand is in the SQLite history");
        await host.StopAsync();
        Assert.NotEqual(JobStatus.Failed, runs[0].Status);
    }

    /// <summary>README: the clustered store of "Several nodes", as written; <see cref="QuartzClusterTests"/> runs two nodes on it.</summary>
    internal static void SeveralNodes(IQuartzBuilder quartz, string connectionString)
    {
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);  // with a reference to Npgsql; UseSqlServer, UseMySql… alike
            store.UseClustering();                // every node gets an instance id of its own
            store.ProvisionSchema();              // creates Quartz's tables if they are missing
        });
    }

    /// <summary>The QuickStart connector under HrConnector, with the README's Schedule and the test folder as BaseDirectory.</summary>
    private MemoryStream ConnectorSection()
    {
        var connector = JsonNode.Parse(File.ReadAllText(Path.Combine(_sample.Folder, "connector.json")))!.AsObject();
        connector["BaseDirectory"] = _sample.Folder;
        connector["Schedule"] = JsonNode.Parse("""{ "Cron": "0 0 2 * * ?", "TimeZone": "Europe/Paris" }""");
        var root = new JsonObject { ["HrConnector"] = connector };
        return new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
    }
}
