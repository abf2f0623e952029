using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>
/// Bad HR files read through <see cref="Synchronizer.PreviewAsync"/>: blank, header only, cut short, unreadable. Each
/// ends Blocked or Failed, and no stored person is deleted unless the run is forced.
/// </summary>
public sealed class SynchronizerFileSafetyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-safety-").FullName;

    private string PeoplePath => Path.Combine(_folder, "people.csv");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PreviewAsync_BlankFileWithThresholdsOff_FailsWithTheFileErrorAndDeletesNothing()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: true);
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllBytes(PeoplePath, []);

        var plan = await synchronizer.PreviewAsync();
        var applied = await synchronizer.ApplyAsync(plan, force: true);

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal([$"Person: {PeoplePath}: the file is empty: it has no header row."], plan.Reasons);
        Assert.Empty(plan.EntityTypes);
        Assert.Equal(await store.GetLastRunIdAsync("HR"), plan.BaseRunId);
        Assert.Equal((false, PlanStatus.Failed, false), (applied.Applied, applied.Plan.Status, applied.Forced));
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_HeaderOnlyFileWithThresholdsOff_IsBlockedAndDeletesNothingWithoutForce()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: true);
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, TestConnectors.PeopleHeader + "\n");

        var plan = await synchronizer.PreviewAsync();
        var applied = await synchronizer.ApplyAsync(plan);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(["Person: the file has no data rows, so all 40 stored resources would be deleted; a blank or emptied HR file is never trusted. Check the file; if it is right, accept it (--accept-empty-source)."], plan.Reasons);
        Assert.Equal((0L, 40), (plan["Person"].RowCount, plan["Person"].Deletes.Count));
        Assert.Empty(plan["Person"].Breaches);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, applied);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_HeaderOnlyFileWithDefaultThresholds_GivesBothReasons()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: false);
        File.WriteAllText(PeoplePath, TestConnectors.PeopleHeader + "\n");

        var plan = await synchronizer.PreviewAsync();

        Assert.Equal(
            [
                "Person: the file has no data rows, so all 40 stored resources would be deleted; a blank or emptied HR file is never trusted. Check the file; if it is right, accept it (--accept-empty-source).",
                "Person: 40 deletes exceed the threshold of 2 (MaxDeletedPercent (connector) = 5% of 40). Review the plan, then accept them if they are right (--accept deletes).",
            ],
            plan.Reasons);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan));
        Assert.Equal(40, await store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_HalfTheRowsCutAtALineEnd_IsBlockedByTheDefaultThresholds()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: false);
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, PeopleRange(1, 20));

        var plan = await synchronizer.PreviewAsync();
        var applied = await synchronizer.ApplyAsync(plan);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(["Person: 20 deletes exceed the threshold of 2 (MaxDeletedPercent (connector) = 5% of 40). Review the plan, then accept them if they are right (--accept deletes)."], plan.Reasons);
        Assert.Equal(new ThresholdBreach("Person", ChangeKind.Delete, 20, 2, "MaxDeletedPercent (connector) = 5% of 40"), Assert.Single(plan["Person"].Breaches));
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, applied);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_CutInsideAQuotedFieldWithThresholdsOff_IsTruncatedAndBlocked()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: true, c => c.CutLastRecord = CutLastRecordHandling.RejectAndHoldDeletes);
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, PeopleRange(1, 20) + "E21,\"First 2");

        var read = connector.Read("Person");
        var plan = await synchronizer.PreviewAsync();
        var applied = await synchronizer.ApplyAsync(plan);

        Assert.True(read.IsTruncated);
        var reject = Assert.Single(read.Rejects);
        Assert.Equal((RejectReason.UnterminatedQuote, 22L, "E21"), (reject.Reason, reject.Line, reject.Key));
        Assert.Equal("people.csv:22: a quoted field (column 'FirstName') opened on this line is never closed, and the file ends on this line: the line could not be read; the file is incomplete.", reject.Message);
        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(
            "Person: the file is incomplete (its last record, line 22, does not end with a line break and a quoted value in it is never closed: the file was cut while it was written), so its 19 deletions are held back. Fix the file, or accept them (--accept-empty-source).",
            string.Join(" / ", plan.Reasons));
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, applied);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task PreviewAsync_CutLastRecordWithoutQuote_HoldBackReasonSaysTheLastRecordWasCut()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: true, c => c.CutLastRecord = CutLastRecordHandling.RejectAndHoldDeletes);
        File.WriteAllText(PeoplePath, PeopleRange(1, 20) + "E21,First21,Las");

        var plan = await synchronizer.PreviewAsync();

        Assert.Equal(
            "Person: the file is incomplete (its last record, line 22, does not end with a line break and has a different number of fields than the header: the file was cut while it was written), so its 19 deletions are held back. Fix the file, or accept them (--accept-empty-source).",
            string.Join(" / ", plan.Reasons));
        Assert.DoesNotContain("quoted", plan.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task PreviewAsync_UnterminatedQuoteInTheMiddle_HoldBackReasonSaysWhichLinesTheQuoteSwallowed()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: true);
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, People([.. Enumerable.Range(1, 20).Select(n => n == 10 ? Person(n).Replace("First10", "\"First10", StringComparison.Ordinal) : Person(n))]));

        var plan = await synchronizer.PreviewAsync();

        var reject = Assert.Single(plan["Person"].Rejects);
        Assert.Equal((RejectReason.UnterminatedQuote, 11L, "E10"), (reject.Reason, reject.Line, reject.Key));
        Assert.Equal(
            "Person: the file is incomplete (a quoted field opened on line 11 is never closed, so lines 11 to 21 could not be read), so its 30 deletions are held back. Fix the file, or accept them (--accept-empty-source).",
            string.Join(" / ", plan.Reasons));
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan));
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_WrongDelimiterWithThresholdsOff_FailsAndDeletesNothing()
    {
        var (synchronizer, store, connector) = await LoadedAsync(40, thresholdsOff: true);
        var before = await DescribeAsync(store, "Department", "Person");
        File.WriteAllText(PeoplePath, PeopleRange(1, 40).Replace(',', ';'));

        var plan = await synchronizer.PreviewAsync();
        var applied = await synchronizer.ApplyAsync(plan, force: true);

        Assert.Equal(PlanStatus.Failed, plan.Status);
        var nl = Environment.NewLine;
        Assert.Equal(
            [
                $"Person: {PeoplePath}:1: 2 problems:{nl} - the header lacks 11 columns that the mapping of 'Person' reads: 'EmployeeId', 'FirstName', 'LastName', 'BirthDate', 'HireDate', 'Fte', 'IsContractor', 'CostCenter', 'Roles', 'ManagerId', 'DepartmentCode'.{nl} - the header has a single column: is the delimiter right? The connection 'people' splits on ','.",
            ],
            plan.Reasons);
        SyncTestKit.AssertNotApplied(PlanStatus.Failed, applied);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_MissingFile_FailsAndNamesTheFile()
    {
        var (synchronizer, store, connector) = await LoadedAsync(5, thresholdsOff: true);
        File.Delete(PeoplePath);

        var plan = await synchronizer.PreviewAsync();

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal([$"Person: {PeoplePath}: The file of connection 'people' does not exist."], plan.Reasons);
        SyncTestKit.AssertNotApplied(PlanStatus.Failed, await synchronizer.ApplyAsync(plan, force: true));
        Assert.Equal(5, await store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_RowWithoutAKey_BlocksTheDeletions()
    {
        var (synchronizer, store, connector) = await LoadedAsync(20, thresholdsOff: true);
        File.WriteAllText(PeoplePath, People([.. Enumerable.Range(1, 18).Select(n => Person(n)), ",Someone,Unknown,01/01/1990,2020-01-01,1.0,N,100,,,D1"]));

        var plan = await synchronizer.PreviewAsync();

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(["E19", "E20"], plan["Person"].Deletes.Select(d => d.Key));
        Assert.Equal(["Person: 1 rejected rows have no readable key, so the 2 deletions may remove the resources of those rows. Fix the rows, or accept the deletions (--accept-empty-source)."], plan.Reasons);
        var reject = Assert.Single(plan["Person"].Rejects);
        Assert.Equal((RejectReason.EmptyKey, 20L, "EmployeeId", null), (reject.Reason, reject.Line, reject.Column, reject.Key));
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan));
        Assert.Equal(20, await store.CountAsync("HR", "Person"));
    }

    [Fact]
    public async Task PreviewAsync_StoredPersonWithABadDateToday_IsKeptNeitherDeletedNorUpdated()
    {
        var (synchronizer, store, connector) = await LoadedAsync(20, thresholdsOff: true);
        var before = await ContentAsync(store, "Person");
        File.WriteAllText(PeoplePath, People([.. Enumerable.Range(1, 20).Select(n => n == 7 ? Person(7, lastName: "Changed", birthDate: "31/02/1990") : Person(n))]));

        var plan = await synchronizer.PreviewAsync();
        await synchronizer.ApplyAsync(plan);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(["E7"], people.KeptKeys);
        Assert.Empty(people.Updates);
        Assert.Empty(people.Deletes);
        Assert.Equal(19, people.UnchangedCount);
        var reject = Assert.Single(people.Rejects);
        Assert.Equal((RejectReason.InvalidValue, 8L, "BirthDate", "E7"), (reject.Reason, reject.Line, reject.Column, reject.Key));
        Assert.Equal(before, await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PreviewAsync_ChangedRowsAfterALoadFromFiles_AreUpdated()
    {
        // PreviewAsync reuses the stored payloads of rows whose raw record did not change; a changed row must still be mapped again.
        var (synchronizer, store, connector) = await LoadedAsync(20, thresholdsOff: true);
        var today = People([.. Enumerable.Range(1, 20).Select(n => n == 5 ? Person(5, lastName: "Changed") : Person(n))]);
        File.WriteAllText(PeoplePath, today);

        var plan = await synchronizer.PreviewAsync();
        await synchronizer.ApplyAsync(plan);

        var update = Assert.Single(plan["Person"].Updates);
        Assert.Equal("E5", update.Key);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("LastName", "Last5", "Changed"), (change.Property.Identifier, change.OldValue, change.NewValue));
        Assert.Equal(19, plan["Person"].UnchangedCount);
        Assert.Equal(Content(connector.MapText("Person", today)), await ContentAsync(store, "Person"));
    }

    /// <summary>Writes the departments file and E1..E{count}, and loads them into a new store with an Initial preview.</summary>
    private async Task<(Synchronizer Synchronizer, InMemoryResourceStore Store, Connector Connector)> LoadedAsync(int count, bool thresholdsOff, Action<CsvConnectionOptions>? people = null)
    {
        File.WriteAllText(Path.Combine(_folder, "departments.csv"), Departments);
        File.WriteAllText(PeoplePath, PeopleRange(1, count));
        var builder = Builder(thresholdsOff).BaseDirectory(_folder);
        people?.Invoke(builder.Options.Connections.Single(c => c.Identifier == "people"));
        var connector = builder.Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        var initial = await synchronizer.PreviewAsync(SynchronizationMode.Initial);
        Assert.Equal(PlanStatus.Ready, initial.Status);
        Assert.True((await synchronizer.ApplyAsync(initial)).Applied);
        Assert.Equal(count, await store.CountAsync("HR", "Person"));
        return (synchronizer, store, connector);
    }
}
