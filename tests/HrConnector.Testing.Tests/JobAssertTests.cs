using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Testing.Tests;

public class JobAssertTests
{
    private static Task<JobResult> JoinersAsync() => new ConnectorTestBed(Hr.Create()).RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));

    [Fact]
    public async Task Status_Same_Passes_Different_Fails()
    {
        var result = await JoinersAsync();

        JobAssert.Status(result, JobStatus.Succeeded);
        var exception = Assert.Throws<HrAssertionException>(() => JobAssert.Status(result, JobStatus.Failed));

        Assert.Equal($"The run {result.RunId} is Succeeded, expected Failed.", exception.Message);
    }

    [Fact]
    public async Task Status_Blocked_GivesTheRunMessages()
    {
        var bed = new ConnectorTestBed(Hr.Create(thresholds: true));
        await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));
        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));

        var exception = Assert.Throws<HrAssertionException>(() => JobAssert.Status(result, JobStatus.Succeeded));

        Assert.NotEmpty(result.Messages);
        Assert.Equal($"The run {result.RunId} is Blocked, expected Succeeded. Messages: " + string.Join(" ", result.Messages), exception.Message);
    }

    [Fact]
    public async Task Orders_Count_Passes_WhenEqual()
    {
        var result = await JoinersAsync();

        JobAssert.Orders(result, OrderKind.Added, 2);
        JobAssert.Orders(result, OrderKind.Deleted, 0);
    }

    [Fact]
    public async Task Orders_OtherCount_GivesEveryKindsCount()
    {
        var result = await JoinersAsync();

        var exception = Assert.Throws<HrAssertionException>(() => JobAssert.Orders(result, OrderKind.Added, 3));

        Assert.Equal($"The run {result.RunId} produced 2 Added orders, expected 3. Orders: 2 Added.", exception.Message);
    }

    [Fact]
    public async Task Orders_Keys_Pass_WhenExactlyThose()
    {
        var result = await JoinersAsync();

        JobAssert.Orders(result, OrderKind.Added, "E2", "E1");
        JobAssert.Orders(result, OrderKind.Deactivated);
    }

    [Fact]
    public async Task Orders_OtherKeys_NamesTheDifference()
    {
        var result = await JoinersAsync();

        var exception = Assert.Throws<HrAssertionException>(() => JobAssert.Orders(result, OrderKind.Added, "E1"));

        Assert.Equal($"The run {result.RunId} produced Added orders for E1, E2; expected E1: unexpected E2. Orders: 2 Added.", exception.Message);
    }
}
