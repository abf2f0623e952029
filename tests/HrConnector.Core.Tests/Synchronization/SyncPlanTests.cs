using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>SyncPlan itself: its summary text and its entity types by name.</summary>
public class SyncPlanTests
{
    private static string Yesterday => TwoDays.Yesterday;

    private static string Today => TwoDays.Today;

    [Fact]
    public async Task ToString_Plan_SummarizesTheCounts()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, Today));

        Assert.Equal("HR Complete Ready: +1 ~2 -1 =2", plan.ToString());
        Assert.Equal("Person: +1 ~2 -1 =0", plan["Person"].ToString());
        Assert.Throws<KeyNotFoundException>(() => plan["Site"]);
    }

    private static HrConnector.Mapping.MappingResult[] Snapshot(Connector connector, string people)
        => [connector.MapText("Department", Departments), connector.MapText("Person", people)];
}
