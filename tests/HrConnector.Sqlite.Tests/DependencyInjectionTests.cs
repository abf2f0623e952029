using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.DependencyInjection;

namespace HrConnector.Sqlite.Tests;

public sealed class DependencyInjectionTests
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
}
