// A host product that runs an HR connector declared in its appsettings.json ("HrConnector" section) on its own
// identity repository and its own workflows.
// dotnet add package HrConnector.Core
// dotnet add package HrConnector.Sqlite
// dotnet add package Microsoft.Extensions.DependencyInjection
using HrConnector;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MyProduct;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json")
    .Build();

var services = new ServiceCollection();
services.AddHrConnector("hr", configuration.GetSection("HrConnector"));   // strict binding: a misspelt key is an error
services.AddHrConnectorSqlite(Path.Combine(AppContext.BaseDirectory, "hrconnector.db"));   // the store, the journal, the history
services.AddSingleton<IIdentityRepository, MyIdentityRepository>();      // replaces the SQLite identity repository
services.AddSingleton<IWorkflowLauncher, MyWorkflowLauncher>();
await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

// In a scheduled job: one run of the connector.
var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr");
var result = await job.RunAsync(JobRequest.Apply, progress: null, CancellationToken.None);
Console.WriteLine($"{result.Status}: {result.Provisioning?.Executed ?? 0} orders executed, {result.Rejects.Count} rejects");
return result.Status is JobStatus.Succeeded or JobStatus.SucceededWithWarnings ? 0 : 1;
