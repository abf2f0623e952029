using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Convergence;

namespace HrConnector.Tests.Provisioning;

/// <summary>Why each order is decided (<see cref="ProvisioningOrder.Reason"/>): one scenario per reason.</summary>
[Trait("Category", "Review")]
public sealed class ProvisionerOrderReasonsTests
{
    private static readonly HrRow Anna = new("E1", "Anna", "Smith", "Engineer", "IT", new DateOnly(2024, 1, 1));
    private static readonly HrRow Ben = new("E2", "Ben", "Jones", "Analyst", "IT", new DateOnly(2024, 1, 1));
    private static readonly DateOnly LongAgo = new(2024, 1, 1);

    [Fact]
    public async Task RunAsync_NewPerson_IsAJoiner()
    {
        var bed = new Bed();

        var result = await bed.RunAsync(Anna);

        AssertOrder(result, OrderKind.Added, OrderReason.Joiner);
    }

    [Fact]
    public async Task RunAsync_NewPersonMatchingAnIdentity_IsACorrelation()
    {
        var bed = new Bed(p => p.Correlate("LastName"));
        bed.Identities.Add(new Dictionary<string, object?> { ["FirstName"] = "Anna", ["LastName"] = "Smith" });

        var result = await bed.RunAsync(Anna);

        AssertOrder(result, OrderKind.Linked, OrderReason.Correlation);
    }

    [Fact]
    public async Task RunAsync_HrChangesATitle_IsAMover()
    {
        var bed = new Bed();
        await bed.RunAsync(Anna);

        var result = await bed.RunAsync(Anna with { Title = "Lead" });

        var order = AssertOrder(result, OrderKind.Modified, OrderReason.Mover);
        var change = Assert.Single(order.Changes);
        Assert.Equal(("Title", "Engineer", "Lead"), (change.Property, change.OldValue, change.NewValue));
    }

    [Fact]
    public async Task RunAsync_AuthoritativeValueEditedByHand_IsADriftCorrection()
    {
        var bed = new Bed();
        await bed.RunAsync(Anna);
        bed.Identities.Edit((await bed.LinkOfAsync("E1")).IdentityId, "FirstName", "Annie");

        var result = await bed.RunAsync(Anna);

        var order = AssertOrder(result, OrderKind.Modified, OrderReason.DriftCorrection);
        var change = Assert.Single(order.Changes);
        Assert.Equal(("FirstName", "Annie", "Anna"), (change.Property, change.OldValue, change.NewValue));
    }

    [Fact]
    public async Task RunAsync_RecordGoneFromTheFile_IsALeaverMissingFromFile()
    {
        var bed = new Bed();
        await bed.RunAsync(Anna, Ben);

        var result = await bed.RunAsync(Ben);

        AssertOrder(result, OrderKind.Deactivated, OrderReason.LeaverMissingFromFile);
    }

    [Fact]
    public async Task RunAsync_EndDatePast_IsALeaverByEndDate()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna, Ben);
        bed.Clock.NextDay();

        var result = await bed.RunAsync(Anna with { EndDate = bed.Clock.Today.AddDays(-1) }, Ben);

        AssertOrder(result, OrderKind.Deactivated, OrderReason.LeaverByEndDate);
    }

    [Fact]
    public async Task RunAsync_LeftStatus_IsALeaverByStatus()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna, Ben);

        var result = await bed.RunAsync(Anna with { Status = Hr.Left }, Ben);

        AssertOrder(result, OrderKind.Deactivated, OrderReason.LeaverByStatus);
    }

    [Fact]
    public async Task RunAsync_EveryContractEnded_IsALeaverByContract()
    {
        var bed = new ContractBed();
        var people = new[] { Anna with { StartDate = null }, Ben with { StartDate = null } };
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo, bed.Clock.Today.AddDays(1)), new("C2", "E2", "Analyst", LongAgo)];
        await bed.RunAsync(people, contracts);
        bed.Clock.NextDay(2);

        var result = await bed.RunAsync(people, contracts);

        AssertOrder(result, OrderKind.Deactivated, OrderReason.LeaverByContract);
    }

    [Fact]
    public async Task RunAsync_SuspendedStatus_IsASuspension()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna, Ben);

        var result = await bed.RunAsync(Anna with { Status = Hr.Suspended }, Ben);

        AssertOrder(result, OrderKind.Deactivated, OrderReason.Suspension);
        Assert.Null((await bed.LinkOfAsync("E1")).Since);
    }

    [Fact]
    public async Task RunAsync_BackFromASuspension_IsAReactivation()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna, Ben);
        await bed.RunAsync(Anna with { Status = Hr.Suspended }, Ben);

        var result = await bed.RunAsync(Anna, Ben);

        AssertOrder(result, OrderKind.Reactivated, OrderReason.Reactivation);
    }

    [Fact]
    public async Task RunAsync_LeaverBackInHr_IsARehire()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna, Ben);
        await bed.RunAsync(Anna with { Status = Hr.Left }, Ben);

        var result = await bed.RunAsync(Anna, Ben);

        AssertOrder(result, OrderKind.Reactivated, OrderReason.Rehire);
    }

    [Fact]
    public async Task RunAsync_LeaverBackAfterTheirIdentityWasDeleted_IsARehire()
    {
        var bed = new Bed(p => p.Leavers(LeaverAction.Delete));
        await bed.RunAsync(Anna, Ben);
        AssertOrder(await bed.RunAsync(Ben), OrderKind.Deleted, OrderReason.LeaverMissingFromFile);

        var result = await bed.RunAsync(Anna, Ben);

        AssertOrder(result, OrderKind.Added, OrderReason.Rehire);
    }

    [Fact]
    public async Task RunAsync_DelayedDeleteDue_IsADeleteDue()
    {
        var bed = new Bed(p => p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 1));
        await bed.RunAsync(Anna, Ben);
        await bed.RunAsync(Ben);
        bed.Clock.NextDay(2);

        var result = await bed.RunAsync(Ben);

        AssertOrder(result, OrderKind.Deleted, OrderReason.DeleteDue);
    }

    [Fact]
    public async Task RunAsync_OrderThatFailed_IsARetry()
    {
        var bed = new Bed();
        bed.Repository.Faults = (call, _, _) => call == HostCall.Create ? Fault.Refused : null;
        var failed = await bed.RunAsync(Anna);
        Assert.Equal(1, failed.Provisioning!.Errored);
        bed.Repository.Faults = null;

        var result = await bed.RunAsync(Anna);

        var order = AssertOrder(result, OrderKind.Added, OrderReason.Retry);
        Assert.Equal(Assert.Single(failed.Orders).Id, order.Id);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);
    }

    [Fact]
    public async Task Preview_Result_CarriesThePlannedOrdersWithTheirReasonsAndCompleteCounts()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna, Ben);
        var request = bed.Request([Anna with { Title = "Lead" }, Ben with { Status = Hr.Left }, new HrRow("E3", "Cleo", "Park", "Designer", "UX", LongAgo)]) with { PreviewOnly = true };

        var result = await bed.Job.RunAsync(request);

        var orders = result.PlannedOrders!;
        Assert.Equal("Person", orders.EntityType);
        Assert.Equal(3, orders.Total);
        Assert.True(orders.IsComplete);
        Assert.Equal((1, 1, 1, 0), (orders.Counts[OrderKind.Added], orders.Counts[OrderKind.Modified], orders.Counts[OrderKind.Deactivated], orders.Counts[OrderKind.Deleted]));
        Assert.Equal([OrderReason.Joiner, OrderReason.Mover, OrderReason.LeaverByStatus], orders.Reasons.Keys.Order());
        Assert.Equal(["E1", "E2", "E3"], orders.Listed.Select(o => o.ResourceKey).Order(StringComparer.Ordinal));
        Assert.Equal(result.Orders.Select(o => o.Id), orders.Listed.Select(o => o.Id));
    }

    private static ProvisioningOrder AssertOrder(JobResult result, OrderKind kind, OrderReason reason)
    {
        var order = Assert.Single(result.Orders);
        Assert.Equal((kind, reason), (order.Kind, order.Reason));
        return order;
    }
}
