using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Testing.Tests;

public class ConnectorTestBedTests
{
    [Fact]
    public async Task RunDayAsync_MapsTheTextAndAppliesTheRun()
    {
        var bed = new ConnectorTestBed(Hr.Create());

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Same(result, bed.LastResult);
        Assert.Equal(2, await bed.Store.CountAsync("HR", "Person"));
        Assert.Equal(2, bed.Repository.Count);
        Assert.All(bed.JournalEntries, e => Assert.Equal(OrderState.Verified, e.State));
        Assert.Equal(FakeClock.DefaultStart, result.StartedAt);
    }

    [Fact]
    public async Task RunDayAsync_EntityTypesNotGiven_KeepTheirStoredState()
    {
        var bed = new ConnectorTestBed(Hr.Create());
        await bed.RunDayAsync(new Dictionary<string, string> { ["Department"] = Hr.Departments, ["Person"] = Hr.People(Hr.Person(1)) });

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(2, await bed.Store.CountAsync("HR", "Department"));
        Assert.Equal(2, await bed.Store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task RunDayAsync_Preview_WritesNothing()
    {
        var bed = new ConnectorTestBed(Hr.Create());

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)), JobRequest.Preview);

        Assert.True(result.Preview);
        Assert.Single(result.Orders);
        Assert.Equal(0, await bed.Store.CountAsync("HR", "Person"));
        Assert.Equal(0, bed.Repository.Count);
        Assert.Empty(bed.JournalEntries);
    }

    [Fact]
    public async Task RunDayAsync_RequestReadOptions_ApplyToTheMapping()
    {
        var bed = new ConnectorTestBed(Hr.Create());

        var result = await bed.RunDayAsync("Person", Hr.People("E1,First1,Last1,Analyst,not-a-date"), new JobRequest { ReadOptions = new Csv.ReadOptions { IncludeValuesInRejects = true } });

        var reject = Assert.Single(result.Rejects);
        Assert.Equal("Person.csv", reject.File);
        Assert.Null(reject.Value); // BirthDate is sensitive: never copied, even when the host opts in.
    }

    [Fact]
    public async Task NextDay_MovesTheClockOfTheRunsByOneDay()
    {
        var bed = new ConnectorTestBed(Hr.Create(), new FakeClock(new DateOnly(2025, 6, 30)));

        bed.NextDay();
        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));

        Assert.Equal(new DateOnly(2025, 7, 1), bed.Clock.Today);
        Assert.Equal(bed.Clock.GetUtcNow(), result.StartedAt);
        Assert.Equal(bed.Clock.GetUtcNow(), Assert.Single(result.Orders).CreatedAt);
    }

    [Fact]
    public async Task GetIdentityAsync_FindsTheLinkedIdentity_OrNull()
    {
        var bed = new ConnectorTestBed(Hr.Create());
        await bed.RunDayAsync("Person", Hr.People(Hr.Person(1, title: "Engineer")));

        var identity = await bed.GetIdentityAsync("E1");

        Assert.Equal("Engineer", identity!.GetValue("Title"));
        Assert.Null(await bed.GetIdentityAsync("E2"));
    }

    [Fact]
    public async Task Workflows_CompletedByTheLauncher_CreateIdentities()
    {
        var bed = new ConnectorTestBed(Hr.Create(ProvisioningTarget.Workflows));

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));

        Assert.Equal(["E1", "E2"], bed.Launcher.Started.Select(o => o.ResourceKey));
        Assert.All(bed.Launcher.Started, o => Assert.Equal("HR_Onboarding", o.Workflow));
        Assert.Equal(2, result.Provisioning!.Executed);
        Assert.NotNull(await bed.GetIdentityAsync("E2"));
    }

    [Fact]
    public async Task Workflows_Manual_CompleteBeforeTheNextRun_Executes()
    {
        var bed = new ConnectorTestBed(Hr.Create(ProvisioningTarget.Workflows));
        bed.Launcher.Completion = WorkflowCompletion.Manual;
        var day1 = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));
        Assert.Equal(1, day1.Provisioning!.Transmitted);
        Assert.Null(await bed.GetIdentityAsync("E1"));

        await bed.Launcher.CompleteAsync(bed.Launcher.Started[0].Id);
        bed.NextDay();
        var day2 = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));

        Assert.Equal(1, day2.Provisioning!.Executed);
        Assert.NotNull(await bed.GetIdentityAsync("E1"));
        Assert.Equal(OrderState.Verified, Assert.Single(bed.JournalEntries).State);   // settled at the start of day 2, then seen on the identity
    }

    [Fact]
    public async Task RunDayAsync_UsesALockOfItsOwn_SoTestsOfOneConnectorRunInParallel()
    {
        var bed = new ConnectorTestBed(Hr.Create());
        // Another job of the process, on the default shared lock, is running the same connector.
        await using var held = await InMemoryConnectorRunLock.Shared.TryAcquireAsync("HR");
        Assert.NotNull(held);

        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));

        Assert.Equal(JobStatus.Succeeded, result.Status);
    }
}
