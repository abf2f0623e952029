using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Sqlite;
using HrConnector.Synchronization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite default of HrConnector.Core.</summary>
public static class HrConnectorSqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SqliteDatabase"/> on a file (opened when first resolved, disposed with the service
    /// provider) and, from it, <see cref="IResourceStore"/>, <see cref="IIdentityRepository"/>,
    /// <see cref="IProvisioningJournal"/>, <see cref="IJobHistory"/> and <see cref="IConnectorRunLock"/>. They replace the
    /// in-memory defaults of <c>AddHrConnector</c>, whether it is called before or after this method.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="path">The path of the database file; created when it does not exist.</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    public static IServiceCollection AddHrConnectorSqlite(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.RemoveAll<SqliteDatabase>();

        // Created by a factory, so that the provider owns it and disposes it.
        services.AddSingleton(_ => SqliteDatabase.Open(path));
        Replace(services, provider => provider.GetRequiredService<SqliteDatabase>().ResourceStore);
        Replace(services, provider => provider.GetRequiredService<SqliteDatabase>().IdentityRepository);
        Replace(services, provider => provider.GetRequiredService<SqliteDatabase>().Journal);
        Replace(services, provider => provider.GetRequiredService<SqliteDatabase>().History);
        Replace(services, provider => provider.GetRequiredService<SqliteDatabase>().RunLock);
        return services;
    }

    private static void Replace<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        services.RemoveAll<TService>();
        services.AddSingleton(factory);
    }
}
