using HrConnector.Jobs;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;
using HrConnector.Tests.Jobs;

namespace HrConnector.Tests;

/// <summary>One row, one outcome: every row is inserted, updated, unchanged or rejected, never two of them.</summary>
public class SynchronizationJobOneRowOneOutcomeTests
{
    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task Run_EveryKindOfOutcome_CountsEachRowOnceInThePlanAndInTheResult()
    {
        var connector = JobTestKit.People("outcomes", provisioning: false);
        var store = new InMemoryResourceStore();
        var job = new SynchronizationJob(connector, store: store, runLock: new InMemoryConnectorRunLock());
        var yesterday = People(Person(1), Person(2), Person(3), Person(4, department: "D2"), Person(5), Person(9));
        Assert.Equal(JobStatus.Succeeded, (await job.RunAsync(new JobRequest { Snapshot = [connector.MapText("Department", Departments), connector.MapText("Person", yesterday)] })).Status);

        var today = People(
            Person(1),                                                              // unchanged
            Person(2, lastName: "Moved"),                                           // updated
            Person(3, lastName: "Moved", department: "D9"),                         // update rejected (dangling), kept
            Person(4, department: "D2"),                                            // unchanged, its department deleted today: rejected, kept
            Person(5, birthDate: "bad"),                                            // file reject, kept
            Person(6),                                                              // inserted
            Person(7, manager: "E99"),                                              // insert rejected (dangling), nothing stored
            Person(8, birthDate: "bad").Replace(",1.0,", ",x,", StringComparison.Ordinal)); // two rejects, one row; E9 is deleted
        var result = await job.RunAsync(new JobRequest { Snapshot = [connector.MapText("Department", "Code,Name,ParentCode\nD1,Executive,\n"), connector.MapText("Person", today)] });

        Assert.Equal(JobStatus.SucceededWithWarnings, result.Status);
        var plan = result.Plan!["Person"];
        Assert.Equal((8, 1, 1, 1, 5, 6), (plan.RowCount, plan.Inserts.Count, plan.Updates.Count, plan.UnchangedCount, plan.RejectedRowCount, plan.Rejects.Count));
        Assert.Equal(["E3", "E4", "E5"], plan.KeptKeys);
        Assert.Equal(plan.RowCount, plan.Inserts.Count + plan.Updates.Count + plan.UnchangedCount + plan.RejectedRowCount);
        var counts = result.EntityTypes.Single(e => e.EntityType == "Person");
        Assert.Equal(new EntityTypeCounts("Person", 8, 1, 1, 1, 1, 5, 3) { Encoding = counts.Encoding }, counts);
        Assert.Equal(counts.Rows, counts.Inserted + counts.Updated + counts.Unchanged + counts.Rejected);
        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6"], (await store.ReadAsync(connector.Identifier, "Person").ToListAsync()).Select(r => r.Key).Order(StringComparer.Ordinal));
    }
}
