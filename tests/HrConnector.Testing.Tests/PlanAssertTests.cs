using HrConnector.Jobs;
using HrConnector.Synchronization;

namespace HrConnector.Testing.Tests;

public class PlanAssertTests
{
    /// <summary>Day 1: E1 and E2. Day 2: E1 promoted and born another day, E2 gone, E3 new.</summary>
    private static async Task<SyncPlan> Day2Async()
    {
        var bed = new ConnectorTestBed(Hr.Create(null));
        await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));
        bed.NextDay();
        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1, "Manager", "1990-01-02"), Hr.Person(3)));
        return result.Plan!;
    }

    [Fact]
    public async Task Inserted_Updated_Deleted_ExactKeys_Pass()
    {
        var plan = await Day2Async();

        PlanAssert.Inserted(plan, "Person", "E3");
        PlanAssert.Updated(plan, "person", "E1");
        PlanAssert.Deleted(plan, "Person", "E2");
    }

    [Fact]
    public async Task Inserted_MissingKey_SaysWhichOne()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Inserted(plan, "Person", "E3", "E4"));

        Assert.Equal("Person inserts E3; expected E3, E4: missing E4.", exception.Message);
    }

    [Fact]
    public async Task Updated_NoneExpected_NamesTheUnexpectedKeys()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Updated(plan, "Person"));

        Assert.Equal("Person updates E1; expected none: unexpected E1.", exception.Message);
    }

    [Fact]
    public async Task Deleted_WrongKey_NamesMissingAndUnexpected()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Deleted(plan, "Person", "E1"));

        Assert.Equal("Person deletes E2; expected E1: missing E1; unexpected E2.", exception.Message);
    }

    [Fact]
    public async Task Inserted_EntityTypeNotInThePlan_ListsTheOnesThatAre()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Inserted(plan, "Department"));

        Assert.Equal("The plan has no entity type 'Department'; it has: Person.", exception.Message);
    }

    [Fact]
    public async Task Status_Same_Passes_Different_Fails()
    {
        var plan = await Day2Async();

        PlanAssert.Status(plan, PlanStatus.Ready);
        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Status(plan, PlanStatus.Blocked));

        Assert.Equal("The plan is Ready, expected Blocked.", exception.Message);
    }

    [Fact]
    public async Task Status_Blocked_GivesTheReasons()
    {
        var bed = new ConnectorTestBed(Hr.Create(null, thresholds: true));
        await bed.RunDayAsync("Person", Hr.People(Hr.Person(1), Hr.Person(2)));
        var result = await bed.RunDayAsync("Person", Hr.People(Hr.Person(1)));

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Status(result.Plan, PlanStatus.Ready));

        Assert.Equal("The plan is Blocked, expected Ready. Reasons: " + string.Join(" ", result.Plan!.Reasons), exception.Message);
        Assert.NotEmpty(result.Plan.Reasons);
    }

    [Fact]
    public void AnyAssertion_NoPlan_Fails()
    {
        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.Inserted(null, "Person", "E1"));

        Assert.Equal("There is no plan: the run stopped before computing one.", exception.Message);
    }

    [Fact]
    public async Task PropertyChanged_OldAndNewValues_Pass()
    {
        var plan = await Day2Async();

        PlanAssert.PropertyChanged(plan, "Person", "E1", "Title", "Analyst", "Manager");
        PlanAssert.PropertyChanged(plan, "Person", "E1", "BirthDate", new DateOnly(1990, 1, 1), new DateOnly(1990, 1, 2));
        PlanAssert.PropertyChanged(plan, "Person", "E3", "Title", null, "Analyst");
        PlanAssert.PropertyChanged(plan, "Person", "E2", "LastName", "Last2", null);
    }

    [Fact]
    public async Task PropertyChanged_ResourceUnchanged_Fails()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.PropertyChanged(plan, "Person", "E9", "Title", "Analyst", "Manager"));

        Assert.Equal("Person 'E9' does not change: it is not inserted, updated or deleted.", exception.Message);
    }

    [Fact]
    public async Task PropertyChanged_PropertyUnchanged_ListsTheChangedOnes()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.PropertyChanged(plan, "Person", "E1", "FirstName", "First1", "Ada"));

        Assert.Equal("Person 'E1' (Update): FirstName does not change. The properties that change are: Title, BirthDate.", exception.Message);
    }

    [Fact]
    public async Task PropertyChanged_OtherValues_QuotesBoth()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.PropertyChanged(plan, "Person", "E1", "Title", "Analyst", "Director"));

        Assert.Equal("Person 'E1' (Update): Title changes from 'Analyst' to 'Manager', expected from 'Analyst' to 'Director'.", exception.Message);
    }

    [Fact]
    public async Task PropertyChanged_SensitiveProperty_HidesTheValues()
    {
        var plan = await Day2Async();

        var exception = Assert.Throws<HrAssertionException>(() => PlanAssert.PropertyChanged(plan, "Person", "E1", "BirthDate", new DateOnly(1990, 1, 1), new DateOnly(1999, 9, 9)));

        Assert.Equal("Person 'E1' (Update): BirthDate changes from (hidden: sensitive property) to (hidden: sensitive property), expected from (hidden: sensitive property) to (hidden: sensitive property).", exception.Message);
    }
}
