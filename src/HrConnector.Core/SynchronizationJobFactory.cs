using HrConnector.Jobs;
using System.Collections.Concurrent;
using HrConnector.Diagnostics;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HrConnector;

/// <summary>The default <see cref="ISynchronizationJobFactory"/>: one validated connector per name, built once.</summary>
internal sealed class SynchronizationJobFactory : ISynchronizationJobFactory
{
    private readonly IOptionsMonitor<ConnectorOptions> _options;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, Lazy<Connector>> _connectors = new(StringComparer.OrdinalIgnoreCase);

    public SynchronizationJobFactory(IEnumerable<HrConnectorRegistration> registrations, IOptionsMonitor<ConnectorOptions> options, IServiceProvider services)
    {
        Names = [.. registrations.Select(r => r.Name)];
        _options = options;
        _services = services;
    }

    public IReadOnlyList<string> Names { get; }

    public SynchronizationJob Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Named options match names exactly: use the spelling the connector was registered with.
        var registered = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No connector is registered with the name '{name}'; registered: {string.Join(", ", Names)}.", nameof(name));
        var connector = _connectors.GetOrAdd(registered, n => new Lazy<Connector>(() => Build(n))).Value;
        var repository = Get<IIdentityRepository>();
        return new SynchronizationJob(
            connector,
            Get<IResourceStore>(),
            repository,
            Get<IWorkflowLauncher>(),
            Get<IProvisioningJournal>(),
            Get<TimeProvider>(),
            Get<ILoggerFactory>(),
            Get<IConnectorRunLock>(),
            Get<IJobHistory>())
        {
            Observers = [.. _services.GetServices<IJobObserver>()],
            Metrics = Get<HrConnectorMetrics>() ?? HrConnectorMetrics.Default,
        };
    }

    private Connector Build(string name)
    {
        ConnectorOptions options;
        try
        {
            options = _options.Get(name);
        }
        catch (OptionsValidationException exception)
        {
            throw new ConnectorValidationException(name, [.. exception.Failures]);
        }

        return Connector.Create(options);
    }

    private T? Get<T>()
        where T : class => (T?)_services.GetService(typeof(T));
}
