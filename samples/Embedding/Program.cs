// Embedding: a host product that registers the Fabrikam connector with dependency injection, on its own user
// directory (a custom IIdentityRepository) and its own approval workflows (a custom IWorkflowLauncher).
// Usage: dotnet run --project samples/Embedding -- samples/fabrikam/connector.json
// With HRCONNECTOR_WEBHOOK=https://chat.example/hooks/... the status of each run is posted there (WebhookJobObserver).
using Embedding;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using HrConnector;

var path = Path.GetFullPath(args.Length > 0 ? args[0] : "samples/fabrikam/connector.json");
var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();

var services = new ServiceCollection();
services.AddHrConnector("fabrikam", options =>
{
    ConnectorConfiguration.Bind(configuration, options);               // strict: a misspelt key is an error
    options.BaseDirectory = Path.GetDirectoryName(path);
    options.Provisioning!.Target = ProvisioningTarget.Workflows;       // this host provisions through its workflows
});
services.AddHrConnectorInMemoryDefaults();                           // a sample: the store and the journal live in memory
services.AddSingleton<UserDirectory>();
services.AddSingleton<IIdentityRepository, DirectoryIdentityRepository>();
services.AddSingleton<ApprovalWorkflowLauncher>();
services.AddSingleton<IWorkflowLauncher>(provider => provider.GetRequiredService<ApprovalWorkflowLauncher>());
if (Environment.GetEnvironmentVariable("HRCONNECTOR_WEBHOOK") is { Length: > 0 } webhook)
{
    services.AddHttpClient(WebhookJobObserver.HttpClientName, client => client.BaseAddress = new Uri(webhook));
    services.AddSingleton<IJobObserver, WebhookJobObserver>();       // beside the default logging observer
}

await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("fabrikam");
var first = await job.RunAsync(JobRequest.Apply);
var approvals = provider.GetRequiredService<ApprovalWorkflowLauncher>();
Console.WriteLine($"Run 1: {first.Status}, {first.Provisioning!.Transmitted} onboardings waiting for approval");

foreach (var order in approvals.AwaitingApproval.Where(o => o.ResourceKey != "F0024").OrderBy(o => o.ResourceKey, StringComparer.Ordinal).ToList())
{
    await approvals.ApproveAsync(order.Id);                          // F0024's manager is on holiday
}

var second = await job.RunAsync(JobRequest.Apply);                   // same files: the workflows are followed up
var managersSet = second.Orders.Count(o => o.Reason == OrderReason.ReferenceResolved);   // each Manager, now that the manager's user exists
Console.WriteLine($"Run 2: {second.Status}, {second.Provisioning!.Executed - managersSet} onboardings completed, {second.Provisioning.Transmitted} still waiting, {managersSet} managers set");

var directory = provider.GetRequiredService<UserDirectory>();
foreach (var user in directory.Users.OrderBy(u => u.Id).Take(3))
{
    Console.WriteLine($"  user {user.Id}: {user.GivenName} {user.Surname} <{user.Email}>, {user.JobTitle}, team {user.Team}");
}

Console.WriteLine($"  … {directory.Users.Count} users in the directory");
return second.Provisioning.Executed - managersSet == directory.Users.Count && second.Provisioning.Transmitted == 1 ? 0 : 1;
