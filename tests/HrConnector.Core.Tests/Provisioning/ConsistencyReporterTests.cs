using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Modeling;
using HrConnector.Tests.Jobs;

namespace HrConnector.Tests.Provisioning;

public sealed class ConsistencyReporterTests
{
    [Fact]
    public async Task ReportAsync_ConnectorWithoutProvisioning_ThrowsAnExpectedError()
    {
        var job = new SynchronizationJob(TestConnectors.People().Build(), runLock: new InMemoryConnectorRunLock());

        var exception = await Assert.ThrowsAsync<HrConnectorException>(() => job.ReportAsync());

        Assert.Equal("The connector 'HR' provisions nothing (no Provisioning settings): there is nothing to compare.", exception.Message);
    }

    [Fact]
    public async Task ReportAsync_AfterARun_ChangesNothingAndHidesValuesByDefault()
    {
        var scenario = new ProvisioningScenario();
        await scenario.RunAsync("IT,IT", "E1,Ann,Lee,ann@corp.example,Dev,1,CC,2020-01-01,,IT");
        var identity = await scenario.IdentityOfAsync("E1");
        scenario.Repository.Edit(identity.Id, "Title", "Boss");
        var entries = (await scenario.EntriesAsync()).Count;

        var report = await scenario.Job.ReportAsync();

        var drift = Assert.Single(report.Drifts, d => d.Property == "Title");
        Assert.Equal((DriftKind.PropertyMismatch, "E1", OwnershipPolicy.OnChange, null, null), (drift.Kind, drift.ResourceKey, drift.Policy, drift.HrValue, drift.IdentityValue));
        Assert.DoesNotContain("Boss", report.ToJson(), StringComparison.Ordinal);
        Assert.Equal(entries, (await scenario.EntriesAsync()).Count);
        Assert.Equal("Boss", (await scenario.IdentityOfAsync("E1")).GetValue("Title"));
    }
}
