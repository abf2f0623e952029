using HrConnector.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace HrConnector.Quartz;

/// <summary>The default <see cref="IHrConnectorScheduler"/>, on the container's default Quartz scheduler.</summary>
internal sealed class HrConnectorScheduler : IHrConnectorScheduler
{
    private readonly IServiceProvider _services;
    private readonly ISynchronizationJobFactory _factory;
    private readonly ILogger _logger;

    public HrConnectorScheduler(IServiceProvider services, ISynchronizationJobFactory factory, ILogger<HrConnectorScheduler> logger)
    {
        _services = services;
        _factory = factory;
        _logger = logger;
    }

    public async Task TriggerNowAsync(string connector, CancellationToken cancellationToken = default)
    {
        var name = Resolve(connector);
        var scheduler = _services.GetRequiredService<IScheduler>();
        await scheduler.TriggerJob(HrConnectorJobKeys.Job(name), null, cancellationToken).ConfigureAwait(false);
        Log.TriggeredByHand(_logger, name);
    }

    public async Task<DateTimeOffset?> GetNextRunAsync(string connector, CancellationToken cancellationToken = default)
    {
        var name = Resolve(connector);
        var scheduler = _services.GetRequiredService<IScheduler>();
        var trigger = await scheduler.GetTrigger(HrConnectorJobKeys.Trigger(name), cancellationToken).ConfigureAwait(false);
        return trigger?.NextFireTimeUtc;
    }

    /// <summary>Gets the spelling the connector was registered with: the job keys use it.</summary>
    private string Resolve(string connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return _factory.Names.FirstOrDefault(n => string.Equals(n, connector, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No connector is registered with the name '{connector}'; registered: {string.Join(", ", _factory.Names)}.", nameof(connector));
    }
}
