using HrConnector.Diagnostics;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Jobs;
using HrConnector.Tests.Synchronization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using static HrConnector.Tests.Diagnostics.SecretPeople;

namespace HrConnector.Tests.Diagnostics;

/// <summary>The metrics of a run, with their tags.</summary>
public class HrConnectorMetricsTests
{
    [Fact]
    public async Task Metrics_ApplyRun_CountsRunsChangesRejectsAndOrdersWithTheirTags()
    {
        using var recorder = new MeasurementRecorder();
        var connector = Connector("Metrics");
        var job = new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock());

        var result = await job.RunAsync(Request(connector, People(Row(1), Row(2), Row(3, birthDate: "not a date"))));

        var measurements = recorder.Of(connector.Identifier);
        Assert.All(measurements, m => Assert.All(m.Tags.Values, v => AssertNoSecret(v?.ToString())));
        var run = Assert.Single(measurements, m => m.Instrument == HrConnectorDiagnostics.RunsMetric);
        Assert.Equal(1, run.Value);
        Assert.Equal(["hrconnector.connector", "hrconnector.status"], run.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("SucceededWithWarnings", run.Tags["hrconnector.status"]);
        Assert.Equal(result.Status.ToString(), run.Tags["hrconnector.status"]);
        var duration = Assert.Single(measurements, m => m.Instrument == "hrconnector.run.duration");
        Assert.True(duration.Value >= 0);
        Assert.Equal(
            [("Department", "Insert", 2.0), ("Person", "Insert", 2.0)],
            measurements.Where(m => m.Instrument == "hrconnector.changes").Select(m => ((string)m.Tags["hrconnector.entity_type"]!, (string)m.Tags["hrconnector.change_kind"]!, m.Value)).Order());
        var rejects = Assert.Single(measurements, m => m.Instrument == "hrconnector.rejects");
        Assert.Equal((1.0, "Person"), (rejects.Value, rejects.Tags["hrconnector.entity_type"]));
        var executed = measurements.Where(m => m.Instrument == "hrconnector.orders.executed").ToList();
        Assert.Equal(2, executed.Count);
        Assert.All(executed, m => Assert.Equal((1.0, "Added"), (m.Value, m.Tags["hrconnector.order_kind"])));
        Assert.All(executed, m => Assert.Equal(["hrconnector.connector", "hrconnector.order_kind"], m.Tags.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "hrconnector.orders.dispatched"));
        Assert.DoesNotContain(measurements, m => m.Instrument == "hrconnector.orders.errored");
    }

    [Fact]
    public async Task Metrics_FailedOrder_CountsErroredWithItsKind()
    {
        using var recorder = new MeasurementRecorder();
        var connector = Connector("MetricsErrored", o => o.Provisioning!.Retry.MaxAttempts = 1);
        var repository = new InMemoryIdentityRepository();
        var job = new SynchronizationJob(connector, repository: repository, runLock: new InMemoryConnectorRunLock());
        await job.RunAsync(Request(connector, People(Row(1))));
        await repository.DeleteAsync("I000001", "by-hand");

        await job.RunAsync(Request(connector, People(Row(1, firstName: "Renamed"))));

        var errored = Assert.Single(recorder.Of(connector.Identifier), m => m.Instrument == "hrconnector.orders.errored");
        Assert.Equal((1.0, "Modified"), (errored.Value, errored.Tags["hrconnector.order_kind"]));
        Assert.Equal(2, recorder.Of(connector.Identifier).Count(m => m.Instrument == HrConnectorDiagnostics.RunsMetric));
    }

    [Fact]
    public async Task Metrics_Preview_CountsTheRunButNoChange()
    {
        using var recorder = new MeasurementRecorder();
        var connector = Connector("MetricsPreview");

        await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1)), preview: true));

        var measurements = recorder.Of(connector.Identifier);
        Assert.Equal([HrConnectorDiagnostics.RunDurationMetric, HrConnectorDiagnostics.RunsMetric], measurements.Select(m => m.Instrument).Order(StringComparer.Ordinal));
    }
}
