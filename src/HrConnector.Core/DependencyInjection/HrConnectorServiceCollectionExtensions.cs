using System.Diagnostics.Metrics;
using HrConnector.DependencyInjection;
using HrConnector.Diagnostics;
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
    /// <remarks>
    /// Relative paths (of the connections, or a relative BaseDirectory) resolve against the folder of the configuration
    /// file the section comes from (appsettings.json, a connector.json added with <c>AddJsonFile</c>), unless BaseDirectory
    /// is absolute. When no file holds the section (in memory, environment variables, a stream), relative paths fail the
    /// validation: they are never resolved against the working directory, which a service does not choose.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="name">The name the connector is resolved by (<see cref="ISynchronizationJobFactory.Create"/>).</param>
    /// <param name="configuration">The configuration section of the connector.</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    public static IServiceCollection AddHrConnector(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddHrConnector(name, options =>
        {
            ConnectorConfiguration.Bind(configuration, options);
            if (options.BaseDirectory is { } given && Path.IsPathFullyQualified(given))
            {
                return;
            }

            // Read when the options are built: the configuration is complete by then.
            if (ConfigurationFolder.Of(configuration) is { } folder)
            {
                options.BaseDirectory = options.BaseDirectory is null ? folder : Path.GetFullPath(options.BaseDirectory, folder);
            }
            else
            {
                options.UnresolvedConfigurationSection = (configuration as IConfigurationSection)?.Path ?? string.Empty;
            }
        });
    }

    /// <summary>Registers a named connector declared in code, validated when the host starts.</summary>
    /// <remarks>
    /// The validation at start checks the model and, for a connector that provisions, the infrastructure: a host
    /// <see cref="IIdentityRepository"/> or <see cref="IWorkflowLauncher"/> on the in-memory <see cref="IResourceStore"/>
    /// or <see cref="IProvisioningJournal"/> fails, unless <see cref="AddHrConnectorInMemoryDefaults"/> says it is meant.
    /// Relative paths resolve against <see cref="ConnectorOptions.BaseDirectory"/>, which <paramref name="configure"/> sets.
    /// </remarks>
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, HostedConnectorValidator>());
        services.AddHrConnectorInfrastructure();
        return services;
    }

    /// <summary>
    /// Says that the in-memory defaults are meant, for tests and samples: their state is lost when the process ends.
    /// Without this call, a connector that provisions fails validation at start when the host registered its own
    /// <see cref="IIdentityRepository"/> or <see cref="IWorkflowLauncher"/> while the <see cref="IResourceStore"/> or the
    /// <see cref="IProvisioningJournal"/> is still the in-memory default (a restart would provision every HR record
    /// again). Adds the infrastructure (<see cref="AddHrConnectorInfrastructure"/>); a persistent store or journal
    /// registered before or after still wins.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, so that additional calls can be chained.</returns>
    public static IServiceCollection AddHrConnectorInMemoryDefaults(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<HostedConnectorValidator.InMemoryDefaults>();
        return services.AddHrConnectorInfrastructure();
    }

    /// <summary>
    /// Adds the infrastructure connectors run on, each with its in-memory default unless the host registered its own
    /// (before or after this call: the defaults are added with TryAdd): <see cref="IResourceStore"/>,
    /// <see cref="IIdentityRepository"/>, <see cref="IWorkflowLauncher"/>, <see cref="IProvisioningJournal"/>,
    /// <see cref="IConnectorRunLock"/>, <see cref="IJobHistory"/>, <see cref="TimeProvider"/> and <see cref="ISynchronizationJobFactory"/>;
    /// and an <see cref="IJobObserver"/> that logs one line per run, beside the observers the host registers.
    /// When the host registers an <see cref="IMeterFactory"/> (<c>services.AddMetrics()</c>, which every .NET host does),
    /// the metrics are recorded on a meter it creates.
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobObserver, LoggingJobObserver>());
        services.TryAddSingleton(HrConnectorMetrics.For);
        return services;
    }
}
