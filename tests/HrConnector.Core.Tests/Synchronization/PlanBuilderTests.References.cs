using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using HrConnector.Csv;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>References to resources that exist nowhere, under each <see cref="DanglingReferencePolicy"/>, and link changes.</summary>
public class PlanBuilderReferencesTests
{
    /// <summary>Yesterday: E1 heads D1, E2 reports to E1 in D1, E3 is in D2.</summary>
    private static readonly string Yesterday = People(Person(1), Person(2, manager: "E1"), Person(3, department: "D2"));

    [Fact]
    public async Task PlanAsync_RejectRowOnAnUpdate_DropsTheUpdateAndKeepsTheStoredResource()
    {
        var (connector, synchronizer, store) = await LoadAsync(DanglingReferencePolicy.RejectRow);
        var before = await ContentAsync(store, "Person");

        var plan = await synchronizer.PlanAsync(Snapshot(connector, People(Person(1), Person(2, lastName: "Moved", manager: "E1", department: "D9"), Person(3, department: "D2"))));
        await synchronizer.ApplyAsync(plan);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(people.Updates);
        Assert.Empty(people.Deletes);
        Assert.Equal(["E2"], people.KeptKeys);
        Assert.Equal(2, people.UnchangedCount);
        var reject = Assert.Single(people.Rejects);
        Assert.Equal(new Reject("Person", "text.csv", 3, "DepartmentCode", RejectReason.DanglingReference, "text.csv:3: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; the resource stays as it was.", "E2"), reject);
        Assert.Equal([new DanglingReference("Person", "E2", 3, "Department", "Department", "D9", DanglingReferencePolicy.RejectRow)], people.DanglingReferences);
        Assert.Equal(before, await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_RejectRowOnAnInsert_DropsTheInsert()
    {
        var (connector, synchronizer, store) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, Yesterday + Person(4, manager: "E99") + "\n"));
        await synchronizer.ApplyAsync(plan);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(people.Inserts);
        Assert.Empty(people.KeptKeys);
        Assert.Equal("text.csv:5: column 'ManagerId': the Person referred to by 'Manager' exists nowhere. The row is rejected; nothing is stored for it.", Assert.Single(people.Rejects).Message);
        Assert.Equal([new DanglingReference("Person", "E4", 5, "Manager", "Person", "E99", DanglingReferencePolicy.RejectRow)], people.DanglingReferences);
        Assert.Equal(["E1", "E2", "E3"], (await ContentAsync(store, "Person")).Keys);
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task PlanAsync_RejectRow_SaysTheResourceStaysOnlyWhenOneIsStored()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, People(Person(1), Person(2, lastName: "Moved", department: "D9"), Person(3, department: "D2"), Person(4, department: "D9"))));

        Assert.Equal(
            [
                "text.csv:3: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; the resource stays as it was.",
                "text.csv:5: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; nothing is stored for it.",
            ],
            plan["Person"].Rejects.Select(r => r.Message).Order(StringComparer.Ordinal));
        Assert.Equal(["E2"], plan["Person"].KeptKeys);
    }

    [Fact]
    public async Task PlanAsync_RemoveLink_SynchronizesTheResourceWithoutTheLink()
    {
        var (connector, synchronizer, store) = await LoadAsync(DanglingReferencePolicy.RemoveLink);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, People(Person(1), Person(2, lastName: "Moved", manager: "E1", department: "D9"), Person(3, department: "D2"))));
        await synchronizer.ApplyAsync(plan);

        var people = plan["Person"];
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(people.Rejects);
        Assert.Empty(people.KeptKeys);
        var update = Assert.Single(people.Updates);
        Assert.Equal("E2", update.Key);
        Assert.Equal(
            [("LastName", (object?)"Last2", (object?)"Moved"), ("Department", "D1", null)],
            update.Changes.Select(c => (c.Property.Identifier, c.OldValue, c.NewValue)));
        Assert.Null(update.NewResource!["Department"]);
        Assert.Equal("E1", update.NewResource["Manager"]);
        Assert.Equal([new DanglingReference("Person", "E2", 3, "Department", "Department", "D9", DanglingReferencePolicy.RemoveLink)], people.DanglingReferences);
        var expected = connector.MapText("Person", People(Person(1), Person(2, lastName: "Moved", manager: "E1", department: ""), Person(3, department: "D2")));
        Assert.Equal(Content(expected), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_RemoveLinkOnAnInsertWithTwoDanglingLinks_ListsBothAndInsertsWithoutThem()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.RemoveLink);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, Yesterday + Person(4, manager: "E99", department: "D9") + "\n"));

        var people = plan["Person"];
        var insert = Assert.Single(people.Inserts);
        Assert.Equal(("E4", null, null), (insert.Key, insert.NewResource!["Manager"], insert.NewResource["Department"]));
        Assert.Equal(
            [
                new DanglingReference("Person", "E4", 5, "Manager", "Person", "E99", DanglingReferencePolicy.RemoveLink),
                new DanglingReference("Person", "E4", 5, "Department", "Department", "D9", DanglingReferencePolicy.RemoveLink),
            ],
            people.DanglingReferences);
        Assert.DoesNotContain(insert.Changes, c => c.Property.IsNavigation);
    }

    [Fact]
    public async Task PlanAsync_RemoveLinkOnAMultiValuedNavigation_RemovesOnlyTheMissingKey()
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Group", e => e.Property("Name"))
            .EntityType("Person", e => e.Property("LastName").Navigation("Groups", "Group", isMultiValued: true))
            .CsvConnection("groups", c => c.Path = "groups.csv")
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Group", "groups", "Code", m => m.Column("Name", "Name"))
            .Map("Person", "people", "EmployeeId", m => m.Column("LastName", "LastName").Column("Groups", "Groups", g => g.Separator = "|"));
        Off(builder.Options.Thresholds);
        builder.Options.DanglingReferences = DanglingReferencePolicy.RemoveLink;
        var connector = builder.Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var plan = await synchronizer.PlanAsync(
        [
            connector.MapText("Group", "Code,Name\nG1,One\nG2,Two\n"),
            connector.MapText("Person", "EmployeeId,LastName,Groups\nE1,Smith,G2|G9|G1\n"),
        ]);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        var insert = Assert.Single(plan["Person"].Inserts);
        Assert.Equal(new object[] { "G1", "G2" }, Assert.IsAssignableFrom<IEnumerable<object>>(insert.NewResource!["Groups"]));
        Assert.Equal([new DanglingReference("Person", "E1", 2, "Groups", "Group", "G9", DanglingReferencePolicy.RemoveLink)], plan["Person"].DanglingReferences);
    }

    [Fact]
    public async Task PlanAsync_FailRun_FailsWithTheReasonAndNeverApplies()
    {
        var (connector, synchronizer, store) = await LoadAsync(DanglingReferencePolicy.FailRun);
        var before = await DescribeAsync(store, "Department", "Person");

        var plan = await synchronizer.PlanAsync(Snapshot(connector, People(Person(1), Person(2, manager: "E1", department: "D9"), Person(3, department: "D2"))));
        var applied = await synchronizer.ApplyAsync(plan, force: true);

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal(["Person: text.csv:3: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere."], plan.Reasons);
        Assert.Equal([new DanglingReference("Person", "E2", 3, "Department", "Department", "D9", DanglingReferencePolicy.FailRun)], plan["Person"].DanglingReferences);
        Assert.Equal((false, PlanStatus.Failed, false), (applied.Applied, applied.Plan.Status, applied.Forced));
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    [Trait("Category", "InputSafety")]
    public async Task PlanAsync_FailRunWithManyDanglingReferences_ListsTheFirstTenThenCountsTheRest()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.FailRun);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, Yesterday + string.Concat(Enumerable.Range(4, 1012).Select(n => Person(n, department: "D9") + "\n"))));

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal(
            [
                .. Enumerable.Range(5, 10).Select(line => $"Person: text.csv:{line}: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere."),
                "Person: … and 1,002 more references that exist nowhere (DanglingReferences FailRun).",
            ],
            plan.Reasons);
        Assert.Equal(1012, plan["Person"].DanglingReferences.Count);
    }

    [Theory]
    [InlineData(DanglingReferencePolicy.RejectRow)]
    [InlineData(DanglingReferencePolicy.RemoveLink)]
    [InlineData(DanglingReferencePolicy.FailRun)]
    public async Task PlanAsync_ManagerLaterInTheSameFile_IsNotDangling(DanglingReferencePolicy policy)
    {
        var (connector, synchronizer, _) = await LoadAsync(policy);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, Yesterday + Person(4, manager: "E5") + "\n" + Person(5, manager: "E4") + "\n"));

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Empty(plan["Person"].DanglingReferences);
        Assert.Empty(plan["Person"].Rejects);
        Assert.Equal(["E4", "E5"], plan["Person"].Inserts.Select(i => i.Key));
        Assert.Equal("E5", plan["Person"].Inserts[0].NewResource!["Manager"]);
    }

    [Fact]
    public async Task PlanAsync_ManagerDeletedToday_MakesTheChangedRowDangle()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, People(Person(2, lastName: "Changed", manager: "E1"), Person(3, department: "D2"))));

        Assert.Equal(["E1"], plan["Person"].Deletes.Select(d => d.Key));
        Assert.Equal([new DanglingReference("Person", "E2", 2, "Manager", "Person", "E1", DanglingReferencePolicy.RejectRow)], plan["Person"].DanglingReferences);
        Assert.Empty(plan["Person"].Updates);
        Assert.Equal(["E2"], plan["Person"].KeptKeys);
    }

    [Fact]
    public async Task PlanAsync_IncrementalManagerOnlyInTheStore_IsNotDangling()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", People(Person(4, manager: "E1")))], SynchronizationMode.Incremental);

        Assert.Empty(plan["Person"].DanglingReferences);
        Assert.Equal(["E4"], plan["Person"].Inserts.Select(i => i.Key));
    }

    [Fact]
    public async Task PlanAsync_DepartmentDeletedTodayWithRemoveLink_UnlinksItsUnchangedPeople()
    {
        var (connector, synchronizer, store) = await LoadAsync(DanglingReferencePolicy.RemoveLink);

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", "Code,Name,ParentCode\nD2,Engineering,\n"), connector.MapText("Person", Yesterday)]);
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(["D1"], plan["Department"].Deletes.Select(d => d.Key));
        var people = plan["Person"];
        Assert.Equal(
            [
                new DanglingReference("Person", "E1", 2, "Department", "Department", "D1", DanglingReferencePolicy.RemoveLink),
                new DanglingReference("Person", "E2", 3, "Department", "Department", "D1", DanglingReferencePolicy.RemoveLink),
            ],
            people.DanglingReferences.OrderBy(d => d.Key, StringComparer.Ordinal));
        Assert.Equal(["E1", "E2"], people.Updates.Select(u => u.Key));
        Assert.All(people.Updates, u => Assert.Equal(("Department", (object?)"D1", (object?)null), (Assert.Single(u.Changes).Property.Identifier, u.Changes[0].OldValue, u.Changes[0].NewValue)));
        Assert.Equal(1, people.UnchangedCount);
        var expected = connector.MapText("Person", People(Person(1, department: ""), Person(2, manager: "E1", department: ""), Person(3, department: "D2")));
        Assert.Equal(Content(expected), await ContentAsync(store, "Person"));
    }

    [Fact]
    public async Task PlanAsync_DepartmentDeletedTodayWithRejectRow_RejectsItsUnchangedPeople()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", "Code,Name,ParentCode\nD1,Executive,\n"), connector.MapText("Person", Yesterday)]);

        Assert.Equal(["D2"], plan["Department"].Deletes.Select(d => d.Key));
        var people = plan["Person"];
        Assert.Equal([new DanglingReference("Person", "E3", 4, "Department", "Department", "D2", DanglingReferencePolicy.RejectRow)], people.DanglingReferences);
        Assert.Equal(
            [(RejectReason.DanglingReference, "E3", "text.csv:4: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere. The row is rejected; the resource stays as it was.")],
            people.Rejects.Select(r => (r.Reason, r.Key!, r.Message)));
        Assert.Empty(people.Updates);
    }

    [Fact]
    public async Task PlanAsync_DepartmentDeletedTodayWithFailRun_Fails()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.FailRun);

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", "Code,Name,ParentCode\nD1,Executive,\n"), connector.MapText("Person", Yesterday)]);

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal(["Person: text.csv:4: column 'DepartmentCode': the Department referred to by 'Department' exists nowhere."], plan.Reasons);
    }

    [Theory]
    [InlineData(DanglingReferencePolicy.RejectRow)]
    [InlineData(DanglingReferencePolicy.RemoveLink)]
    [InlineData(DanglingReferencePolicy.FailRun)]
    public async Task PlanAsync_IncrementalDeleteOfADepartment_FindsStoredPeopleMissingFromTheFile(DanglingReferencePolicy policy)
    {
        // E3 is in D2 and is not in today's changes file; the changes file of departments deletes D2.
        var builder = Builder();
        builder.Options.DanglingReferences = policy;
        builder.Options.Mappings.Single(m => m.EntityType == "Department").CommandColumn = "Action";
        var connector = builder.Build();
        var (synchronizer, _) = await SyncTestKit.LoadAsync(connector, Yesterday, "Action,Code,Name,ParentCode\nI,D1,Executive,\nI,D2,Engineering,D1\n");

        var plan = await synchronizer.PlanAsync(
        [
            connector.MapText("Department", "Action,Code,Name,ParentCode\nD,D2,,\n"),
            connector.MapText("Person", People(Person(1, lastName: "Changed"))),
        ],
            SynchronizationMode.Incremental);

        Assert.Equal(["D2"], plan["Department"].Deletes.Select(d => d.Key));
        Assert.Equal([new DanglingReference("Person", "E3", 0, "Department", "Department", "D2", policy)], plan["Person"].DanglingReferences);
        Assert.Equal(policy == DanglingReferencePolicy.FailRun ? PlanStatus.Failed : PlanStatus.Ready, plan.Status);
    }

    [Fact]
    public async Task PlanAsync_ManagerWhoseNewRowIsRejected_IsDanglingForItsReports()
    {
        // E5 is new today but its row is rejected, so E5 exists nowhere after the run: E6 cannot be inserted with E5 as manager.
        var (connector, synchronizer, store) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, Yesterday + Person(5, birthDate: "not a date") + "\n" + Person(6, manager: "E5") + "\n"));
        await synchronizer.ApplyAsync(plan);

        Assert.Equal([new DanglingReference("Person", "E6", 6, "Manager", "Person", "E5", DanglingReferencePolicy.RejectRow)], plan["Person"].DanglingReferences);
        Assert.Empty(plan["Person"].Inserts);
        Assert.Equal(["E1", "E2", "E3"], (await ContentAsync(store, "Person")).Keys);
    }

    [Fact]
    public async Task PlanAsync_PersonMovesAndGetsANewManager_ShowsLinkChangesWithOldAndNewKeys()
    {
        var (connector, synchronizer, _) = await LoadAsync(DanglingReferencePolicy.RejectRow);

        var plan = await synchronizer.PlanAsync(Snapshot(connector, People(Person(1), Person(2, manager: "E3", department: "D2", lastName: "Wed"), Person(3, department: "D2"))));

        var update = Assert.Single(plan["Person"].Updates);
        Assert.Equal("E2", update.Key);
        Assert.Equal(
            [
                ("LastName", false, null, (object?)"Last2", (object?)"Wed"),
                ("Manager", true, "Person", "E1", "E3"),
                ("Department", true, "Department", "D1", "D2"),
            ],
            update.Changes.Select(c => (c.Property.Identifier, c.Property.IsNavigation, c.Property.TargetEntityType, c.OldValue, c.NewValue)));
        Assert.Empty(plan["Person"].DanglingReferences);
    }

    private static MappingResult[] Snapshot(Connector connector, string people)
        => [connector.MapText("Department", Departments), connector.MapText("Person", people)];

    private static async Task<(Connector Connector, Synchronizer Synchronizer, InMemoryResourceStore Store)> LoadAsync(DanglingReferencePolicy policy)
    {
        var builder = Builder();
        builder.Options.DanglingReferences = policy;
        var connector = builder.Build();
        var (synchronizer, store) = await SyncTestKit.LoadAsync(connector, Yesterday);
        return (connector, synchronizer, store);
    }
}
