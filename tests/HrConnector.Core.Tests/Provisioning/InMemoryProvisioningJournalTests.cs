using HrConnector.Provisioning;
using static HrConnector.Tests.Provisioning.ProvisioningTestKit;

namespace HrConnector.Tests.Provisioning;

/// <summary>The default journal: the stage → release / discard protocol, entry states, links.</summary>
public class InMemoryProvisioningJournalTests
{
    // The kit's connector identifier (a bare 'Connector' names the HrConnector.Connector type here).
    private const string ConnectorId = ProvisioningTestKit.Connector;

    private static IEnumerable<(string Id, OrderState State)> States(InMemoryProvisioningJournal journal, string connector = ConnectorId)
        => journal.GetEntries(connector).Select(e => (e.Order.Id, e.State));

    [Fact]
    public async Task StageAsync_Orders_AreStagedInOrderWithNoAttempt()
    {
        var journal = new InMemoryProvisioningJournal();

        await journal.StageAsync(ConnectorId, "run-1", [Order("A"), Order("B", key: "E2")], []);

        Assert.Equal([("A", OrderState.Staged), ("B", OrderState.Staged)], States(journal));
        Assert.All(journal.GetEntries(ConnectorId), e => Assert.Equal(0, e.Attempts));
        Assert.All(journal.GetEntries(ConnectorId), e => Assert.Equal(Now, e.UpdatedAt));
        Assert.Equal("run-1", await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task StageAsync_SameRunAgainBeforeRelease_ReplacesTheEarlierStagedOrders()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A"), Order("B")], ["X"]);

        await journal.StageAsync(ConnectorId, "run-1", [Order("C"), Order("A")], []);

        Assert.Equal([("C", OrderState.Staged), ("A", OrderState.Staged)], States(journal));
        Assert.Equal("run-1", await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task StageAsync_AnotherRunStaged_ThrowsAndChangesNothing()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A")], []);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.StageAsync(ConnectorId, "run-2", [Order("B", runId: "run-2")], []));

        Assert.Equal("The run 'run-1' has orders staged: release or discard them before staging the run 'run-2'.", exception.Message);
        Assert.Equal([("A", OrderState.Staged)], States(journal));
        Assert.Equal("run-1", await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task StageAsync_IdAlreadyInTheJournalInAnotherState_LeavesThatEntryAsItIs()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A"), Order("B")], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");
        var executed = journal.GetEntries(ConnectorId)[0] with { State = OrderState.Executed, Attempts = 1 };
        await journal.UpdateAsync(executed);

        await journal.StageAsync(ConnectorId, "run-2", [Order("A", runId: "run-2"), Order("B", runId: "run-2"), Order("C", runId: "run-2")], []);

        Assert.Equal([("A", OrderState.Executed), ("B", OrderState.Pending), ("C", OrderState.Staged)], States(journal));
        Assert.Equal(executed, journal.GetEntries(ConnectorId)[0]);
        Assert.Equal("run-1", journal.GetEntries(ConnectorId)[1].Order.RunId);
    }

    [Fact]
    public async Task StageAsync_NoOrders_StillMarksTheRunStaged()
    {
        var journal = new InMemoryProvisioningJournal();

        await journal.StageAsync(ConnectorId, "run-1", [], []);

        Assert.Equal("run-1", await journal.GetStagedRunAsync(ConnectorId));
        await journal.ReleaseAsync(ConnectorId, "run-1");
        Assert.Null(await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task GetStagedRunAsync_UnknownConnector_ReturnsNull()
        => Assert.Null(await new InMemoryProvisioningJournal().GetStagedRunAsync("Other"));

    [Fact]
    public async Task ReleaseAsync_StagedOrders_BecomePendingOrScheduledByNotBefore()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A"), Order("B", OrderKind.Deleted, "I000001", notBefore: Now.AddDays(30))], []);

        await journal.ReleaseAsync(ConnectorId, "run-1");

        Assert.Equal([("A", OrderState.Pending), ("B", OrderState.Scheduled)], States(journal));
        Assert.Null(await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task ReleaseAsync_CancelledIds_CancelsOpenOrdersOnly()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("Scheduled", OrderKind.Deleted, "I1", notBefore: Now.AddDays(30)), Order("Done", key: "E2"), Order("Waiting", key: "E3")], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");
        await journal.UpdateAsync(journal.GetEntries(ConnectorId)[1] with { State = OrderState.Executed });
        await journal.StageAsync(ConnectorId, "run-2", [Order("New", OrderKind.Reactivated, "I1", runId: "run-2")], ["Scheduled", "Done", "Unknown"]);

        await journal.ReleaseAsync(ConnectorId, "run-2");

        Assert.Equal(
            [("Scheduled", OrderState.Cancelled), ("Done", OrderState.Executed), ("Waiting", OrderState.Pending), ("New", OrderState.Pending)],
            States(journal));
    }

    [Fact]
    public async Task ReleaseAsync_CancelledIdStagedInTheSameRun_IsReleasedNotCancelled()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A")], ["A"]);

        await journal.ReleaseAsync(ConnectorId, "run-1");

        Assert.Equal([("A", OrderState.Pending)], States(journal));
    }

    [Fact]
    public async Task ReleaseAsync_RunThatIsNotStaged_ThrowsInvalidOperationExceptionAndChangesNothing()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-2", [Order("A")], []);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync(ConnectorId, "run-1"));

        Assert.Equal("The run 'run-1' has no staged orders.", exception.Message);
        Assert.Equal([("A", OrderState.Staged)], States(journal));
        Assert.Equal("run-2", await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task ReleaseAsync_Twice_ThrowsTheSecondTime()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A")], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync(ConnectorId, "run-1"));

        Assert.Equal("The run 'run-1' has no staged orders.", exception.Message);
    }

    [Fact]
    public async Task DiscardAsync_StagedRun_RemovesItsOrdersOnly()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A")], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");
        await journal.StageAsync(ConnectorId, "run-2", [Order("B", runId: "run-2"), Order("A", runId: "run-2")], []);

        await journal.DiscardAsync(ConnectorId, "run-2");

        Assert.Equal([("A", OrderState.Pending)], States(journal));
        Assert.Null(await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task DiscardAsync_AnotherRun_ChangesNothing()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-2", [Order("A")], []);

        await journal.DiscardAsync(ConnectorId, "run-1");

        Assert.Equal([("A", OrderState.Staged)], States(journal));
        Assert.Equal("run-2", await journal.GetStagedRunAsync(ConnectorId));
    }

    [Fact]
    public async Task ReadAsync_OpenOnly_ReturnsOpenExecutedErroredAndStuckEntriesOldestFirst()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [.. new[] { "Pending", "Scheduled", "Transmitted", "Executed", "Errored", "Verified", "Cancelled" }.Select(id => Order(id, notBefore: id == "Scheduled" ? Now.AddDays(1) : null))], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");
        foreach (var (id, state) in new[] { ("Transmitted", OrderState.Transmitted), ("Executed", OrderState.Executed), ("Errored", OrderState.Errored), ("Verified", OrderState.Verified), ("Cancelled", OrderState.Cancelled) })
        {
            await journal.UpdateAsync(journal.GetEntries(ConnectorId).Single(e => e.Order.Id == id) with { State = state });
        }

        await journal.StageAsync(ConnectorId, "run-2", [Order("Staged", runId: "run-2")], []);

        var open = await ToListAsync(journal.ReadAsync(ConnectorId, openOnly: true));
        var all = await ToListAsync(journal.ReadAsync(ConnectorId, openOnly: false));

        Assert.Equal(["Pending", "Scheduled", "Transmitted", "Executed", "Errored", "Staged"], open.Select(e => e.Order.Id));
        Assert.Equal(["Pending", "Scheduled", "Transmitted", "Executed", "Errored", "Verified", "Cancelled", "Staged"], all.Select(e => e.Order.Id));
        Assert.Equal(
            [OrderState.Pending, OrderState.Scheduled, OrderState.Transmitted, OrderState.Executed, OrderState.Errored, OrderState.Verified, OrderState.Cancelled, OrderState.Staged],
            all.Select(e => e.State));
    }

    [Fact]
    public async Task ReadAsync_UnknownConnector_ReturnsNothing()
        => Assert.Empty(await ToListAsync(new InMemoryProvisioningJournal().ReadAsync("Other", openOnly: false)));

    [Fact]
    public async Task Connectors_AreKeptApart_NamesComparedIgnoringCase()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync("HR", "run-1", [Order("A")], []);
        await journal.StageAsync("Payroll", "run-9", [Order("B", connector: "Payroll")], []);

        await journal.ReleaseAsync("hr", "run-1");

        Assert.Equal([("A", OrderState.Pending)], States(journal, "HR"));
        Assert.Equal([("B", OrderState.Staged)], States(journal, "Payroll"));
        Assert.Equal("run-9", await journal.GetStagedRunAsync("PAYROLL"));
    }

    [Fact]
    public async Task UpdateAsync_KnownEntry_ReplacesIt()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A")], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");
        var entry = journal.GetEntries(ConnectorId)[0];
        var updated = entry with { State = OrderState.Transmitted, Attempts = 2, Handle = "wf-1", UpdatedAt = Now.AddMinutes(5), Order = entry.Order.WithIdentity("I000003") };

        await journal.UpdateAsync(updated);

        Assert.Equal(updated, Assert.Single(journal.GetEntries(ConnectorId)));
    }

    [Fact]
    public async Task UpdateAsync_UnknownOrder_ThrowsKeyNotFoundException()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [Order("A")], []);

        var exception = await Assert.ThrowsAsync<KeyNotFoundException>(() => journal.UpdateAsync(new JournalEntry(Order("Z"), OrderState.Executed, 1, Now)));

        Assert.Equal("The order 'Z' is not in the journal.", exception.Message);
        Assert.Equal([("A", OrderState.Staged)], States(journal));
    }

    [Theory]
    [InlineData(OrderState.Staged, true)]
    [InlineData(OrderState.Scheduled, true)]
    [InlineData(OrderState.Pending, true)]
    [InlineData(OrderState.Transmitted, true)]
    [InlineData(OrderState.Executed, false)]
    [InlineData(OrderState.Errored, false)]
    [InlineData(OrderState.Verified, false)]
    [InlineData(OrderState.Cancelled, false)]
    public void IsOpen_State_TellsWhetherTheOrderHasWorkToDo(OrderState state, bool open)
        => Assert.Equal(open, new JournalEntry(Order("A"), state, 0, Now).IsOpen);

    [Fact]
    public async Task SetLinkAsync_NewLinks_AreReadBack()
    {
        var journal = new InMemoryProvisioningJournal();
        var first = new IdentityLink("Person", "E1", "I000001", IdentityState.Active);
        var second = new IdentityLink("Person", "E2", "I000002", IdentityState.Inactive);

        await journal.SetLinkAsync(ConnectorId, first);
        await journal.SetLinkAsync(ConnectorId, second);

        Assert.Equal([first, second], (await ToListAsync(journal.ReadLinksAsync(ConnectorId))).OrderBy(l => l.ResourceKey, StringComparer.Ordinal));
        Assert.Empty(await ToListAsync(journal.ReadLinksAsync("Other")));
    }

    [Fact]
    public async Task SetLinkAsync_SameEntityTypeIgnoringCaseAndKey_ReplacesTheLink()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.SetLinkAsync(ConnectorId, new IdentityLink("Person", "E1", "I000001", IdentityState.Active));
        var replacement = new IdentityLink("PERSON", "E1", "I000001", IdentityState.Inactive);

        await journal.SetLinkAsync(ConnectorId, replacement);

        Assert.Equal(replacement, Assert.Single(await ToListAsync(journal.ReadLinksAsync(ConnectorId))));
    }

    [Fact]
    public async Task SetLinkAsync_KeysDifferingInCase_AreDifferentLinks()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.SetLinkAsync(ConnectorId, new IdentityLink("Person", "e1", "I000001", IdentityState.Active));
        await journal.SetLinkAsync(ConnectorId, new IdentityLink("Person", "E1", "I000002", IdentityState.Active));

        Assert.Equal(2, (await ToListAsync(journal.ReadLinksAsync(ConnectorId))).Count);
    }

    [Fact]
    public async Task RemoveLinkAsync_RemovesTheLink_AndMissingLinksAreNoError()
    {
        var journal = new InMemoryProvisioningJournal();
        var kept = new IdentityLink("Person", "E2", "I000002", IdentityState.Active);
        await journal.SetLinkAsync(ConnectorId, new IdentityLink("Person", "E1", "I000001", IdentityState.Active));
        await journal.SetLinkAsync(ConnectorId, kept);

        await journal.RemoveLinkAsync(ConnectorId, "person", "E1");
        await journal.RemoveLinkAsync(ConnectorId, "Person", "E404");
        await journal.RemoveLinkAsync("Other", "Person", "E2");

        Assert.Equal(kept, Assert.Single(await ToListAsync(journal.ReadLinksAsync(ConnectorId))));
    }

    [Fact]
    public async Task Journal_ParallelUpdates_EveryOneIsRecorded()
    {
        var journal = new InMemoryProvisioningJournal();
        await journal.StageAsync(ConnectorId, "run-1", [.. Enumerable.Range(0, 200).Select(i => Order($"O{i}", key: $"E{i}"))], []);
        await journal.ReleaseAsync(ConnectorId, "run-1");
        var entries = journal.GetEntries(ConnectorId);

        await Task.WhenAll(entries.Select(e => Task.Run(() => journal.UpdateAsync(e with { State = OrderState.Executed, Attempts = 1 }))));
        await Task.WhenAll(entries.Select(e => Task.Run(() => journal.SetLinkAsync(ConnectorId, new IdentityLink("Person", e.Order.ResourceKey, "I" + e.Order.Id, IdentityState.Active)))));

        Assert.All(journal.GetEntries(ConnectorId), e => Assert.Equal(OrderState.Executed, e.State));
        Assert.Equal(200, (await ToListAsync(journal.ReadLinksAsync(ConnectorId))).Count);
    }
}
