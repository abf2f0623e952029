using HrConnector.Jobs;
using HrConnector.Provisioning;

using static HrConnector.Tests.Shared.ScenarioRows;
using HrConnector.Tests.Jobs;

namespace HrConnector.Tests;

/// <summary>
/// Several simulated days of a small company: joiners, a correlated identity loaded by hand before the feed, a
/// disputed match, a future hire, movers, hand edits under each ownership policy, leavers, a rehire and a delayed delete.
/// </summary>
public sealed class SynchronizationJobProvisioningTests
{
    [Fact]
    public async Task RunAsync_SeveralDays_FollowsJoinersMoversLeaversAndOwnership()
    {
        var scenario = new ProvisioningScenario();
        var repository = scenario.Repository;
        var aliceId = repository.Add(Values(("FirstName", "Alicia"), ("LastName", "Martin"), ("Mail", " ALICE@corp.example ")));
        var homerId = repository.Add(Values(("FirstName", "Homer"), ("Mail", "homer@corp.example")));
        repository.Add(Values(("FirstName", "Daniel"), ("Mail", "dan@corp.example")));
        repository.Add(Values(("FirstName", "Danny"), ("Mail", "DAN@corp.example")));

        // Day 1: Alice matches her hand-made identity, Bob and Carol are new, Dan matches two identities, Eve starts in a month.
        var day1 = await scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan, Eve));
        Assert.Equal(JobStatus.SucceededWithWarnings, day1.Status);
        var provisioning = day1.Provisioning!;
        Assert.Equal(1, provisioning.Situations[CorrelationSituation.Unlinked]);
        Assert.Equal(2, provisioning.Situations[CorrelationSituation.Unmatched]);
        Assert.Equal(1, provisioning.Situations[CorrelationSituation.Disputed]);
        Assert.Equal(1, provisioning.Deferred);
        Assert.Equal(1, provisioning.Orders[OrderKind.Linked]);
        Assert.Equal(2, provisioning.Orders[OrderKind.Added]);
        Assert.Equal(3, provisioning.Executed);
        var review = Assert.Single(provisioning.Review);
        Assert.Equal("E4", review.ResourceKey);
        Assert.Equal(2, review.Candidates.Count);
        Assert.Equal(6, repository.Count);

        var alice = await scenario.IdentityOfAsync("E1");
        Assert.Equal(aliceId, alice.Id);
        Assert.Equal("Alice", alice.GetValue("FirstName"));                 // authoritative: corrected when linked
        Assert.Equal(" ALICE@corp.example ", alice.GetValue("Mail"));       // on change: the hand-made value stays
        var bob = await scenario.IdentityOfAsync("E2");
        Assert.Equal("Bob", bob.GetValue("FirstName"));
        Assert.Equal("bob@corp.example", bob.GetValue("Mail"));
        Assert.Equal("222", bob.GetValue("Phone"));
        Assert.Equal("IT", bob.GetValue("Department"));
        Assert.False(bob.Properties.ContainsKey("CostCenter"));              // ignored
        Assert.Equal("E2", (await scenario.IdentityOfAsync("E3")).GetValue("Manager"));

        // Day 2: hand edits on Bob; Carol moves (department, manager) and HR changes her phone (initial only); Alice leaves.
        scenario.NextDay();
        repository.Edit(bob.Id, "Title", "Chief");
        repository.Edit(bob.Id, "FirstName", "Robert");
        var carolMoved = CarolMoved;
        var day2 = await scenario.RunAsync(Departments, Lines(Bob, carolMoved, Dan, Eve));
        Assert.Equal(2, day2.Provisioning!.Orders[OrderKind.Modified]);
        Assert.Equal(1, day2.Provisioning.Orders[OrderKind.Deactivated]);
        Assert.Equal(0, day2.Provisioning.Orders[OrderKind.Deleted]);        // the delete is derived from the inactive link when it is due
        Assert.Equal(0, day2.Provisioning.Waiting);
        Assert.Equal(0, day2.Provisioning.Verified);                         // written straight to the repository, day 1's orders were verified by its answers
        Assert.All(await scenario.EntriesAsync(), e => Assert.NotEqual(OrderState.Executed, e.State));
        bob = await scenario.IdentityOfAsync("E2");
        Assert.Equal("Bob", bob.GetValue("FirstName"));                     // authoritative: the hand edit is corrected
        Assert.Equal("Chief", bob.GetValue("Title"));                       // on change: HR did not change it, the hand edit stays
        var carol = await scenario.IdentityOfAsync("E3");
        Assert.Equal("SALES", carol.GetValue("Department"));
        Assert.Equal("E4", carol.GetValue("Manager"));
        Assert.Equal("333", carol.GetValue("Phone"));                       // initial only
        Assert.Equal(IdentityState.Inactive, (await repository.GetAsync(aliceId))!.State);
        var aliceLink = (await scenario.LinksAsync()).Single(l => l.ResourceKey == "E1");
        Assert.Equal(IdentityState.Inactive, aliceLink.State);
        Assert.NotNull(aliceLink.Since);                                    // the 30 days start here

        // Day 3: HR changes Bob's title (now it wins over the hand edit); Alice is rehired; Carol leaves.
        scenario.NextDay();
        var bobPromoted = BobPromoted;
        var aliceBack = AliceBack;
        var day3 = await scenario.RunAsync(Departments, Lines(aliceBack, bobPromoted, Dan, Eve));
        Assert.Equal(1, day3.Provisioning!.Orders[OrderKind.Reactivated]);
        Assert.Equal(0, day3.Provisioning.Orders[OrderKind.Added]);
        Assert.Equal(1, day3.Provisioning.Orders[OrderKind.Deactivated]);    // Carol
        Assert.Equal("Lead", (await scenario.IdentityOfAsync("E2")).GetValue("Title"));
        alice = await repository.GetAsync(aliceId);
        Assert.Equal(IdentityState.Active, alice!.State);
        Assert.Equal("Senior Engineer", alice.GetValue("Title"));
        Assert.Equal(6, repository.Count);                                  // a rehire reactivates, it does not create
        Assert.Equal(IdentityState.Inactive, (await scenario.IdentityOfAsync("E3")).State);
        var entries = await scenario.EntriesAsync();
        Assert.DoesNotContain(entries, e => e.Order.ResourceKey == "E1" && e.Order.Kind == OrderKind.Deleted);
        Assert.Equal(IdentityState.Active, (await scenario.LinksAsync()).Single(l => l.ResourceKey == "E1").State);

        // Jan 27: Eve starts on Feb 4, still beyond the 7-day window. Jan 28: she enters it.
        scenario.NextDay(20);
        var day23 = await scenario.RunAsync(Departments, Lines(aliceBack, bobPromoted, Dan, Eve));
        Assert.Equal(1, day23.Provisioning!.Deferred);
        Assert.Equal(0, day23.Provisioning.Orders[OrderKind.Added]);
        scenario.NextDay();
        var day24 = await scenario.RunAsync(Departments, Lines(aliceBack, bobPromoted, Dan, Eve));
        Assert.Equal(0, day24.Provisioning!.Deferred);
        Assert.Equal(1, day24.Provisioning.Orders[OrderKind.Added]);
        Assert.Equal("Eve", (await scenario.IdentityOfAsync("E5")).GetValue("FirstName"));

        // Feb 6: thirty days after Carol left, her identity is deleted; Alice's cancelled delete never runs.
        scenario.NextDay(9);
        var carolId = carol.Id;
        var day33 = await scenario.RunAsync(Departments, Lines(aliceBack, bobPromoted, Dan, Eve));
        Assert.Equal(JobStatus.SucceededWithWarnings, day33.Status);        // Dan is still in review
        Assert.Null(await repository.GetAsync(carolId));
        Assert.Equal(IdentityState.Deleted, (await scenario.LinksAsync()).Single(l => l.ResourceKey == "E3").State);   // kept: a rehire gets new order ids
        Assert.Equal(1, day33.Provisioning!.Orders[OrderKind.Deleted]);
        Assert.NotNull(await repository.GetAsync(aliceId));

        // The review of HR against the repository: hand-made identities, Dan without identity, a hand-edited mail.
        repository.Edit(bob.Id, "Mail", "robert@corp.example");
        var report = await scenario.Job.ReportAsync(includeValues: true);
        Assert.Contains(report.Drifts, d => d is { Kind: DriftKind.IdentityWithoutHrRecord } && d.IdentityId == homerId);
        Assert.Equal(3, report.Count(DriftKind.IdentityWithoutHrRecord));
        Assert.Equal("E4", Assert.Single(report.Drifts, d => d.Kind == DriftKind.HrRecordWithoutIdentity).ResourceKey);
        var mail = Assert.Single(report.Drifts, d => d is { Kind: DriftKind.PropertyMismatch, ResourceKey: "E2", Property: "Mail" });
        Assert.Contains(report.Drifts, d => d is { Kind: DriftKind.PropertyMismatch, ResourceKey: "E2", Property: "CostCenter", Policy: OwnershipPolicy.Ignored });
        Assert.Equal(("Mail", OwnershipPolicy.OnChange, "bob@corp.example", "robert@corp.example"), (mail.Property, mail.Policy, mail.HrValue, mail.IdentityValue));
        Assert.Equal(3, report.Linked);                                     // Alice, Bob, Eve; Dan is in review
    }

    [Fact]
    public async Task RunAsync_Preview_WritesNothing()
    {
        var scenario = new ProvisioningScenario();
        await scenario.RunAsync(Departments, Lines(Alice, Bob));
        var entries = (await scenario.EntriesAsync()).Count;
        var lastRun = await scenario.Store.GetLastRunIdAsync("HR");
        var identities = scenario.Repository.Count;

        scenario.NextDay();
        var preview = await scenario.RunAsync(Departments, Lines(Alice, Carol.Replace(",E2,", ",,", StringComparison.Ordinal)), preview: true);

        Assert.True(preview.Preview);
        Assert.Equal(1, preview.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(1, preview.Provisioning.Orders[OrderKind.Deactivated]);
        Assert.Equal(0, preview.Provisioning.Dispatched);
        Assert.Equal(entries, (await scenario.EntriesAsync()).Count);
        Assert.Equal(lastRun, await scenario.Store.GetLastRunIdAsync("HR"));
        Assert.Equal(identities, scenario.Repository.Count);
        Assert.Equal(IdentityState.Active, (await scenario.IdentityOfAsync("E2")).State);
    }

    [Fact]
    public async Task RunAsync_BlockedPlan_ProvisionsNothingUntilAccepted()
    {
        var scenario = new ProvisioningScenario();
        await scenario.RunAsync(Departments, Lines(Alice, Bob, Carol, Dan));
        var identities = scenario.Repository.Count;

        // An empty people file: the safety rule holds the deletes back, even with thresholds relaxed.
        scenario.NextDay();
        var blank = await scenario.RunAsync(Departments, string.Empty);
        Assert.Equal(JobStatus.Blocked, blank.Status);
        Assert.Null(blank.Provisioning);
        Assert.All(await scenario.LinksAsync(), l => Assert.Equal(IdentityState.Active, l.State));

        // Force accepts threshold breaches, not what a safety rule holds back: that needs AcceptEmptySource.
        var forced = await scenario.RunAsync(Departments, string.Empty, force: true);
        Assert.Equal(JobStatus.Blocked, forced.Status);
        Assert.All(await scenario.LinksAsync(), l => Assert.Equal(IdentityState.Active, l.State));

        var accepted = await scenario.Job.RunAsync(scenario.Request(Departments, string.Empty) with { AcceptEmptySource = true });
        Assert.True(accepted.Forced);
        Assert.Equal(4, accepted.Provisioning!.Orders[OrderKind.Deactivated]);
        Assert.Equal(identities, scenario.Repository.Count);
    }

    [Fact]
    public async Task RunAsync_LeaverBeforeProvisioning_CancelsTheJoiner()
    {
        var launcher = new ManualLauncher();
        var scenario = new ProvisioningScenario(p => p.ThroughWorkflows(), launcher);
        launcher.Hold = true;
        launcher.Repository = scenario.Repository;
        await scenario.RunAsync(Departments, Lines(Alice, Bob));
        Assert.Equal(2, launcher.Started.Count);                            // started, waiting for approval

        // Bob leaves while his onboarding runs: nothing is decided for him while it may take effect; once it is
        // settled, the next run compares again and offboards him.
        scenario.NextDay();
        var day2 = await scenario.RunAsync(Departments, Lines(Alice));
        Assert.Equal(0, day2.Provisioning!.Orders[OrderKind.Deactivated]);
        Assert.Equal(2, day2.Provisioning.Waiting);
        Assert.Equal(2, day2.Provisioning.Transmitted);
        launcher.Hold = false;
        launcher.CompleteAll(scenario.Repository);
        scenario.NextDay();
        var day3 = await scenario.RunAsync(Departments, Lines(Alice));
        Assert.Equal(1, day3.Provisioning!.Orders[OrderKind.Deactivated]);
        Assert.Equal(3, day3.Provisioning.Executed);                        // the two onboardings, then Bob's offboarding
        Assert.Equal(IdentityState.Inactive, (await scenario.IdentityOfAsync("E2")).State);
    }

    internal static string Lines(params string[] lines) => string.Join("\n", lines);

    internal static Dictionary<string, object?> Values(params (string Property, object? Value)[] values)
        => values.ToDictionary(v => v.Property, v => v.Value, StringComparer.OrdinalIgnoreCase);
}
