using System.Text;
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
using Microsoft.Extensions.Time.Testing;

namespace HrConnector.Tests.DependencyInjection;

/// <summary>AddHrConnector against a real ServiceCollection: named connectors, default infrastructure, start-up validation.</summary>
public class HrConnectorServiceCollectionExtensionsTests
{
    private static ServiceCollection Services(params (string Name, ConnectorOptions Options)[] connectors)
    {
        var services = new ServiceCollection();
        foreach (var (name, options) in connectors)
        {
            services.AddHrConnector(name, o => JobTestKit.CopyTo(options, o));
        }

        return services;
    }

    private static IConfiguration Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    // A JSON stream has no folder: the section sets an absolute BaseDirectory (relative paths would fail validation).
    private static string ConfigurationOf(string identifier, string extra = "") => $$"""
        { "HrConnector": {
            "Identifier": "{{identifier}}",
            "BaseDirectory": {{JsonSerializer.Serialize(Path.GetTempPath())}},
            {{extra}}
            "Thresholds": { "MaxInserted": 0, "MaxUpdated": 0, "MaxDeleted": 0, "MaxInsertedPercent": 0, "MaxUpdatedPercent": 0, "MaxDeletedPercent": 0 },
            "EntityTypes": [ { "Identifier": "Person", "Properties": [ { "Identifier": "FirstName" }, { "Identifier": "LastName", "IsRequired": true } ] } ],
            "Connections": [ { "Identifier": "people", "Path": "people.csv" } ],
            "Mappings": [ { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [
              { "Property": "FirstName", "Column": "FirstName" }, { "Property": "LastName", "Column": "LastName" } ] } ],
            "Provisioning": { "EntityType": "Person", "Properties": [ { "Identity": "LastName", "Policy": "Authoritative" } ] }
        } }
        """;

    private static JobRequest PeopleOnly(Connector connector, string people = "Id,FirstName,LastName\nE1,Ann,Lee\nE2,Bob,Ray\n")
        => new() { Snapshot = [connector.MapText("Person", people)] };

    [Fact]
    public void AddHrConnector_NamedConnectors_AreListedInRegistrationOrder()
    {
        using var provider = Services(("HR", JobTestKit.PeopleOptions("Hr")), ("Payroll", JobTestKit.PeopleOptions("Payroll"))).BuildServiceProvider();

        var factory = provider.GetRequiredService<ISynchronizationJobFactory>();

        Assert.Equal(["HR", "Payroll"], factory.Names);
    }

    [Fact]
    public void Create_RegisteredName_ReturnsAJobOfThatConnector()
    {
        var hr = JobTestKit.PeopleOptions("Hr");
        var payroll = JobTestKit.PeopleOptions("Payroll");
        using var provider = Services(("HR", hr), ("Payroll", payroll)).BuildServiceProvider();
        var factory = provider.GetRequiredService<ISynchronizationJobFactory>();

        Assert.Equal(hr.Identifier, factory.Create("HR").Connector.Identifier);
        Assert.Equal(payroll.Identifier, factory.Create("Payroll").Connector.Identifier);
    }

    [Fact]
    public void Create_SameNameTwice_NewJobsOnTheConnectorBuiltOnce()
    {
        using var provider = Services(("HR", JobTestKit.PeopleOptions("Hr"))).BuildServiceProvider();
        var factory = provider.GetRequiredService<ISynchronizationJobFactory>();

        var first = factory.Create("HR");
        var second = factory.Create("HR");

        Assert.NotSame(first, second);
        Assert.Same(first.Connector, second.Connector);
    }

    [Fact]
    public void Create_UnknownName_ThrowsArgumentExceptionListingTheRegisteredNames()
    {
        using var provider = Services(("HR", JobTestKit.PeopleOptions("Hr")), ("Payroll", JobTestKit.PeopleOptions("Payroll"))).BuildServiceProvider();

        var exception = Assert.Throws<ArgumentException>("name", () => provider.GetRequiredService<ISynchronizationJobFactory>().Create("Finance"));

        Assert.Equal("No connector is registered with the name 'Finance'; registered: HR, Payroll. (Parameter 'name')", exception.Message);
    }

    [Fact]
    public async Task AddHrConnector_FromConfiguration_BindsTheSectionAndRuns()
    {
        var identifier = JobTestKit.UniqueIdentifier("Configured");
        var services = new ServiceCollection();
        services.AddHrConnector("HR", Json(ConfigurationOf(identifier)).GetSection("HrConnector"));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");
        var result = await job.RunAsync(PeopleOnly(job.Connector));

        Assert.Equal(identifier, job.Connector.Identifier);
        Assert.Equal(ProvisioningTarget.Repository, job.Connector.Provisioning!.Target);
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, result.Provisioning!.Executed);
        Assert.Equal(2, ((InMemoryIdentityRepository)provider.GetRequiredService<IIdentityRepository>()).Count);
    }

    [Fact]
    public void AddHrConnector_ReturnsTheServicesForChaining()
    {
        var services = new ServiceCollection();

        Assert.Same(services, services.AddHrConnector("A", _ => { }));
        Assert.Same(services, services.AddHrConnector("B", Json(ConfigurationOf("B")).GetSection("HrConnector")));
        Assert.Same(services, services.AddHrConnectorInfrastructure());
    }

    [Theory]
    [InlineData("HR")]
    [InlineData("hr")]
    public void AddHrConnector_SameNameTwice_ThrowsArgumentException(string second)
    {
        var services = new ServiceCollection();
        services.AddHrConnector("HR", _ => { });

        var exception = Assert.Throws<ArgumentException>("name", () => services.AddHrConnector(second, _ => { }));

        Assert.Equal($"A connector named '{second}' is registered already. (Parameter 'name')", exception.Message);
    }

    [Fact]
    public void AddHrConnector_SameNameTwiceFromConfiguration_ThrowsArgumentException()
    {
        var services = new ServiceCollection();
        services.AddHrConnector("HR", Json(ConfigurationOf("A")).GetSection("HrConnector"));

        Assert.Throws<ArgumentException>("name", () => services.AddHrConnector("HR", Json(ConfigurationOf("B")).GetSection("HrConnector")));
    }

    [Fact]
    public void AddHrConnector_InvalidArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>("services", () => HrConnectorServiceCollectionExtensions.AddHrConnector(null!, "HR", _ => { }));
        Assert.Throws<ArgumentException>("name", () => services.AddHrConnector(" ", _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => services.AddHrConnector("HR", (Action<ConnectorOptions>)null!));
        Assert.Throws<ArgumentNullException>("configuration", () => services.AddHrConnector("HR", (IConfiguration)null!));
        Assert.Empty(services);
    }

    [Fact]
    public void AddHrConnector_Defaults_AreTheInMemoryImplementations()
    {
        using var provider = Services(("HR", JobTestKit.PeopleOptions("Hr"))).BuildServiceProvider();

        Assert.IsType<InMemoryResourceStore>(provider.GetRequiredService<IResourceStore>());
        Assert.IsType<InMemoryIdentityRepository>(provider.GetRequiredService<IIdentityRepository>());
        Assert.IsType<InMemoryProvisioningJournal>(provider.GetRequiredService<IProvisioningJournal>());
        Assert.IsType<RepositoryWorkflowLauncher>(provider.GetRequiredService<IWorkflowLauncher>());
        Assert.Same(InMemoryConnectorRunLock.Shared, provider.GetRequiredService<IConnectorRunLock>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<IIdentityRepository>(), provider.GetRequiredService<IIdentityRepository>());
        Assert.Same(provider.GetRequiredService<ISynchronizationJobFactory>(), provider.GetRequiredService<ISynchronizationJobFactory>());
    }

    [Fact]
    public void AddHrConnector_SeveralConnectors_RegisterTheInfrastructureAndTheValidatorOnce()
    {
        var services = Services(("HR", JobTestKit.PeopleOptions("Hr")), ("Payroll", JobTestKit.PeopleOptions("Payroll")));
        services.AddHrConnectorInfrastructure();

        foreach (var type in new[] { typeof(IResourceStore), typeof(IIdentityRepository), typeof(IProvisioningJournal), typeof(IWorkflowLauncher), typeof(IConnectorRunLock), typeof(TimeProvider), typeof(ISynchronizationJobFactory), typeof(IValidateOptions<ConnectorOptions>) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddHrConnector_HostInfrastructureRegisteredBeforeOrAfter_Wins(bool before)
    {
        var options = JobTestKit.PeopleOptions("Host");
        var store = new InMemoryResourceStore();
        var repository = new InMemoryIdentityRepository();
        var journal = new InMemoryProvisioningJournal();
        var runLock = new InMemoryConnectorRunLock();
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var services = new ServiceCollection();
        if (!before)
        {
            services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        }

        services.AddSingleton<IResourceStore>(store);
        services.AddSingleton<IIdentityRepository>(repository);
        services.AddSingleton<IProvisioningJournal>(journal);
        services.AddSingleton<IConnectorRunLock>(runLock);
        services.AddSingleton<TimeProvider>(clock);
        if (before)
        {
            services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        }

        await using var provider = services.BuildServiceProvider();
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");
        await using (var held = await runLock.TryAcquireAsync(options.Identifier))
        {
            await Assert.ThrowsAsync<ConnectorBusyException>(() => job.RunAsync(JobTestKit.Request(job.Connector, SyncTestKit.PeopleRange(1, 2))));
        }

        var result = await job.RunAsync(JobTestKit.Request(job.Connector, SyncTestKit.PeopleRange(1, 2)));

        Assert.Equal(clock.GetUtcNow(), result.StartedAt);
        Assert.Equal(result.RunId, await store.GetLastRunIdAsync(options.Identifier));
        Assert.Equal(2, repository.Count);
        Assert.Equal(2, journal.GetEntries(options.Identifier).Count);
        Assert.IsType<RepositoryWorkflowLauncher>(provider.GetRequiredService<IWorkflowLauncher>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddHrConnector_HostWorkflowLauncherRegisteredBeforeOrAfter_Wins(bool before)
    {
        var options = JobTestKit.PeopleOptions("Workflows", configure: p => p.Target = ProvisioningTarget.Workflows);
        var launcher = new RecordingLauncher();
        var services = new ServiceCollection();
        services.AddHrConnectorInMemoryDefaults();      // a host launcher on the in-memory store and journal: meant here
        if (before)
        {
            services.AddSingleton<IWorkflowLauncher>(launcher);
        }

        services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        if (!before)
        {
            services.AddSingleton<IWorkflowLauncher>(launcher);
        }

        await using var provider = services.BuildServiceProvider();
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");

        var result = await job.RunAsync(JobTestKit.Request(job.Connector, SyncTestKit.PeopleRange(1, 2)));

        Assert.Same(launcher, provider.GetRequiredService<IWorkflowLauncher>());
        Assert.Equal(["HR_Onboarding", "HR_Onboarding"], launcher.Started.Select(o => o.Workflow));
        Assert.Equal(2, result.Provisioning!.Transmitted);
    }

    [Fact]
    public async Task AddHrConnector_DefaultWorkflowLauncher_WritesToTheHostRepository()
    {
        var options = JobTestKit.PeopleOptions("WorkflowsDefault", configure: p => p.Target = ProvisioningTarget.Workflows);
        var repository = new InMemoryIdentityRepository();
        var services = new ServiceCollection();
        services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        services.AddSingleton<IIdentityRepository>(repository);
        await using var provider = services.BuildServiceProvider();
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR");

        var result = await job.RunAsync(JobTestKit.Request(job.Connector, SyncTestKit.PeopleRange(1, 2)));

        Assert.Equal(2, result.Provisioning!.Executed);
        Assert.Equal(2, repository.Count);
    }

    [Fact]
    public void ValidateOnStart_ValidConnectors_DoesNotThrow()
    {
        var services = Services(("HR", JobTestKit.PeopleOptions("Hr")));
        services.AddHrConnector("Configured", Json(ConfigurationOf("Configured")).GetSection("HrConnector"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void ValidateOnStart_InvalidConnector_ThrowsOptionsValidationExceptionNamingTheProblems()
    {
        var invalid = JobTestKit.PeopleOptions("Invalid", configure: p => { p.MaxErrors = -1; p.Lifecycle.StartDateProperty = "FirstName"; });
        using var provider = Services(("HR", JobTestKit.PeopleOptions("Hr")), ("Broken", invalid)).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("Broken", exception.OptionsName);
        Assert.Equal(typeof(ConnectorOptions), exception.OptionsType);
        Assert.Equal(
            [
                "Provisioning.Lifecycle.StartDateProperty names 'FirstName', which is not a single-valued Date or DateTime property.",
                "Provisioning has MaxErrors -1; it must be 0 (no limit) or more.",
            ],
            exception.Failures);
    }

    [Fact]
    public void ValidateOnStart_TwoInvalidConnectors_ThrowsAnAggregateOfBoth()
    {
        var first = JobTestKit.PeopleOptions("First", configure: p => p.MaxErrors = -1);
        var second = JobTestKit.PeopleOptions("Second", configure: p => p.Retry.MaxAttempts = 0);
        using var provider = Services(("First", first), ("Second", second)).BuildServiceProvider();

        var exception = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [("First", "Provisioning has MaxErrors -1; it must be 0 (no limit) or more."), ("Second", "Provisioning.Retry has MaxAttempts 0; it must be 1 or more.")],
            exception.InnerExceptions.Cast<OptionsValidationException>().Select(e => (e.OptionsName, Assert.Single(e.Failures))).OrderBy(f => f.OptionsName, StringComparer.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_InvalidModelFromConfiguration_ThrowsOptionsValidationException()
    {
        var services = new ServiceCollection();
        services.AddHrConnector("HR", Json(ConfigurationOf("HR", "\"DisplayName\": \"Human resources\",")).GetSection("HrConnector"));
        services.AddHrConnector("Bad", Json(ConfigurationOf("Bad").Replace("\"Identity\": \"LastName\"", "\"Identity\": \"Phone\"", StringComparison.Ordinal)).GetSection("HrConnector"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("Bad", exception.OptionsName);
        Assert.Equal(["Provisioning.Properties[0] ('Phone') names the HR property 'Phone', which the entity type 'Person' does not declare."], exception.Failures);
    }

    [Fact]
    public void ValidateOnStart_UnknownKeyInConfiguration_ThrowsConnectorValidationExceptionNamingTheSetting()
    {
        var services = new ServiceCollection();
        var json = ConfigurationOf("Misspelt").Replace("\"EntityType\": \"Person\", \"Properties\"", "\"EntityType\": \"Person\", \"MaxErrorz\": 3, \"Properties\"", StringComparison.Ordinal);
        services.AddHrConnector("HR", Json(json).GetSection("HrConnector"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("Misspelt", exception.Connector);
        Assert.StartsWith("The setting 'HrConnector:Provisioning:MaxErrorz' is unknown; check its spelling (settings of ProvisioningOptions: ", Assert.Single(exception.Errors), StringComparison.Ordinal);
        Assert.Contains("HrConnector:Provisioning:MaxErrorz", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHrConnector_InvalidConfiguration_IsReadWhenTheHostStartsNotWhenRegistering()
    {
        var services = new ServiceCollection();
        var json = ConfigurationOf("Lazy").Replace("\"Identifier\": \"Lazy\",", "\"Identifer\": \"Lazy\",", StringComparison.Ordinal);

        services.AddHrConnector("HR", Json(json).GetSection("HrConnector"));
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("(no identifier)", exception.Connector);
        Assert.StartsWith("The setting 'HrConnector:Identifer' is unknown; check its spelling (settings of ConnectorOptions: ", Assert.Single(exception.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void AddHrConnectorInfrastructure_Alone_ResolvesAFactoryWithNoConnector()
    {
        using var provider = new ServiceCollection().AddHrConnectorInfrastructure().BuildServiceProvider();

        var factory = provider.GetRequiredService<ISynchronizationJobFactory>();

        Assert.Empty(factory.Names);
        Assert.Throws<ArgumentException>("name", () => factory.Create("HR"));
    }

    /// <summary>A workflow engine that records the orders it is asked to start and keeps them running.</summary>
    private sealed class RecordingLauncher : IWorkflowLauncher
    {
        public List<ProvisioningOrder> Started { get; } = [];

        public Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
        {
            lock (Started)
            {
                Started.Add(order);
            }

            return Task.FromResult("wf-" + order.Id);
        }

        public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

        public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default) => Task.FromResult(new WorkflowStatus(WorkflowState.Running));
    }
}
