using System.Text.Json;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Jobs;
using HrConnector.Tests.Synchronization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace HrConnector.Tests.DependencyInjection;

/// <summary>
/// AddHrConnector in a host: the in-memory store or journal under a host repository or launcher fails at start unless
/// AddHrConnectorInMemoryDefaults says it is meant; relative paths of a configuration section resolve against its file,
/// never against the working directory.
/// </summary>
[Collection(SharedRunLock.Name)]
[Trait("Category", "Hosting")]
public sealed class HrConnectorServiceCollectionExtensionsSafeRegistrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hrconnector-hosting-" + Guid.NewGuid().ToString("N"));

    public HrConnectorServiceCollectionExtensionsSafeRegistrationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceCollection Services(ConnectorOptions options)
    {
        var services = new ServiceCollection();
        services.AddHrConnector("hr", o => JobTestKit.CopyTo(options, o));
        return services;
    }

    private static OptionsValidationException StartFails(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal("hr", exception.OptionsName);
        return exception;
    }

    private static void Starts(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HostRepository_OnTheInMemoryStoreAndJournal_FailsAtStartSayingWhatToRegister(bool before)
    {
        var services = new ServiceCollection();
        if (before)
        {
            services.AddSingleton<IIdentityRepository, HostRepository>();
        }

        services.AddHrConnector("hr", o => JobTestKit.CopyTo(JobTestKit.PeopleOptions("HostRepository"), o));
        if (!before)
        {
            services.AddSingleton<IIdentityRepository, HostRepository>();
        }

        var exception = StartFails(services);

        Assert.Equal(
            [
                "HrConnector 'hr': the identity repository is the host's (HostRepository), but the resource store and the provisioning journal are the in-memory defaults: their state is lost at restart, and the next run provisions every HR record again (identities created twice, workflows started again). Register a persistent IResourceStore and IProvisioningJournal (for example services.AddHrConnectorSqlite(path) from HrConnector.Sqlite), or call services.AddHrConnectorInMemoryDefaults() for tests and samples.",
            ],
            exception.Failures);
    }

    [Fact]
    public void HostRepository_OnTheInMemoryDefaults_CreatingTheJobFailsToo()
    {
        var services = Services(JobTestKit.PeopleOptions("HostRepositoryCreate"));
        services.AddSingleton<IIdentityRepository, HostRepository>();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr"));

        Assert.StartsWith("HrConnector 'hr': the identity repository is the host's (HostRepository), but ", Assert.Single(exception.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void HostRepository_PersistentStoreButInMemoryJournal_FailsNamingTheJournal()
    {
        var services = Services(JobTestKit.PeopleOptions("HostRepositoryJournal"));
        services.AddSingleton(Mock.Of<IResourceStore>());
        services.AddSingleton<IIdentityRepository, HostRepository>();

        var failure = Assert.Single(StartFails(services).Failures);

        Assert.StartsWith("HrConnector 'hr': the identity repository is the host's (HostRepository), but the provisioning journal is the in-memory default: its links are lost at restart", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void HostRepository_PersistentJournalButInMemoryStore_FailsNamingTheStore()
    {
        var services = Services(JobTestKit.PeopleOptions("HostRepositoryStore"));
        services.AddSingleton(Mock.Of<IProvisioningJournal>());
        services.AddSingleton<IIdentityRepository, HostRepository>();

        var failure = Assert.Single(StartFails(services).Failures);

        Assert.StartsWith("HrConnector 'hr': the identity repository is the host's (HostRepository), but the resource store is the in-memory default: its state is lost at restart", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void HostWorkflowLauncher_OnTheInMemoryDefaults_FailsAtStart()
    {
        var services = Services(JobTestKit.PeopleOptions("HostLauncher", configure: p => p.Target = ProvisioningTarget.Workflows));
        services.AddSingleton(Mock.Of<IWorkflowLauncher>());

        var failure = Assert.Single(StartFails(services).Failures);

        Assert.StartsWith("HrConnector 'hr': the workflow launcher is the host's (", failure, StringComparison.Ordinal);
        Assert.Contains("services.AddHrConnectorInMemoryDefaults()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void HostRepository_OnPersistentStoreAndJournal_Starts()
    {
        var services = Services(JobTestKit.PeopleOptions("HostRepositoryPersistent"));
        services.AddSingleton(Mock.Of<IResourceStore>());
        services.AddSingleton(Mock.Of<IProvisioningJournal>());
        services.AddSingleton<IIdentityRepository, HostRepository>();

        Starts(services);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddHrConnectorInMemoryDefaults_BeforeOrAfter_StartsAndRunsOnTheHostRepository(bool before)
    {
        var options = JobTestKit.PeopleOptions("InMemoryMeant");
        var repository = new HostRepository();
        var services = new ServiceCollection();
        if (before)
        {
            services.AddHrConnectorInMemoryDefaults();
        }

        services.AddHrConnector("hr", o => JobTestKit.CopyTo(options, o));
        services.AddSingleton<IIdentityRepository>(repository);
        if (!before)
        {
            services.AddHrConnectorInMemoryDefaults();
        }

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr");
        var result = await job.RunAsync(JobTestKit.Request(job.Connector, SyncTestKit.PeopleRange(1, 2)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, repository.Count);
        Assert.IsType<InMemoryResourceStore>(provider.GetRequiredService<IResourceStore>());
    }

    [Fact]
    public void AddHrConnectorInMemoryDefaults_RegistersTheInfrastructureOnce()
    {
        var services = new ServiceCollection().AddHrConnectorInMemoryDefaults().AddHrConnectorInMemoryDefaults();

        Assert.Single(services, d => d.ServiceType == typeof(IResourceStore));
        Assert.Single(services, d => d.ServiceType == typeof(IJobObserver));
        Assert.Throws<ArgumentNullException>("services", () => HrConnectorServiceCollectionExtensions.AddHrConnectorInMemoryDefaults(null!));
    }

    [Fact]
    public void AllInMemory_NoHostImplementation_Starts()
        => Starts(Services(JobTestKit.PeopleOptions("AllInMemory")));

    [Fact]
    public void HostRepository_ConnectorThatProvisionsNothing_Starts()
    {
        var services = Services(JobTestKit.PeopleOptions("NoProvisioning", provisioning: false));
        services.AddSingleton<IIdentityRepository, HostRepository>();

        Starts(services);
    }

    [Fact]
    public async Task Section_FromAJsonFile_RelativePathsResolveAgainstItsFolderNotTheWorkingDirectory()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(WriteSettings("appsettings.json", Connector("FromFile"))).Build();
        File.WriteAllText(Path.Combine(_folder, "people.csv"), "Id,FirstName,LastName\nE1,Ann,Lee\nE2,Bob,Ray\n");
        Assert.NotEqual(_folder, Directory.GetCurrentDirectory());
        var services = new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector"));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr");
        var result = await job.RunAsync(new JobRequest { Mode = SynchronizationMode.Initial });

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, result.EntityTypes.Single().Inserted);
        Assert.Equal(_folder, provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("hr").BaseDirectory);
    }

    [Fact]
    public void Section_FromAJsonFileWithARelativeBaseDirectory_ResolvesItAgainstTheFilesFolder()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(WriteSettings("appsettings.json", Connector("RelativeBase", "\"BaseDirectory\": \"data\","))).Build();
        using var provider = new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector")).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(Path.Combine(_folder, "data"), provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("hr").BaseDirectory);
    }

    [Fact]
    public void Section_FromAFileOverriddenByEnvironmentLikeKeys_StillResolvesAgainstTheFile()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(WriteSettings("appsettings.json", Connector("Overridden")))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HrConnector:DisplayName"] = "From the environment" })
            .Build();
        using var provider = new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector")).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("hr");
        Assert.Equal(("From the environment", _folder), (options.DisplayName, options.BaseDirectory));
    }

    [Fact]
    public void Section_OfAHostsConfigurationManager_ResolvesAgainstTheFilesFolder()
    {
        // What HostApplicationBuilder.Configuration is; sources added after AddHrConnector still count.
        using var configuration = new ConfigurationManager();
        var services = new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector"));
        configuration.AddJsonFile(WriteSettings("appsettings.json", Connector("Manager")));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(_folder, provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("hr").BaseDirectory);
    }

    [Fact]
    public void Root_OfAConnectorFile_ResolvesAgainstItsFolder()
    {
        var path = Path.Combine(_folder, "connector.json");
        File.WriteAllText(path, Connector("Root"));
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        using var provider = new ServiceCollection().AddHrConnector("hr", configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(_folder, provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("hr").BaseDirectory);
    }

    [Fact]
    public void Section_FromMemoryWithRelativePathsAndNoBaseDirectory_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Settings(Connector("Stream"))))).Build();
        var services = new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector"));

        var exception = StartFails(services);

        Assert.Equal(
            ["The connection 'people' has the relative path 'people.csv', and the configuration section 'HrConnector' does not come from one configuration file whose folder it could be relative to (it comes from memory, environment variables or a stream). Set BaseDirectory to an absolute folder, or give absolute paths; relative paths are never resolved against the working directory."],
            exception.Failures);
    }

    [Fact]
    public void Section_FromMemoryWithARelativeBaseDirectory_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Keys("\"BaseDirectory\": \"data\",")).Build();

        var failure = Assert.Single(StartFails(new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector"))).Failures);

        Assert.StartsWith("BaseDirectory is the relative path 'data', and the configuration section 'HrConnector' does not come from one configuration file", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_FromMemoryWithAnAbsoluteBaseDirectory_Starts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Keys($"\"BaseDirectory\": {JsonSerializer.Serialize(_folder)},")).Build();
        using var provider = new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector")).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(_folder, provider.GetRequiredService<IOptionsMonitor<ConnectorOptions>>().Get("hr").BaseDirectory);
    }

    [Fact]
    public void Section_SpreadOverFilesOfTwoFolders_FailsAtStart()
    {
        var other = Path.Combine(_folder, "other");
        Directory.CreateDirectory(other);
        var overrides = Path.Combine(other, "overrides.json");
        File.WriteAllText(overrides, """{ "HrConnector": { "DisplayName": "Elsewhere" } }""");
        var configuration = new ConfigurationBuilder().AddJsonFile(WriteSettings("appsettings.json", Connector("TwoFolders"))).AddJsonFile(overrides).Build();

        var failure = Assert.Single(StartFails(new ServiceCollection().AddHrConnector("hr", configuration.GetSection("HrConnector"))).Failures);

        Assert.StartsWith("The connection 'people' has the relative path 'people.csv', and the configuration section 'HrConnector' does not come from one configuration file", failure, StringComparison.Ordinal);
    }

    /// <summary>The keys of the connector as a configuration provider in memory gives them.</summary>
    private static Dictionary<string, string?> Keys(string extra)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Settings(Connector("Memory", extra))));
        return new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable().ToDictionary(p => p.Key, p => p.Value);
    }

    private static string Settings(string connector) => $$"""{ "Logging": { "LogLevel": { "Default": "Information" } }, "HrConnector": {{connector}} }""";

    private string WriteSettings(string name, string connector)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, Settings(connector));
        return path;
    }

    private static string Connector(string prefix, string extra = "") => $$"""
        {
            "Identifier": "{{JobTestKit.UniqueIdentifier(prefix)}}",
            {{extra}}
            "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "FirstName" }, { "Identifier": "LastName", "IsRequired": true } ] } ],
            "Connections": [ { "Identifier": "people", "Path": "people.csv" } ],
            "Mappings": [ { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [
              { "Property": "FirstName", "Column": "FirstName" }, { "Property": "LastName", "Column": "LastName" } ] } ],
            "Provisioning": { "EntityType": "Person", "Properties": [ { "Identity": "LastName", "Policy": "Authoritative" } ] }
        }
        """;

    /// <summary>A host's own identity repository (here in memory, under another type).</summary>
    private sealed class HostRepository : IIdentityRepository
    {
        private readonly InMemoryIdentityRepository _inner = new();

        public int Count => _inner.Count;

        public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> values, string operationId, CancellationToken cancellationToken = default) => _inner.CreateAsync(values, operationId, cancellationToken);

        public Task UpdateAsync(string identityId, IReadOnlyDictionary<string, object?> changes, string operationId, CancellationToken cancellationToken = default) => _inner.UpdateAsync(identityId, changes, operationId, cancellationToken);

        public Task SetStateAsync(string identityId, IdentityState state, string operationId, CancellationToken cancellationToken = default) => _inner.SetStateAsync(identityId, state, operationId, cancellationToken);

        public Task DeleteAsync(string identityId, string operationId, CancellationToken cancellationToken = default) => _inner.DeleteAsync(identityId, operationId, cancellationToken);

        public Task<Identity?> GetAsync(string identityId, CancellationToken cancellationToken = default) => _inner.GetAsync(identityId, cancellationToken);

        public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default) => _inner.FindAsync(query, cancellationToken);

        public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default) => _inner.ListAsync(cancellationToken);
    }
}
