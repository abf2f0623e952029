using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using HrConnector.Diagnostics;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using HrConnector.Tests.Jobs;
using HrConnector.Tests.Synchronization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HrConnector.Tests.Diagnostics;

/// <summary>HR data with distinctive values and keys, so that a leak into logs, tags or JSON is found by a plain search.</summary>
internal static class SecretPeople
{
    /// <summary>Values and keys that must never leave the HR data.</summary>
    public static readonly string[] Secrets = ["EMP-SECRET", "Zoë-Secret", "Secret-Lastname", "Secret-Manager", "Zoë", "Secret"];

    public static string Row(int n, string firstName = "Zoë-Secret", string lastName = "Secret-Lastname", string manager = "", string birthDate = "01/01/1990")
        => $"EMP-SECRET-{n},{firstName}{n},{lastName}{n},{birthDate},2020-01-01,1.0,N,100,,{manager},D1";

    public static string People(params string[] rows) => SyncTestKit.People(rows);

    /// <summary>A request of the people file (and the kit's departments) for a job of <see cref="Connector"/>.</summary>
    public static JobRequest Request(Connector connector, string people, SynchronizationMode mode = SynchronizationMode.Complete, bool preview = false, bool force = false)
        => new() { Snapshot = JobTestKit.Snapshot(connector, people), Mode = mode, PreviewOnly = preview, Force = force };

    /// <summary>A logger factory at Trace level and the collector of what it logs.</summary>
    public static (ILoggerFactory Factory, FakeLogCollector Collector) Logging()
    {
        var provider = new FakeLoggerProvider();
        return (LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)), provider.Collector);
    }

    public static Connector Connector(string prefix, Action<ConnectorOptions>? configure = null)
    {
        var options = JobTestKit.PeopleOptions(prefix);
        configure?.Invoke(options);
        return HrConnector.Connector.Create(options);
    }

    public static void AssertNoSecret(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// <summary>Collects the measurements of the HrConnector meter.</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MeasurementRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HrConnectorDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The measurements of one connector.</summary>
    public List<Measurement> Of(string connector)
        => [.. Measurements.Where(m => m.Tags.TryGetValue("hrconnector.connector", out var c) && Equals(c, connector))];

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => Measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));

    internal sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);
}

/// <summary>Collects the activities of the HrConnector source once they stop.</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HrConnectorDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    /// <summary>The run activity of a connector (the only one with that tag), and its children in the order they stopped.</summary>
    public (Activity Run, List<Activity> Steps) RunOf(string connector)
    {
        var run = Assert.Single(Stopped, a => a.OperationName == "hrconnector.run" && Equals(a.GetTagItem("hrconnector.connector"), connector));
        return (run, [.. Stopped.Where(a => a.ParentSpanId == run.SpanId && a.TraceId == run.TraceId)]);
    }

    public void Dispose() => _listener.Dispose();
}
