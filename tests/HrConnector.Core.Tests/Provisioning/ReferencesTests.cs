using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Tests.Provisioning;

using static HrConnector.Tests.Shared.ScenarioRows;
using HrConnector.Tests.Jobs;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// References to identities (Reference: IdentityId): a person's Manager is provisioned as the identity id of the
/// manager's identity, not as their HR key; a reference to a record without an identity (yet) is left empty, reported
/// with HR keys only, and set by a follow-up order of the run that creates the target's identity (or by the first run
/// that sees it, when a workflow creates it later); a manager change, or the manager's identity re-created, updates it.
/// </summary>
[Trait("Category", "IdentityShaping")]
public sealed class ReferencesTests
{
    /// <summary>Bob, who joins in a month, no manager (a future hire while his start date is beyond the pre-start window).</summary>
    private const string BobLater = "E2,Bob,Stone,bob@corp.example,Developer,222,CC1,2026-02-04,,IT";

    private static string Lines(params string[] lines) => string.Join("\n", lines);

    private static ProvisioningScenario Scenario() => new(p => p.Options.Properties.Single(x => x.Identity == "Manager").Reference = IdentityReference.IdentityId);

    [Fact]
    public async Task RunAsync_ManagerAndReportJoinTheSameDay_ReferenceSetByAFollowUpOrderOfTheSameRun()
    {
        var scenario = Scenario();

        // Day 1: Bob and Carol (managed by Bob) join. Bob has no identity yet when Carol's order is decided: she is
        // created without a manager, and once the dispatch created Bob, a follow-up order of the same run sets it.
        var day1 = await scenario.RunAsync(Departments, Lines(Bob, Carol));
        Assert.Equal(2, day1.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(1, day1.Provisioning.Orders[OrderKind.Modified]);
        Assert.Equal(3, day1.Provisioning.Executed);
        var followUp = Assert.Single(day1.Orders, o => o.Kind == OrderKind.Modified);
        Assert.Equal(OrderReason.ReferenceResolved, followUp.Reason);
        Assert.Equal("E3", followUp.ResourceKey);
        Assert.Contains(day1.Steps, s => s.Step == JobStep.References);
        var bob = await scenario.IdentityOfAsync("E2");
        var carol = await scenario.IdentityOfAsync("E3");
        Assert.Equal(bob.Id, carol.GetValue("Manager"));
        Assert.NotEqual("E2", bob.Id);
        Assert.DoesNotContain(day1.Messages, m => m.Contains("reference a record without an identity", StringComparison.Ordinal));
        Assert.Equal(JobStatus.Succeeded, day1.Status);

        // Day 2: the same file: nothing to do (the follow-up recorded what it applied).
        scenario.NextDay();
        var day2 = await scenario.RunAsync(Departments, Lines(Bob, Carol));
        Assert.Equal(0, day2.Provisioning!.Orders.Values.Sum());
    }

    [Fact]
    public async Task RunAsync_ManagerCreationWaitsForAWorkflow_ReferenceSetByTheRunThatSeesTheIdentity()
    {
        // Onboarding runs in a workflow that completes later: nothing is created during the run, so nothing follows up.
        var launcher = new ManualLauncher { Hold = true };
        var scenario = new ProvisioningScenario(p =>
        {
            p.Options.Properties.Single(x => x.Identity == "Manager").Reference = IdentityReference.IdentityId;
            p.ThroughWorkflows();
        }, launcher);
        launcher.Repository = scenario.Repository;

        var day1 = await scenario.RunAsync(Departments, Lines(Bob, Carol));
        Assert.Equal(2, day1.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(0, day1.Provisioning.Orders[OrderKind.Modified]);
        Assert.DoesNotContain(day1.Steps, s => s.Step == JobStep.References);
        var pending = Assert.Single(day1.Messages, m => m.Contains("reference a record without an identity", StringComparison.Ordinal));
        Assert.Contains("'E3' referencing 'E2'", pending, StringComparison.Ordinal);
        Assert.DoesNotContain("Carol", pending, StringComparison.Ordinal);

        // The workflows complete; the next run learns the identities, then sets Carol's Manager.
        launcher.Hold = false;
        launcher.CompleteAll(scenario.Repository);
        scenario.NextDay();
        var day2 = await scenario.RunAsync(Departments, Lines(Bob, Carol));
        var set = Assert.Single(day2.Orders, o => o.Kind == OrderKind.Modified);
        Assert.Equal((OrderReason.ReferenceResolved, "Manager"), (set.Reason, Assert.Single(set.Changes).Property));
        Assert.DoesNotContain(day2.Messages, m => m.Contains("reference a record without an identity", StringComparison.Ordinal));
        Assert.Equal((await scenario.IdentityOfAsync("E2")).Id, (await scenario.IdentityOfAsync("E3")).GetValue("Manager"));
    }

    [Fact]
    public async Task RunAsync_ManagerJoinsLater_ReferenceSetOnceTheManagerHasAnIdentity()
    {
        var scenario = Scenario();

        // Day 1: Carol joins; her manager Bob is a future hire, without identity.
        var day1 = await scenario.RunAsync(Departments, Lines(BobLater, Carol));
        Assert.Equal(1, day1.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(1, day1.Provisioning.Deferred);
        Assert.False((await scenario.IdentityOfAsync("E3")).Properties.ContainsKey("Manager"));
        Assert.Contains(day1.Messages, m => m.Contains("'E3' referencing 'E2'", StringComparison.Ordinal));

        // Day 2: still pending, still reported, no order (nothing changed for Carol).
        scenario.NextDay();
        var day2 = await scenario.RunAsync(Departments, Lines(BobLater, Carol));
        Assert.Equal(0, day2.Provisioning!.Orders[OrderKind.Modified]);
        Assert.Contains(day2.Messages, m => m.Contains("'E3' referencing 'E2'", StringComparison.Ordinal));

        // Day 26: Bob is within the pre-start window and gets his identity; the same run points Carol's Manager to it.
        scenario.NextDay(24);
        var day26 = await scenario.RunAsync(Departments, Lines(BobLater, Carol));
        Assert.Equal(1, day26.Provisioning!.Orders[OrderKind.Added]);
        Assert.Equal(OrderReason.ReferenceResolved, Assert.Single(day26.Orders, o => o.Kind == OrderKind.Modified).Reason);
        var bob = await scenario.IdentityOfAsync("E2");
        Assert.Equal(bob.Id, (await scenario.IdentityOfAsync("E3")).GetValue("Manager"));
        Assert.DoesNotContain(day26.Messages, m => m.Contains("reference a record without an identity", StringComparison.Ordinal));

        // Day 27: nothing left to do.
        scenario.NextDay();
        var day27 = await scenario.RunAsync(Departments, Lines(BobLater, Carol));
        Assert.Equal(0, day27.Provisioning!.Orders.Values.Sum());
    }

    [Fact]
    public async Task RunAsync_ManagerChanges_ReferenceFollowsTheNewManagersIdentity()
    {
        var scenario = Scenario();
        await scenario.RunAsync(Departments, Lines(Bob, Dan));
        scenario.NextDay();
        await scenario.RunAsync(Departments, Lines(Bob, Carol, Dan));
        var bob = await scenario.IdentityOfAsync("E2");
        var dan = await scenario.IdentityOfAsync("E4");
        Assert.Equal(bob.Id, (await scenario.IdentityOfAsync("E3")).GetValue("Manager"));
        Assert.Equal(bob.Id, dan.GetValue("Manager"));

        // Carol moves to Dan's team (and to SALES): a mover, whose Manager is Dan's identity id.
        scenario.NextDay();
        var day3 = await scenario.RunAsync(Departments, Lines(Bob, CarolMoved, Dan));
        Assert.Equal(1, day3.Provisioning!.Orders[OrderKind.Modified]);
        var carol = await scenario.IdentityOfAsync("E3");
        Assert.Equal(dan.Id, carol.GetValue("Manager"));
        Assert.Equal("SALES", carol.GetValue("Department"));                // a Department stays an HR key
    }

    [Fact]
    public async Task RunAsync_ManagerIdentityCreatedAgain_ReportsFollowTheNewIdentity()
    {
        var scenario = new ProvisioningScenario(p =>
        {
            p.Options.Properties.Single(x => x.Identity == "Manager").Reference = IdentityReference.IdentityId;
            p.Leavers(LeaverAction.Delete);
        });
        await scenario.RunAsync(Departments, Lines(Bob, Dan));
        scenario.NextDay();
        await scenario.RunAsync(Departments, Lines(Bob, Dan));
        var oldBob = await scenario.IdentityOfAsync("E2");
        Assert.Equal(oldBob.Id, (await scenario.IdentityOfAsync("E4")).GetValue("Manager"));

        // Bob leaves and his identity is deleted (Dan's row, still naming him, is rejected and kept as it was).
        scenario.NextDay();
        var left = await scenario.RunAsync(Departments, Lines(Dan), force: true);
        Assert.Equal(1, left.Provisioning!.Orders[OrderKind.Deleted]);

        // Dan's HR record is unchanged, but his manager has no identity any more: the reference is emptied and reported.
        scenario.NextDay();
        var emptied = await scenario.RunAsync(Departments, Lines(Dan), force: true);
        Assert.Equal(OrderReason.ReferenceResolved, Assert.Single(emptied.Orders, o => o.Kind == OrderKind.Modified).Reason);
        Assert.Contains(emptied.Messages, m => m.Contains("'E4' referencing 'E2'", StringComparison.Ordinal));
        Assert.Null((await scenario.IdentityOfAsync("E4")).GetValue("Manager"));

        // Bob is rehired with a new identity; the same run points Dan's Manager to it.
        scenario.NextDay();
        var rehired = await scenario.RunAsync(Departments, Lines(Bob, Dan), force: true);
        var newBob = await scenario.IdentityOfAsync("E2");
        Assert.NotEqual(oldBob.Id, newBob.Id);
        Assert.Equal(1, rehired.Provisioning!.Orders[OrderKind.Modified]);
        Assert.Equal(newBob.Id, (await scenario.IdentityOfAsync("E4")).GetValue("Manager"));
        scenario.NextDay();
        var after = await scenario.RunAsync(Departments, Lines(Bob, Dan), force: true);
        Assert.Equal(0, after.Provisioning!.Orders.Values.Sum());
    }
}
