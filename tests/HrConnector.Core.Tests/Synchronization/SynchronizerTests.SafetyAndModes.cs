using System.Globalization;
using System.Text;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using Moq;
using HrConnector.Csv;

namespace HrConnector.Tests.Synchronization;

/// <summary>The guards of the issue: bad files never delete, thresholds block, modes and reference policies behave.</summary>
public sealed class SynchronizerSafetyAndModesTests : IDisposable
{
    private const string Departments = "Code,Name,ParentCode\nD1,Executive,\nD2,Engineering,D1\n";
    private readonly string _folder = Directory.CreateTempSubdirectory("hrconnector-sync-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, PlanStatus> BadFiles => new()
    {
        { "blank (0 bytes)", string.Empty, PlanStatus.Failed },
        { "header only", TestConnectors.PeopleHeader + "\n", PlanStatus.Blocked },
        { "truncated in a quoted field", PeopleFile(1, 20) + "E21,\"Cut", PlanStatus.Failed },
        { "wrong delimiter", TestConnectors.PeopleHeader.Replace(',', ';') + "\n" + Person(1).Replace(',', ';') + "\n", PlanStatus.Failed },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task PreviewAsync_BadFileWithThresholdsOff_NeverDeletes(string what, string people, PlanStatus expected)
    {
        var (synchronizer, store, connector) = await LoadedAsync(count: 40, thresholdsOff: true);
        File.WriteAllText(Path.Combine(_folder, "people.csv"), people);

        var plan = await synchronizer.PreviewAsync();
        var applied = await synchronizer.ApplyAsync(plan);

        Assert.True(plan.Status == expected, $"{what}: {plan.Status} — {string.Join(" | ", plan.Reasons)}");
        Assert.False(applied.Applied);
        Assert.Equal(40, await store.CountAsync(connector.Identifier, "Person"));
    }

    [Fact]
    public async Task PreviewAsync_HeaderOnlyFile_SaysWhyItIsBlocked()
    {
        var (synchronizer, _, _) = await LoadedAsync(count: 3, thresholdsOff: true);
        File.WriteAllText(Path.Combine(_folder, "people.csv"), TestConnectors.PeopleHeader + "\n");

        var plan = await synchronizer.PreviewAsync();

        Assert.Equal(["Person: the file has no data rows, so all 3 stored resources would be deleted; a blank or emptied HR file is never trusted. Check the file; if it is right, accept it (--accept-empty-source)."], plan.Reasons);
    }

    [Fact]
    public async Task PreviewAsync_HalfTheFile_IsBlockedByTheDefaultThresholds()
    {
        var (synchronizer, store, connector) = await LoadedAsync(count: 40, thresholdsOff: false);
        File.WriteAllText(Path.Combine(_folder, "people.csv"), PeopleFile(1, 20));

        var plan = await synchronizer.PreviewAsync();

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        var breach = Assert.Single(plan["Person"].Breaches);
        Assert.Equal((ChangeKind.Delete, 20L, 2L, "MaxDeletedPercent (connector) = 5% of 40"), (breach.Kind, breach.Count, breach.Limit, breach.Setting));
        Assert.Equal("Person: 20 deletes exceed the threshold of 2 (MaxDeletedPercent (connector) = 5% of 40). Review the plan, then accept them if they are right (--accept deletes).", Assert.Single(plan.Reasons));
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan));
        Assert.Equal(40, await store.CountAsync(connector.Identifier, "Person"));
        var forced = await synchronizer.ApplyAsync(plan, force: true);
        Assert.True(forced.Forced);
        Assert.Equal(20, await store.CountAsync(connector.Identifier, "Person"));
    }

    [Fact]
    public async Task Thresholds_EntityTypeLevelLowerThanConnector_Wins()
    {
        var builder = People();
        Off(builder.Options.Thresholds);
        builder.Options.Thresholds.MaxInserted = 10;
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxInserted = 3 };
        var connector = builder.Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", Departments), connector.MapText("Person", PeopleFile(1, 4))], SynchronizationMode.Complete);

        var breach = Assert.Single(plan["Person"].Breaches);
        Assert.Equal((4L, 3L, "MaxInserted (entity type) = 3"), (breach.Count, breach.Limit, breach.Setting));
        Assert.Empty(plan["Department"].Breaches);
    }

    [Fact]
    public async Task PreviewAsync_RejectedRow_KeepsItsStoredResource()
    {
        var (synchronizer, store, connector) = await LoadedAsync(count: 30, thresholdsOff: true);
        File.WriteAllText(Path.Combine(_folder, "people.csv"), PeopleFile(1, 29) + Person(30).Replace("Last30,01/01/1990,2020-01-01", "Changed,01/01/1990,2020-13-01", StringComparison.Ordinal) + "\n");

        var plan = await synchronizer.PreviewAsync();
        await synchronizer.ApplyAsync(plan);

        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.Equal(["E30"], plan["Person"].KeptKeys);
        Assert.Empty(plan["Person"].Deletes);
        Assert.Empty(plan["Person"].Updates);
        Assert.Equal(30, await store.CountAsync(connector.Identifier, "Person"));
    }

    [Fact]
    public async Task PlanAsync_InitialOnAStoreThatIsNotEmpty_Fails()
    {
        var (synchronizer, _, connector) = await LoadedAsync(count: 2, thresholdsOff: false);

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleFile(1, 2))], SynchronizationMode.Initial);

        Assert.Equal(PlanStatus.Failed, plan.Status);
        Assert.Equal(["Person: Initial mode loads an empty store, but 2 resources are stored; use Complete mode."], plan.Reasons);
        SyncTestKit.AssertNotApplied(PlanStatus.Failed, await synchronizer.ApplyAsync(plan, force: true));
    }

    [Fact]
    public async Task PlanAsync_IncrementalWithoutCommands_DeletesNothing()
    {
        var (synchronizer, _, connector) = await LoadedAsync(count: 3, thresholdsOff: true);

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleFile(3, 4))], SynchronizationMode.Incremental);

        Assert.Empty(plan["Person"].Deletes);
        Assert.Equal(["E4"], plan["Person"].Inserts.Select(i => i.Key));
        Assert.Equal(3, plan["Person"].UnchangedCount);
    }

    [Fact]
    public async Task PlanAsync_IncrementalWithCommandColumn_AppliesEachCommand()
    {
        var builder = People();
        Off(builder.Options.Thresholds);
        builder.Options.Connections.Single(c => c.Identifier == "people").Path = "changes.csv";
        builder.Options.Mappings.Single(m => m.EntityType == "Person").CommandColumn = "Action";
        var connector = builder.BaseDirectory(_folder).Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        var header = "Action," + TestConnectors.PeopleHeader + "\n";
        await synchronizer.ApplyAsync(await synchronizer.PlanAsync([connector.MapText("Department", Departments), connector.MapText("Person", header + "I," + Person(1) + "\nI," + Person(2) + "\nI," + Person(3) + "\n")], SynchronizationMode.Initial));

        var changes = header
            + "update," + Person(1).Replace("Last1", "Changed", StringComparison.Ordinal) + "\n"
            + "D,E2,,,,,,,,,,\n"
            + "merge," + Person(4) + "\n"
            + "insert," + Person(3) + "\n"
            + "delete,E9,,,,,,,,,,\n"
            + "upsert," + Person(5) + "\n";
        var plan = await synchronizer.PlanAsync([connector.MapText("Person", changes)], SynchronizationMode.Incremental);

        var people = plan["Person"];
        Assert.Equal("LastName", Assert.Single(Assert.Single(people.Updates).Changes).Property.Identifier);
        Assert.Equal(["E2"], people.Deletes.Select(d => d.Key));
        Assert.Equal(["E4"], people.Inserts.Select(i => i.Key));
        Assert.Equal(
            [
                (RejectReason.InvalidValue, "text.csv:7: column 'Action': the command is not one of insert, update, delete, merge (or I, U, D, M)."),
                (RejectReason.CommandConflict, "text.csv:5: the row inserts a key that HR already has; the stored resource is kept. Use update or merge."),
                (RejectReason.CommandConflict, "text.csv:6: the row deletes a key that HR does not have; nothing to do."),
            ],
            people.Rejects.Select(r => (r.Reason, r.Message)));
    }

    [Theory]
    [InlineData(DanglingReferencePolicy.RejectRow, PlanStatus.Ready, 1, "E7")]
    [InlineData(DanglingReferencePolicy.RemoveLink, PlanStatus.Ready, 2, null)]
    [InlineData(DanglingReferencePolicy.FailRun, PlanStatus.Failed, 2, "E7")]
    public async Task PlanAsync_ManagerThatExistsNowhere_FollowsThePolicy(DanglingReferencePolicy policy, PlanStatus status, int inserts, string? manager)
    {
        var builder = People();
        Off(builder.Options.Thresholds);
        builder.Options.DanglingReferences = policy;
        var connector = builder.Build();
        var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());
        // A second person who is kept: a first load that rejects every row fails whatever the policy.
        var people = TestConnectors.PeopleHeader + "\n" + Person(1).Replace(",,D1", ",E7,D1", StringComparison.Ordinal) + "\n" + Person(2) + "\n";

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", Departments), connector.MapText("Person", people)], SynchronizationMode.Complete);

        Assert.Equal(status, plan.Status);
        var dangling = Assert.Single(plan["Person"].DanglingReferences);
        Assert.Equal(("E1", "Manager", "Person", "E7", policy), (dangling.Key, dangling.Property, dangling.TargetEntityType, dangling.TargetKey, dangling.Resolution));
        Assert.Equal(inserts, plan["Person"].Inserts.Count);
        if (policy == DanglingReferencePolicy.RejectRow)
        {
            Assert.Equal("text.csv:2: column 'ManagerId': the Person referred to by 'Manager' exists nowhere. The row is rejected; nothing is stored for it.", Assert.Single(plan["Person"].Rejects).Message);
        }
        else if (policy == DanglingReferencePolicy.RemoveLink)
        {
            Assert.Equal(manager, plan["Person"].Inserts[0].NewResource!["Manager"]);
        }
    }

    [Fact]
    public async Task PlanAsync_DepartmentDeletedToday_MakesItsUnchangedPeopleDangle()
    {
        var (synchronizer, _, connector) = await LoadedAsync(count: 2, thresholdsOff: true);

        var plan = await synchronizer.PlanAsync([connector.MapText("Department", "Code,Name,ParentCode\nD2,Engineering,\n"), connector.MapText("Person", PeopleFile(1, 2))], SynchronizationMode.Complete);

        Assert.Equal(["D1"], plan["Department"].Deletes.Select(d => d.Key));
        Assert.Equal(["E1", "E2"], plan["Person"].DanglingReferences.Select(d => d.Key));
        Assert.All(plan["Person"].DanglingReferences, d => Assert.Equal("D1", d.TargetKey));
    }

    [Fact]
    public async Task ApplyAsync_BlockedOrFailedPlan_NeverCommits()
    {
        var store = new Mock<IResourceStore>();
        store.Setup(s => s.GetLastRunIdAsync("HR", It.IsAny<CancellationToken>())).ReturnsAsync("run-1");
        store.Setup(s => s.CountAsync("HR", "Person", It.IsAny<CancellationToken>())).ReturnsAsync(0L);
        store.Setup(s => s.ReadAsync("HR", "Person", It.IsAny<CancellationToken>())).Returns(AsyncEnumerable.Empty<StoredResource>());
        var connector = People().Build();
        var synchronizer = new Synchronizer(connector.Model, store.Object);

        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleFile(1, 101))], SynchronizationMode.Complete);
        var blocked = await synchronizer.ApplyAsync(plan);
        var forced = await synchronizer.ApplyAsync(plan, force: true);

        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, blocked);
        Assert.True(forced.Applied);
        store.Verify(s => s.CommitAsync(It.Is<ResourceStoreCommit>(c => c.ExpectedLastRunId == "run-1" && c.RunId == plan.RunId && c.EntityTypes.Single().Upserts.Count == 101), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ApplyAsync_SamePlanTwice_IsRefusedTheSecondTime()
    {
        var (synchronizer, store, connector) = await LoadedAsync(count: 2, thresholdsOff: true);
        var plan = await synchronizer.PlanAsync([connector.MapText("Person", PeopleFile(1, 3))], SynchronizationMode.Complete);
        await synchronizer.ApplyAsync(plan);

        var exception = await Assert.ThrowsAsync<ResourceStoreConcurrencyException>(() => synchronizer.ApplyAsync(plan));

        Assert.Equal(plan.BaseRunId, exception.ExpectedRunId);
        Assert.Equal(plan.RunId, await store.GetLastRunIdAsync(connector.Identifier));
    }

    [Fact]
    public async Task PlanAsync_AddedProperty_TranscodesTheStoreAndRewritesIt()
    {
        var store = new InMemoryResourceStore();
        var before = People().Build();
        var first = new Synchronizer(before.Model, store);
        await first.ApplyAsync(await first.PlanAsync([before.MapText("Person", PeopleFile(1, 2))], SynchronizationMode.Initial));
        var afterBuilder = People();
        afterBuilder.Options.EntityTypes.Single(e => e.Identifier == "Person").Properties.Add(new ScalarPropertyOptions { Identifier = "Nickname" });
        afterBuilder.Options.Mappings.Single(m => m.EntityType == "Person").Properties.Add(new PropertyMappingOptions { Property = "Nickname", Column = "FirstName" });
        var after = afterBuilder.Build();
        var second = new Synchronizer(after.Model, store);

        var plan = await second.PlanAsync([after.MapText("Person", PeopleFile(1, 2))], SynchronizationMode.Complete);
        Assert.True((await second.ApplyAsync(plan, force: true)).Applied);
        var third = await second.PlanAsync([after.MapText("Person", PeopleFile(1, 2))], SynchronizationMode.Complete);

        Assert.Equal(["E1", "E2"], plan["Person"].Updates.Select(u => u.Key));
        Assert.All(plan["Person"].Updates, u => Assert.Equal("Nickname", Assert.Single(u.Changes).Property.Identifier));
        Assert.False(third.HasChanges);
    }

    private static string Person(int number)
        => string.Create(CultureInfo.InvariantCulture, $"E{number},First{number},Last{number},01/01/1990,2020-01-01,1.0,N,100,,,D1");

    private static string PeopleFile(int from, int to)
    {
        var text = new StringBuilder(TestConnectors.PeopleHeader).Append('\n');
        for (var i = from; i <= to; i++)
        {
            text.Append(Person(i)).Append('\n');
        }

        return text.ToString();
    }

    private static ConnectorBuilder People() => TestConnectors.People();

    private static void Off(ThresholdOptions thresholds)
    {
        (thresholds.MaxInserted, thresholds.MaxUpdated, thresholds.MaxDeleted) = (0, 0, 0);
        (thresholds.MaxInsertedPercent, thresholds.MaxUpdatedPercent, thresholds.MaxDeletedPercent) = (0, 0, 0);
    }

    /// <summary>A connector on files in the test folder and a store loaded with <paramref name="count"/> people (Initial).</summary>
    private async Task<(Synchronizer Synchronizer, InMemoryResourceStore Store, Connector Connector)> LoadedAsync(int count, bool thresholdsOff)
    {
        var builder = People().BaseDirectory(_folder);
        if (thresholdsOff)
        {
            Off(builder.Options.Thresholds);
        }

        File.WriteAllText(Path.Combine(_folder, "departments.csv"), Departments);
        File.WriteAllText(Path.Combine(_folder, "people.csv"), PeopleFile(1, count));
        var connector = builder.Build();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        var initial = await synchronizer.PreviewAsync(SynchronizationMode.Initial);
        Assert.True((await synchronizer.ApplyAsync(initial)).Applied);
        return (synchronizer, store, connector);
    }
}
