// Quick start: read the HR files of a connector declared in JSON, print what the library understood, then run the
// synchronization job once on the in-memory defaults and print the identities it provisioned.
// Usage: dotnet run --project samples/QuickStart -- samples/QuickStart/connector.json
using HrConnector;
using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;

var path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "connector.json");
try
{
    // Configuration declares the data; code adds what configuration cannot say, such as a computed display name.
    var options = ConnectorConfiguration.ReadJsonFile(path);
    options.Mappings.Single(m => m.EntityType == "Person").Properties.Add(new PropertyMappingOptions
    {
        Property = "DisplayName",
        Compute = row => $"{row.Get<string>("FirstName")} {row.Get<string>("LastName")}".Trim(),
    });
    var connector = Connector.Create(options);

    Console.WriteLine($"Connector {connector.Identifier}: {string.Join(", ", connector.EntityTypes.Select(e => e.Identifier))}");
    foreach (var result in connector.ReadAll())
    {
        Console.WriteLine();
        Console.WriteLine($"{result.EntityType.Identifier} ← {Path.GetFileName(result.File)}: {result.RowCount} rows, {result.Resources.Count} resources, {result.RejectedRowCount} rejected");
        foreach (var resource in result.Resources.Take(4))
        {
            var values = resource.ToDictionary()
                .Where(p => p.Value is not null && !resource.EntityType.GetProperty(p.Key).IsSensitive)
                .Select(p => $"{p.Key}={Format(p.Value)}");
            Console.WriteLine($"  {resource.Key} (line {resource.Line}): {string.Join(", ", values)}");
        }

        foreach (var reject in result.Rejects)
        {
            Console.WriteLine($"  reject {reject.Reason}: {reject.Message}");
        }
    }

    // The whole pipeline: read, plan, thresholds, commit, provision. Every dependency left out is in memory.
    var repository = new HrConnector.Provisioning.InMemoryIdentityRepository();
    var job = new SynchronizationJob(connector, repository: repository);
    var run = await job.RunAsync(JobRequest.Apply);
    Console.WriteLine();
    Console.WriteLine($"Synchronization job: {run.Status}");
    foreach (var counts in run.EntityTypes)
    {
        Console.WriteLine($"  {counts.EntityType}: {counts.Inserted} inserted, {counts.Updated} updated, {counts.Deleted} deleted, {counts.Unchanged} unchanged, {counts.Rejected} rejected");
    }

    var provisioning = run.Provisioning!;
    Console.WriteLine($"  Provisioning: {provisioning.Orders.Values.Sum()} orders, {provisioning.Executed} executed, {provisioning.Errored} failed; {repository.Count} identities");
    await foreach (var identity in repository.ListAsync())
    {
        Console.WriteLine($"  {identity.Id}: {string.Join(", ", identity.Properties.Where(p => p.Value is not null).Select(p => $"{p.Key}={Format(p.Value)}"))}");
    }

    return 0;
}
catch (HrConnectorException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

static string Format(object? value) => value switch
{
    IEnumerable<object> many => "[" + string.Join("|", many) + "]",
    DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
    _ => value?.ToString() ?? string.Empty,
};
