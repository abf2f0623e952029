using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HrConnector;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HR connectors and the infrastructure they run on.</summary>
public static class HrConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers a named connector declared in configuration (the shape of <see cref="ConnectorOptions"/>, bound
    /// strictly: an unknown or misspelt setting is an error), validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The name the connector is resolved by (<see cref="ISynchronizationJobFactory.Create"/>).</param>
    /// <param name="configuration">The configuration section of the connector.</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    public static IServiceCollection AddHrConnector(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddHrConnector(name, options => ConnectorConfiguration.Bind(configuration, options));
    }

    /// <summary>Registers a named connector declared in code, validated when the host starts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The name the connector is resolved by (<see cref="ISynchronizationJobFactory.Create"/>).</param>
    /// <param name="configure">Fills the options (<see cref="ConnectorBuilder"/> gives a fluent way).</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    /// <exception cref="ArgumentException">A connector of this name is registered already.</exception>
    public static IServiceCollection AddHrConnector(this IServiceCollection services, string name, Action<ConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(HrConnectorRegistration) && d.ImplementationInstance is HrConnectorRegistration r && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A connector named '{name}' is registered already.", nameof(name));
        }

        services.AddSingleton(new HrConnectorRegistration(name));
        services.AddOptions<ConnectorOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        services.AddHrConnectorInfrastructure();
        return services;
    }

    /// <summary>
    /// Adds the infrastructure connectors run on, each with its in-memory default unless the host registered its own
    /// (before or after this call: the defaults are added with TryAdd): <see cref="IResourceStore"/>,
    /// <see cref="IIdentityRepository"/>, <see cref="IWorkflowLauncher"/>, <see cref="IProvisioningJournal"/>,
    /// <see cref="IConnectorRunLock"/>, <see cref="IJobHistory"/>, <see cref="TimeProvider"/> and <see cref="ISynchronizationJobFactory"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    public static IServiceCollection AddHrConnectorInfrastructure(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton<IResourceStore, InMemoryResourceStore>();
        services.TryAddSingleton<IIdentityRepository, InMemoryIdentityRepository>();
        services.TryAddSingleton<IProvisioningJournal, InMemoryProvisioningJournal>();
        services.TryAddSingleton<IWorkflowLauncher>(provider => new RepositoryWorkflowLauncher(provider.GetRequiredService<IIdentityRepository>()));
        services.TryAddSingleton<IConnectorRunLock>(InMemoryConnectorRunLock.Shared);
        services.TryAddSingleton<IJobHistory, InMemoryJobHistory>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISynchronizationJobFactory, SynchronizationJobFactory>();
        return services;
    }
}
