using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Modeling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HrConnector.Sqlite.Tests;

public sealed class HrConnectorSqliteServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddHrConnectorSqlite_BeforeOrAfterTheDefaults_ReplacesThemAll(bool sqliteFirst)
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection();
        if (sqliteFirst)
        {
            services.AddHrConnectorSqlite(folder.File("hr.db")).AddHrConnectorInfrastructure();
        }
        else
        {
            services.AddHrConnectorInfrastructure().AddHrConnectorSqlite(folder.File("hr.db"));
        }

        SqliteDatabase database;
        await using (var provider = services.BuildServiceProvider(validateScopes: true))
        {
            database = provider.GetRequiredService<SqliteDatabase>();
            Assert.Equal(folder.File("hr.db"), database.Path);
            Assert.Same(database.ResourceStore, provider.GetRequiredService<IResourceStore>());
            Assert.Same(database.IdentityRepository, provider.GetRequiredService<IIdentityRepository>());
            Assert.Same(database.Journal, provider.GetRequiredService<IProvisioningJournal>());
            Assert.Same(database.History, provider.GetRequiredService<IJobHistory>());
            Assert.Same(database.RunLock, provider.GetRequiredService<IConnectorRunLock>());
            Assert.Single(services, d => d.ServiceType == typeof(IResourceStore));
            Assert.Single(services, d => d.ServiceType == typeof(IConnectorRunLock));

            // The launcher of Core's defaults writes to the SQLite repository.
            Assert.IsType<RepositoryWorkflowLauncher>(provider.GetRequiredService<IWorkflowLauncher>());
        }

        // Disposed with the provider.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.ResourceStore.GetLastRunIdAsync("HR").AsTask());
    }

    [Fact]
    public void AddHrConnectorSqlite_Twice_TheLastPathWins()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection().AddHrConnectorSqlite(folder.File("a.db")).AddHrConnectorSqlite(folder.File("b.db"));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(folder.File("b.db"), provider.GetRequiredService<SqliteDatabase>().Path);
        Assert.Single(services, d => d.ServiceType == typeof(IIdentityRepository));
    }

    [Theory]
    [Trait("Category", "Hosting")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddHrConnectorSqlite_WithTheHostsRepository_PassesTheStartValidationAndRuns(bool hostRepository)
    {
        using var folder = new TempFolder();
        var options = new ConnectorOptions { Identifier = "Hosted_" + Guid.NewGuid().ToString("N") };
        var services = new ServiceCollection();
        services.AddHrConnector("hr", o =>
        {
            o.Identifier = options.Identifier;
            o.EntityTypes.Add(new EntityTypeOptions { Identifier = "Person", Properties = { new ScalarPropertyOptions { Identifier = "LastName" } } });
            o.Connections.Add(new HrConnector.Csv.CsvConnectionOptions { Identifier = "people", Path = "people.csv" });
            o.Mappings.Add(new HrConnector.Mapping.EntityTypeMappingOptions { EntityType = "Person", Connection = "people", KeyColumn = "Id", Properties = { new HrConnector.Mapping.PropertyMappingOptions { Property = "LastName", Column = "LastName" } } });
            o.Provisioning = new ProvisioningOptions { EntityType = "Person", Properties = { new IdentityPropertyOptions { Identity = "LastName" } } };
            o.BaseDirectory = folder.Path;
        });
        services.AddHrConnectorSqlite(folder.File("hr.db"));
        var repository = new InMemoryIdentityRepository();
        if (hostRepository)
        {
            // The host's own repository beside the SQLite store and journal: persistent, so the host starts.
            services.AddSingleton<IIdentityRepository>(new HostRepository(repository));
        }

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        File.WriteAllText(folder.File("people.csv"), "Id,LastName\nE1,Lee\nE2,Ray\n");
        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr");

        var result = await job.RunAsync(new JobRequest { Mode = SynchronizationMode.Initial });

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(hostRepository ? 2 : 0, repository.Count);
        Assert.IsType<SqliteResourceStore>(provider.GetRequiredService<IResourceStore>());
    }

    /// <summary>A host's repository: another type than the in-memory one.</summary>
    private sealed class HostRepository(InMemoryIdentityRepository inner) : IIdentityRepository
    {
        public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default) => inner.FindAsync(query, cancellationToken);

        public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => inner.CreateAsync(properties, operationId, cancellationToken);

        public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default) => inner.UpdateAsync(id, properties, operationId, cancellationToken);

        public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default) => inner.SetStateAsync(id, state, operationId, cancellationToken);

        public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, operationId, cancellationToken);
    }
}
