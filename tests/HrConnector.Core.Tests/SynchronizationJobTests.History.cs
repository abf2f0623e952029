using HrConnector.Jobs;
using HrConnector.Tests.Jobs;

namespace HrConnector.Tests;

public sealed class SynchronizationJobHistoryTests
{
    [Fact]
    public async Task RunAsync_AppliedRuns_AreKeptNewestFirstAndPreviewsAreNot()
    {
        var scenario = new ProvisioningScenario();
        var first = await scenario.RunAsync("IT,IT", "E1,Ann,Lee,ann@corp.example,Dev,1,CC,2020-01-01,,IT");
        scenario.NextDay();
        await scenario.RunAsync("IT,IT", string.Empty, preview: true);
        scenario.NextDay();
        var second = await scenario.RunAsync("IT,IT", "E1,Ann,Lee,ann@corp.example,Lead,1,CC,2020-01-01,,IT");

        var history = await scenario.Job.History.ListAsync("HR").ToListAsync();

        Assert.Equal([second.RunId, first.RunId], history.Select(r => r.RunId));
        Assert.Equal(second.Provisioning!.Orders, history[0].Provisioning!.Orders);
        Assert.Null(history[0].Plan);
        Assert.Empty(await scenario.Job.History.ListAsync("Other").ToListAsync());
    }
}
