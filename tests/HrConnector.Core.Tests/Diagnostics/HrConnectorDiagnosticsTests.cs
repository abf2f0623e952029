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

/// <summary>The traces of a job and the names of its diagnostics: stable, and never an HR value or key.</summary>
public class HrConnectorDiagnosticsTests
{
    [Fact]
    public async Task Activities_ApplyRun_RunActivityWithEveryStepAsChild()
    {
        using var recorder = new ActivityRecorder();
        var connector = Connector("Traces");

        var result = await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1), Row(2))));

        var (run, steps) = recorder.RunOf(connector.Identifier);
        Assert.Equal(result.RunId, run.GetTagItem("hrconnector.run_id"));
        Assert.Equal("Succeeded", run.GetTagItem("hrconnector.status"));
        Assert.Equal(HrConnectorDiagnostics.Name, run.Source.Name);
        Assert.Equal(["hrconnector.resume", "hrconnector.read", "hrconnector.plan", "hrconnector.provision", "hrconnector.stage", "hrconnector.commit", "hrconnector.release", "hrconnector.dispatch"], steps.Select(s => s.OperationName));
        Assert.Equal(result.Steps.Select(s => "hrconnector." + s.Step.ToString().ToLowerInvariant()), steps.Select(s => s.OperationName));
        Assert.All(recorder.Stopped.Where(a => a.TraceId == run.TraceId), a => Assert.All(a.TagObjects, t => AssertNoSecret(t.Value?.ToString())));
    }

    [Fact]
    public async Task Activities_Preview_HasNoResumeCommitOrDispatchStep()
    {
        using var recorder = new ActivityRecorder();
        var connector = Connector("TracesPreview");

        await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(Request(connector, People(Row(1)), preview: true));

        var (_, steps) = recorder.RunOf(connector.Identifier);
        Assert.Equal(["hrconnector.read", "hrconnector.plan", "hrconnector.provision"], steps.Select(s => s.OperationName));
    }

    [Fact]
    public void Names_AreStable()
    {
        Assert.Equal("HrConnector", HrConnectorDiagnostics.Name);
        Assert.Equal(
            ["hrconnector.runs", "hrconnector.run.duration", "hrconnector.changes", "hrconnector.rejects", "hrconnector.orders.dispatched", "hrconnector.orders.executed", "hrconnector.orders.errored"],
            new[] { HrConnectorDiagnostics.RunsMetric, HrConnectorDiagnostics.RunDurationMetric, HrConnectorDiagnostics.ChangesMetric, HrConnectorDiagnostics.RejectsMetric, HrConnectorDiagnostics.OrdersDispatchedMetric, HrConnectorDiagnostics.OrdersExecutedMetric, HrConnectorDiagnostics.OrdersErroredMetric });
    }
}
