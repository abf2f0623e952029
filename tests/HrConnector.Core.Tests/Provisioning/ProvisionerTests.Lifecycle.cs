using HrConnector.Synchronization;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Tests.Convergence;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// Leavers HR keeps as rows (an end date past its grace days, a left status), suspensions, the bounds of the lifecycle
/// and time-out settings, and the order thresholds that stop a run about to deactivate or re-create too many identities.
/// </summary>
[Trait("Category", "Convergence")]
public sealed class ProvisionerLifecycleTests
{
    private static readonly HrRow Anna = new("E1", "Anna", "Smith", "Engineer", "IT", new DateOnly(2024, 1, 1));
    private static readonly HrRow Ben = new("E2", "Ben", "Jones", "Analyst", "IT", new DateOnly(2024, 1, 1));

    public static TheoryData<string, string> OutOfRange => new()
    {
        { "DeleteAfterDays", "Provisioning.Lifecycle has DeleteAfterDays 3000000; it must be between 0 and 36500." },
        { "PreStartDays", "Provisioning.Lifecycle has PreStartDays 36501; it must be between 0 and 36500." },
        { "GraceDays", "Provisioning.Lifecycle has GraceDays -1; it must be between 0 and 36500." },
        { "TimeoutZero", "Provisioning has Timeout 00:00:00; it must be more than 0 and at most 1.00:00:00." },
        { "TimeoutTwoDays", "Provisioning has Timeout 2.00:00:00; it must be more than 0 and at most 1.00:00:00." },
        { "MaxDelayTwoDays", "Provisioning.Retry has Delay 00:00:00 and MaxDelay 2.00:00:00; Delay must be 0 or more, MaxDelay at least Delay and at most 1.00:00:00." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Build_SettingOutOfRange_IsRefusedWithTheAllowedRange(string setting, string error)
    {
        var refused = Assert.Throws<ConnectorValidationException>(() => Hr.Build(p =>
        {
            var options = p.Options;
            switch (setting)
            {
                case "DeleteAfterDays":
                    options.Lifecycle.DeleteAfterDays = 3_000_000;
                    break;
                case "PreStartDays":
                    options.Lifecycle.PreStartDays = 36_501;
                    break;
                case "GraceDays":
                    options.Lifecycle.GraceDays = -1;
                    break;
                case "TimeoutZero":
                    options.Timeout = TimeSpan.Zero;
                    break;
                case "TimeoutTwoDays":
                    options.Timeout = TimeSpan.FromDays(2);
                    break;
                case "MaxDelayTwoDays":
                    options.Retry.MaxDelay = TimeSpan.FromDays(2);
                    break;
            }
        }));

        Assert.Equal(error, Assert.Single(refused.Errors));
        Assert.Contains(error, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(36_500)]
    [InlineData(0)]
    public void Build_DeleteAfterDaysAtTheBounds_IsAccepted(int days)
    {
        var connector = Hr.Build(p => p.Leavers(LeaverAction.Deactivate, deleteAfterDays: days));

        Assert.NotNull(connector.Provisioning);
    }

    [Fact]
    public async Task RunAsync_EndDatePastItsGraceDays_Deactivates()
    {
        var bed = new Bed(p => Hr.Lifecycle(p, graceDays: 2));
        await bed.RunAsync(Anna, Ben);

        // HR records a last day two days ago: still within the grace days.
        bed.Clock.NextDay();
        var leaving = Anna with { EndDate = bed.Clock.Today.AddDays(-2) };
        var withinGrace = await bed.RunAsync(leaving, Ben);
        Assert.Empty(withinGrace.Orders);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);

        bed.Clock.NextDay();
        var past = await bed.RunAsync(leaving, Ben);

        Assert.Equal(OrderKind.Deactivated, Assert.Single(past.Orders).Kind);
        Assert.Equal(IdentityState.Inactive, (await bed.IdentityOfAsync("E1"))!.State);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E2"))!.State);
    }

    [Fact]
    public async Task RunAsync_FutureEndDate_FirstRunAfterItDeactivatesThoughTheFileDidNotChange()
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        var leaving = Anna with { EndDate = bed.Clock.Today.AddDays(2) };
        await bed.RunAsync(leaving, Ben);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);

        var results = new List<JobResult>();
        for (var day = 1; day <= 4; day++)
        {
            bed.Clock.NextDay();
            results.Add(await bed.RunAsync(leaving, Ben));
        }

        Assert.All(results, r => Assert.Equal(0, r.Plan!.UpdateCount + r.Plan.InsertCount + r.Plan.DeleteCount));
        Assert.Empty(results[0].Orders);                                           // the last day itself
        Assert.Empty(results[1].Orders);
        Assert.Equal(OrderKind.Deactivated, Assert.Single(results[2].Orders).Kind); // the first day after it
        Assert.Empty(results[3].Orders);
        Assert.Equal(IdentityState.Inactive, (await bed.IdentityOfAsync("E1"))!.State);
    }

    [Theory]
    [InlineData("Terminated")]
    [InlineData(" terminated ")]
    public async Task RunAsync_LeftStatus_Deactivates(string status)
    {
        var bed = new Bed(p => Hr.Lifecycle(p));
        await bed.RunAsync(Anna with { Status = "Active" }, Ben);

        bed.Clock.NextDay();
        var left = await bed.RunAsync(Anna with { Status = status }, Ben);

        Assert.Equal(OrderKind.Deactivated, Assert.Single(left.Orders).Kind);
        Assert.Equal(IdentityState.Inactive, (await bed.IdentityOfAsync("E1"))!.State);
    }

    [Fact]
    public async Task RunAsync_SuspendedStatus_DeactivatesReactivatesAndNeverDeletes()
    {
        var bed = new Bed(p =>
        {
            Hr.Lifecycle(p);
            p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 1);
        });
        await bed.RunAsync(Anna with { Status = "Active" }, Ben);
        var annaId = (await bed.IdentityOfAsync("E1"))!.Id;

        bed.Clock.NextDay();
        var away = await bed.RunAsync(Anna with { Status = Hr.Suspended }, Ben);
        Assert.Equal(OrderKind.Deactivated, Assert.Single(away.Orders).Kind);
        for (var day = 0; day < 5; day++)
        {
            bed.Clock.NextDay(10);
            var meanwhile = await bed.RunAsync(Anna with { Status = Hr.Suspended, Title = day == 2 ? "Lead" : Anna.Title }, Ben);
            Assert.DoesNotContain(meanwhile.Orders, o => o.Kind == OrderKind.Deleted);
            Assert.Equal(IdentityState.Inactive, (await bed.Identities.GetAsync(annaId))!.State);
        }

        bed.Clock.NextDay();
        var back = await bed.RunAsync(Anna with { Status = "Active" }, Ben);

        Assert.Equal(OrderKind.Reactivated, Assert.Single(back.Orders).Kind);
        var anna = await bed.Identities.GetAsync(annaId);
        Assert.Equal((IdentityState.Active, "Engineer"), (anna!.State, anna.GetValue("Title")));
        Assert.DoesNotContain(bed.Repository.Operations, o => o.Call == HostCall.Delete);
        Assert.Equal(1, bed.Repository.CreatesOf("Anna"));
    }

    [Fact]
    public async Task RunAsync_LeaverAfterALongSuspension_IsDeletedOnlyAfterTheDelay()
    {
        var bed = new Bed(p =>
        {
            Hr.Lifecycle(p);
            p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 30);
        });
        await bed.RunAsync(Anna, Ben);
        var annaId = (await bed.IdentityOfAsync("E1"))!.Id;
        bed.Clock.NextDay();
        await bed.RunAsync(Anna with { Status = Hr.Suspended }, Ben);
        bed.Clock.NextDay();
        await bed.RunAsync(Anna with { Status = Hr.Suspended }, Ben);

        // Forty days away, then she leaves: the 30 days start with her leaving, not with her suspension.
        bed.Clock.NextDay(40);
        var left = await bed.RunAsync(Anna with { Status = Hr.Left }, Ben);
        Assert.DoesNotContain(left.Orders, o => o.Kind == OrderKind.Deleted);
        Assert.NotNull(await bed.Identities.GetAsync(annaId));

        bed.Clock.NextDay(29);
        await bed.RunAsync(Anna with { Status = Hr.Left }, Ben);
        Assert.NotNull(await bed.Identities.GetAsync(annaId));

        bed.Clock.NextDay(2);
        var due = await bed.RunAsync(Anna with { Status = Hr.Left }, Ben);
        Assert.Equal(OrderKind.Deleted, Assert.Single(due.Orders).Kind);
        Assert.Null(await bed.Identities.GetAsync(annaId));
    }

    [Fact]
    public async Task RunAsync_TooManyLeaversAtOnce_IsBlockedUntilForced()
    {
        var bed = new Bed(DefaultThresholds);
        var people = Population(1_000);
        var load = await bed.RunAsync(people, force: true);
        Assert.Equal(1_000, load.Provisioning!.Executed);

        bed.Clock.NextDay();
        var remaining = people.Skip(150).ToList();
        var blocked = await bed.RunAsync(remaining);

        Assert.Equal(JobStatus.Blocked, blocked.Status);
        var breach = Assert.Single(blocked.Provisioning!.Breaches);
        Assert.Equal((OrderKind.Deactivated, 150L), (breach.Kind, breach.Count));
        Assert.StartsWith("Provisioning.Thresholds.MaxDeactivated", breach.Setting, StringComparison.Ordinal);
        Assert.Equal(1_000, await bed.Store.CountAsync(Hr.Connector, "Person"));
        Assert.All(await bed.Identities.ListAsync().ToListAsync(), i => Assert.Equal(IdentityState.Active, i.State));
        Assert.DoesNotContain(await bed.EntriesAsync(), e => e.Order.Kind == OrderKind.Deactivated);

        var forced = await bed.RunAsync(remaining, force: true);

        Assert.Equal(JobStatus.SucceededWithWarnings, forced.Status);
        Assert.Equal(150, forced.Provisioning!.Orders[OrderKind.Deactivated]);
        Assert.Equal(150, forced.Provisioning.Executed);
        Assert.Equal(150, await bed.Identities.ListAsync().CountAsync(i => i.State == IdentityState.Inactive));
    }

    [Fact]
    public async Task RunAsync_FreshJournalBesideAFullStore_IsBlockedInsteadOfRecreatingEveryone()
    {
        var bed = new Bed(DefaultThresholds);
        var people = Population(1_000);
        await bed.RunAsync(people, force: true);

        // The process restarts with an in-memory journal beside the durable store and repository.
        var amnesiac = new Bed(DefaultThresholds, store: bed.Store, identities: bed.Identities);
        var blocked = await amnesiac.RunAsync(people);

        Assert.Equal(JobStatus.Blocked, blocked.Status);
        var breach = Assert.Single(blocked.Provisioning!.Breaches);
        Assert.Equal((OrderKind.Added, 1_000L, "Provisioning.Thresholds.MaxAdded"), (breach.Kind, breach.Count, breach.Setting));
        Assert.Equal(1_000, bed.Identities.Count);
        Assert.Empty(await amnesiac.EntriesAsync());
    }

    [Fact]
    public async Task RunAsync_MoreOrdersThanListed_CountsThemAllAndListsTheFirst()
    {
        var bed = new Bed();
        var count = JobResult.MaxListedOrders + 5;

        var load = await bed.RunAsync(Population(count), force: true);

        Assert.Equal(count, load.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(count, load.Provisioning.Executed);
        Assert.Equal(JobResult.MaxListedOrders, load.Orders.Count);
        Assert.Equal(count, bed.Identities.Count);
    }

    /// <summary>The order thresholds a connector with default resource thresholds has (100 and 5%), on a connector whose resource thresholds are off.</summary>
    private static void DefaultThresholds(ProvisioningBuilder p)
    {
        var thresholds = p.Options.Thresholds;
        (thresholds.MaxAdded, thresholds.MaxModified, thresholds.MaxDeactivated, thresholds.MaxDeleted) = (ThresholdDefaults.MaxCount, ThresholdDefaults.MaxCount, ThresholdDefaults.MaxCount, ThresholdDefaults.MaxCount);
        (thresholds.MaxAddedPercent, thresholds.MaxModifiedPercent, thresholds.MaxDeactivatedPercent, thresholds.MaxDeletedPercent) = (ThresholdDefaults.MaxPercent, ThresholdDefaults.MaxPercent, ThresholdDefaults.MaxPercent, ThresholdDefaults.MaxPercent);
    }

    private static List<HrRow> Population(int count)
        => [.. Enumerable.Range(1, count).Select(i => new HrRow(FormattableString.Invariant($"E{i:D5}"), FormattableString.Invariant($"First{i}"), FormattableString.Invariant($"Last{i}"), "Clerk", "OPS"))];
}
