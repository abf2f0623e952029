using HrConnector.Provisioning;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IProvisioningJournal"/>, run against every implementation so that they cannot drift.</summary>
public abstract class ProvisioningJournalContract : IDisposable
{
    protected static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(1));
    private readonly Databases _databases = new();

    protected abstract IProvisioningJournal CreateJournal(Databases databases);

    protected IProvisioningJournal NewJournal() => CreateJournal(_databases);

    public void Dispose()
    {
        _databases.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task StageAsync_WritesStagedOrders_InOrder_WithTheirValues()
    {
        var journal = NewJournal();
        var added = Order("o1", "E1", OrderKind.Added, changes:
        [
            new("FirstName", null, "Ann", OwnershipPolicy.Authoritative),
            new("Start", new DateOnly(2025, 1, 1), new DateOnly(2026, 2, 1), OwnershipPolicy.OnChange),
            new("Salary", 1.50m, 2L, OwnershipPolicy.InitialOnly),
            new("Groups", null, new List<object?> { "a", 3, true }, OwnershipPolicy.Ignored),
        ]);
        await journal.StageAsync("HR", "R1", [added, Order("o2", "E2", OrderKind.Deleted, identityId: "I000007", notBefore: Now.AddDays(30))], []);

        Assert.Equal("R1", await journal.GetStagedRunAsync("hr"));
        var entries = await EntriesAsync(journal, "HR");
        Assert.Equal(["o1", "o2"], entries.Select(e => e.Order.Id));
        Assert.All(entries, e => Assert.Equal((OrderState.Staged, 0, Now, (string?)null, (string?)null), (e.State, e.Attempts, e.UpdatedAt, e.Handle, e.Error)));
        var order = entries[0].Order;
        Assert.Equal(("o1", "HR", "Person", "E1", OrderKind.Added, (string?)null, "HR_Onboarding", "R1", Now, (DateTimeOffset?)null),
            (order.Id, order.Connector, order.EntityType, order.ResourceKey, order.Kind, order.IdentityId, order.Workflow, order.RunId, order.CreatedAt, order.NotBefore));
        Assert.Equal(4, order.Changes.Count);
        Assert.Equal(added.Changes.Take(3), order.Changes.Take(3));
        Assert.Equal([typeof(DateOnly), typeof(decimal)], [order.Changes[1].OldValue!.GetType(), order.Changes[2].OldValue!.GetType()]);
        Assert.Equal(typeof(long), order.Changes[2].NewValue!.GetType());
        Assert.Equal(["a", 3, true], ((System.Collections.IEnumerable)order.Changes[3].NewValue!).Cast<object?>());
        Assert.Equal(OwnershipPolicy.Ignored, order.Changes[3].Policy);
        Assert.Equal(("I000007", Now.AddDays(30)), (entries[1].Order.IdentityId, entries[1].Order.NotBefore));
    }

    [Fact]
    public async Task StageAsync_Again_ReplacesStagedOrders_LeavesOthers()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o3", "E3"), Order("o4", "E4")], []);
        await journal.StageAsync("HR", "R2", [Order("o1", "E1", runId: "R2"), Order("o5", "E5", runId: "R2"), Order("o5", "E5", runId: "R2")], []);

        Assert.Equal("R2", await journal.GetStagedRunAsync("HR"));
        var entries = await EntriesAsync(journal, "HR");
        Assert.Equal(["o1", "o2", "o5"], entries.Select(e => e.Order.Id));
        Assert.Equal([OrderState.Pending, OrderState.Pending, OrderState.Staged], entries.Select(e => e.State));
        Assert.Equal("R1", entries[0].Order.RunId);
    }

    [Fact]
    public async Task ReleaseAsync_MakesStagedPendingOrScheduled_CancelsOpenOrders()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("del", "E2", OrderKind.Deleted, notBefore: Now.AddDays(30))], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o3", "E2", OrderKind.Reactivated, runId: "R2")], ["del", "o1", "unknown"]);
        var first = (await EntriesAsync(journal, "HR"))[0];
        await journal.UpdateAsync(first with { State = OrderState.Executed });
        await journal.ReleaseAsync("HR", "R2");

        Assert.Null(await journal.GetStagedRunAsync("HR"));
        Assert.Equal([OrderState.Executed, OrderState.Cancelled, OrderState.Pending], (await EntriesAsync(journal, "HR")).Select(e => e.State));
    }

    [Fact]
    public async Task ReleaseAsync_ScheduledWhenNotBefore()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("del", "E2", OrderKind.Deleted, notBefore: Now.AddDays(30))], []);
        await journal.ReleaseAsync("HR", "R1");
        Assert.Equal(OrderState.Scheduled, Assert.Single(await EntriesAsync(journal, "HR")).State);
    }

    [Fact]
    public async Task ReleaseAsync_NotTheStagedRun_Throws()
    {
        var journal = NewJournal();
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync("HR", "R1"));
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync("HR", "R2"));
        Assert.Equal(OrderState.Staged, Assert.Single(await EntriesAsync(journal, "HR")).State);
    }

    [Fact]
    public async Task DiscardAsync_RemovesTheStagedOrdersOfThatRunOnly()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o2", "E2")], []);
        await journal.DiscardAsync("HR", "other");
        Assert.Equal("R2", await journal.GetStagedRunAsync("HR"));
        await journal.DiscardAsync("HR", "R2");

        Assert.Null(await journal.GetStagedRunAsync("HR"));
        Assert.Equal(["o1"], (await EntriesAsync(journal, "HR")).Select(e => e.Order.Id));
    }

    [Fact]
    public async Task UpdateAsync_RecordsStateAttemptsHandleErrorAndIdentity()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Assert.Single(await EntriesAsync(journal, "HR"));
        var later = Now.AddMinutes(5);
        await journal.UpdateAsync(entry with { Order = entry.Order.WithIdentity("I000042"), State = OrderState.Transmitted, Attempts = 2, UpdatedAt = later, Handle = "wf-1", Error = "TimeoutException" });

        var updated = Assert.Single(await EntriesAsync(journal, "HR"));
        Assert.Equal((OrderState.Transmitted, 2, later, "wf-1", "TimeoutException", "I000042"), (updated.State, updated.Attempts, updated.UpdatedAt, updated.Handle, updated.Error, updated.Order.IdentityId));
        await journal.UpdateAsync(updated with { State = OrderState.Executed, Handle = null, Error = null });
        Assert.Equal((OrderState.Executed, null, null), Assert.Single(await EntriesAsync(journal, "HR")) is var e ? (e.State, e.Handle, e.Error) : default);
    }

    [Fact]
    public async Task UpdateAsync_UnknownOrder_ThrowsKeyNotFound()
    {
        var journal = NewJournal();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => journal.UpdateAsync(new JournalEntry(Order("nope", "E1"), OrderState.Pending, 0, Now)));
    }

    [Fact]
    public async Task ReadAsync_OpenOnly_OpenExecutedErroredAndStuck()
    {
        var journal = NewJournal();
        var states = Enum.GetValues<OrderState>().Where(s => s != OrderState.Staged).ToArray();
        await journal.StageAsync("HR", "R1", [.. states.Select((s, i) => Order($"o{i}", $"E{i}"))], []);
        await journal.ReleaseAsync("HR", "R1");
        foreach (var (entry, state) in (await EntriesAsync(journal, "HR")).Zip(states))
        {
            await journal.UpdateAsync(entry with { State = state });
        }

        await journal.StageAsync("HR", "R2", [Order("staged", "E9", runId: "R2")], []);
        var open = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync("HR", openOnly: true))
        {
            open.Add(entry);
        }

        Assert.Equal(
            [OrderState.Scheduled, OrderState.Pending, OrderState.Transmitted, OrderState.Executed, OrderState.Errored, OrderState.Stuck, OrderState.Staged],
            open.Select(e => e.State));
        Assert.Equal(9, (await EntriesAsync(journal, "HR")).Count);
    }

    [Fact]
    public async Task Connectors_AreIndependent_AndIgnoreCase()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.StageAsync("Payroll", "P1", [Order("o1", "E1", connector: "Payroll")], []);
        await journal.ReleaseAsync("hr", "R1");

        Assert.Null(await journal.GetStagedRunAsync("HR"));
        Assert.Equal("P1", await journal.GetStagedRunAsync("PAYROLL"));
        Assert.Equal(OrderState.Pending, Assert.Single(await EntriesAsync(journal, "Hr")).State);
        Assert.Equal(OrderState.Staged, Assert.Single(await EntriesAsync(journal, "payroll")).State);
    }

    [Fact]
    public async Task Links_SetReplaceRemove_EntityTypeIgnoresCase_KeyDoesNot()
    {
        var journal = NewJournal();
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "E1", "I000001", IdentityState.Active));
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "e1", "I000002", IdentityState.Active));
        await journal.SetLinkAsync("hr", new IdentityLink("PERSON", "E1", "I000003", IdentityState.Inactive));
        await journal.SetLinkAsync("Payroll", new IdentityLink("Person", "E1", "I000009", IdentityState.Active));

        var links = (await LinksAsync(journal, "HR")).OrderBy(l => l.ResourceKey, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [new IdentityLink("PERSON", "E1", "I000003", IdentityState.Inactive), new IdentityLink("Person", "e1", "I000002", IdentityState.Active)],
            links);
        await journal.RemoveLinkAsync("HR", "person", "E1");
        await journal.RemoveLinkAsync("HR", "Person", "missing");
        Assert.Equal(["e1"], (await LinksAsync(journal, "HR")).Select(l => l.ResourceKey));
        Assert.Single(await LinksAsync(journal, "Payroll"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task StageAsync_Cancellations_AppliedAtRelease_ToOpenErroredAndStuckEntries_NotToStagedExecutedOrUnknown()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("pending", "E1"), Order("errored", "E2"), Order("stuck", "E3"), Order("executed", "E4"), Order("scheduled", "E5", OrderKind.Deleted, notBefore: Now.AddDays(3))], []);
        await journal.ReleaseAsync("HR", "R1");
        await SetStatesAsync(journal, ("errored", OrderState.Errored), ("stuck", OrderState.Stuck), ("executed", OrderState.Executed));

        await journal.StageAsync("HR", "R2", [Order("new", "E6", runId: "R2")], ["pending", "errored", "stuck", "executed", "scheduled", "new", "unknown"]);
        Assert.Equal(
            [OrderState.Pending, OrderState.Errored, OrderState.Stuck, OrderState.Executed, OrderState.Scheduled, OrderState.Staged],
            (await EntriesAsync(journal, "HR")).Select(e => e.State));

        await journal.ReleaseAsync("HR", "R2");

        Assert.Equal(
            [OrderState.Cancelled, OrderState.Cancelled, OrderState.Cancelled, OrderState.Executed, OrderState.Cancelled, OrderState.Pending],
            (await EntriesAsync(journal, "HR")).Select(e => e.State));
        Assert.Null(await journal.GetStagedRunAsync("HR"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task DiscardAsync_DropsTheStagedCancellations()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [], ["o1"]);
        await journal.DiscardAsync("HR", "R2");
        await journal.StageAsync("HR", "R3", [], []);
        await journal.ReleaseAsync("HR", "R3");

        Assert.Equal(OrderState.Pending, Assert.Single(await EntriesAsync(journal, "HR")).State);
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task StageAsync_SameRunAgain_ReplacesItsCancellations()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [], ["o1"]);
        await journal.StageAsync("HR", "R2", [], ["o2"]);
        await journal.ReleaseAsync("HR", "R2");

        Assert.Equal([OrderState.Pending, OrderState.Cancelled], (await EntriesAsync(journal, "HR")).Select(e => e.State));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task StageAsync_AnotherRunStaged_Throws_AndChangesNothing()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], ["x"]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.StageAsync("HR", "R2", [Order("o2", "E2", runId: "R2")], []));

        Assert.Equal("R1", await journal.GetStagedRunAsync("HR"));
        Assert.Equal(["o1"], (await EntriesAsync(journal, "HR")).Select(e => e.Order.Id));
        await journal.StageAsync("Payroll", "R2", [Order("o2", "E2", runId: "R2", connector: "Payroll")], []);
        Assert.Equal("R2", await journal.GetStagedRunAsync("Payroll"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task DiscardAndRelease_OfAnotherRun_DoNothingAndThrow_TheStagedRunKeepsItsCancellations()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o2", "E2", runId: "R2")], ["o1"]);

        await journal.DiscardAsync("HR", "R1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync("HR", "R1"));
        Assert.Equal([OrderState.Pending, OrderState.Staged], (await EntriesAsync(journal, "HR")).Select(e => e.State));

        await journal.ReleaseAsync("HR", "R2");
        Assert.Equal([OrderState.Cancelled, OrderState.Pending], (await EntriesAsync(journal, "HR")).Select(e => e.State));
    }

    [Theory]
    [Trait("Category", "Convergence")]
    [InlineData(OrderState.Errored)]
    [InlineData(OrderState.Cancelled)]
    [InlineData(OrderState.Stuck)]
    public async Task StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt(OrderState closed)
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1", OrderKind.Modified, identityId: "I000001")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Assert.Single(await EntriesAsync(journal, "HR"));
        await journal.UpdateAsync(entry with { State = closed, Attempts = 3, Failures = 2, Error = "HostRefused", Handle = "wf-1", InDoubt = true, UpdatedAt = Now.AddHours(1) });

        var later = Now.AddDays(1);
        var again = new ProvisioningOrder("o1", "HR", "Person", "E1", OrderKind.Modified, "I000001", null, [new("Title", "Dev", "Lead", OwnershipPolicy.Authoritative)], "R2", later);
        await journal.StageAsync("HR", "R2", [again], []);

        var reopened = Assert.Single(await EntriesAsync(journal, "HR"));
        Assert.Equal((OrderState.Staged, 3, 2, "HostRefused", (string?)null, false, later, "R2"), (reopened.State, reopened.Attempts, reopened.Failures, reopened.Error, reopened.Handle, reopened.InDoubt, reopened.UpdatedAt, reopened.Order.RunId));
        Assert.Equal("o1.2", reopened.OperationId);
        Assert.Equal("Lead", Assert.Single(reopened.Order.Changes).NewValue);

        await journal.ReleaseAsync("HR", "R2");
        Assert.Equal((OrderState.Pending, 3, 2), Assert.Single(await EntriesAsync(journal, "HR")) is var released ? (released.State, released.Attempts, released.Failures) : default);
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task DiscardAsync_PutsBackTheEntriesTheRunReopened()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entries = await EntriesAsync(journal, "HR");
        var errored = entries[0] with { State = OrderState.Errored, Attempts = 2, Failures = 1, Error = "Timeout", Handle = "wf-9", InDoubt = true, UpdatedAt = Now.AddHours(2) };
        await journal.UpdateAsync(errored);
        await journal.UpdateAsync(entries[1] with { State = OrderState.Executed });

        await journal.StageAsync("HR", "R2", [Order("o1", "E1", runId: "R2"), Order("o2", "E2", runId: "R2"), Order("o3", "E3", runId: "R2")], []);
        await journal.DiscardAsync("HR", "R2");

        var after = await EntriesAsync(journal, "HR");
        Assert.Equal(["o1", "o2"], after.Select(e => e.Order.Id));
        var back = after[0];
        Assert.Equal((OrderState.Errored, 2, 1, "Timeout", "wf-9", true, Now.AddHours(2), "R1"), (back.State, back.Attempts, back.Failures, back.Error, back.Handle, back.InDoubt, back.UpdatedAt, back.Order.RunId));
        Assert.Equal(OrderState.Executed, after[1].State);
        Assert.Null(await journal.GetStagedRunAsync("HR"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task StageAsync_SameRunAgain_PutsBackWhatItReopenedBefore()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Assert.Single(await EntriesAsync(journal, "HR"));
        await journal.UpdateAsync(entry with { State = OrderState.Stuck, Failures = 5 });

        await journal.StageAsync("HR", "R2", [Order("o1", "E1", runId: "R2")], []);
        await journal.StageAsync("HR", "R2", [], []);

        var back = Assert.Single(await EntriesAsync(journal, "HR"));
        Assert.Equal((OrderState.Stuck, 5, "R1"), (back.State, back.Failures, back.Order.RunId));
    }

    [Fact]
    [Trait("Category", "Review")]
    public async Task StageAsync_Reason_RoundTrips_ThroughUpdatesAndVerification_UnknownStaysUnknown()
    {
        var journal = NewJournal();
        var rehire = new ProvisioningOrder("o1", "HR", "Person", "E1", OrderKind.Reactivated, "I000001", null, [new("Title", null, "Lead", OwnershipPolicy.OnChange)], "R1", Now) { Reason = OrderReason.Rehire };
        var unknown = new ProvisioningOrder("o2", "HR", "Person", "E2", OrderKind.Deactivated, "I000002", null, [], "R1", Now);
        await journal.StageAsync("HR", "R1", [rehire, unknown], []);
        await journal.ReleaseAsync("HR", "R1");

        var entries = (await EntriesAsync(journal, "HR")).OrderBy(e => e.Order.Id, StringComparer.Ordinal).ToList();
        Assert.Equal([OrderReason.Rehire, OrderReason.Unknown], entries.Select(e => e.Order.Reason));

        await journal.UpdateAsync(entries[0] with { Order = entries[0].Order.WithIdentity("I000003"), State = OrderState.Verified });
        var verified = (await EntriesAsync(journal, "HR")).Single(e => e.Order.Id == "o1");
        Assert.Equal((OrderReason.Rehire, "I000003"), (verified.Order.Reason, verified.Order.IdentityId));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task UpdateAsync_FailuresInDoubtDesiredAndIdentity_RoundTrip_VerifiedKeepsIdsKindAndKeys()
    {
        var journal = NewJournal();
        var desired = new byte[] { 1, 2, 3, 0xFF };
        var order = new ProvisioningOrder("o1", "HR", "Person", "E1", OrderKind.Added, null, "HR_Onboarding", [new("FirstName", null, "Ann", OwnershipPolicy.Authoritative)], "R1", Now, desired: desired);
        await journal.StageAsync("HR", "R1", [order], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Assert.Single(await EntriesAsync(journal, "HR"));
        Assert.Equal(desired, entry.Order.Desired);

        await journal.UpdateAsync(entry with { Order = entry.Order.WithIdentity("I000004"), State = OrderState.Pending, Attempts = 1, Failures = 1, InDoubt = true });
        var updated = Assert.Single(await EntriesAsync(journal, "HR"));
        Assert.Equal((1, 1, true, "I000004", "o1.1"), (updated.Attempts, updated.Failures, updated.InDoubt, updated.Order.IdentityId, updated.OperationId));
        Assert.Equal(desired, updated.Order.Desired);

        await journal.UpdateAsync(updated with { State = OrderState.Verified, InDoubt = false });
        var verified = Assert.Single(await EntriesAsync(journal, "HR"));
        Assert.Equal(("o1", OrderKind.Added, "Person", "E1", "I000004", "HR", OrderState.Verified, false), (verified.Order.Id, verified.Order.Kind, verified.Order.EntityType, verified.Order.ResourceKey, verified.Order.IdentityId, verified.Order.Connector, verified.State, verified.InDoubt));
        Assert.Empty(await OpenAsync(journal, "HR"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task WriteAsync_Batch_WritesEntriesThenLinksThenRemovals()
    {
        var journal = NewJournal();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "old", "I000009", IdentityState.Inactive));
        var entries = await EntriesAsync(journal, "HR");

        var batch = new JournalBatch("hr");
        batch.Entries.Add(entries[0] with { State = OrderState.Transmitted, Attempts = 1, Handle = "wf-1" });
        batch.Entries.Add(entries[1] with { State = OrderState.Executed, Attempts = 1 });
        batch.Entries.Add(entries[1] with { State = OrderState.Verified, Attempts = 1 });
        batch.Links.Add(new IdentityLink("Person", "E2", "I000002", IdentityState.Active, [9, 9], 1, null));
        batch.Links.Add(new IdentityLink("Person", "gone", "I000003", IdentityState.Active));
        batch.RemovedLinks.Add(("PERSON", "gone"));
        batch.RemovedLinks.Add(("Person", "old"));
        await journal.WriteAsync(batch);

        Assert.Equal([(OrderState.Transmitted, "wf-1"), (OrderState.Verified, null)], (await EntriesAsync(journal, "HR")).Select(e => (e.State, e.Handle)));
        var link = Assert.Single(await LinksAsync(journal, "HR"));
        Assert.Equal(("E2", "I000002", 1), (link.ResourceKey, link.IdentityId, link.Generation));
        Assert.Equal([9, 9], link.Applied!);
        await journal.WriteAsync(new JournalBatch("HR"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task WriteAsync_UnknownEntry_ThrowsKeyNotFound()
    {
        var journal = NewJournal();
        var batch = new JournalBatch("HR");
        batch.Entries.Add(new JournalEntry(Order("nope", "E1"), OrderState.Pending, 0, Now));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => journal.WriteAsync(batch));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task Links_AppliedGenerationSince_RoundTrip_AndOlderLinksHaveNone()
    {
        var journal = NewJournal();
        var since = new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(2));
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "E1", "I000001", IdentityState.Deleted, [1, 2, 3, 4, 5, 6, 7, 8], 7, since));
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "E2", "I000002", IdentityState.Active));

        var links = (await LinksAsync(journal, "HR")).OrderBy(l => l.ResourceKey, StringComparer.Ordinal).ToList();
        Assert.Equal(("I000001", IdentityState.Deleted, 7, since), (links[0].IdentityId, links[0].State, links[0].Generation, links[0].Since));
        Assert.Equal(since.Offset, links[0].Since!.Value.Offset);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], links[0].Applied!);
        Assert.Equal(((byte[]?)null, 0, (DateTimeOffset?)null), (links[1].Applied, links[1].Generation, links[1].Since));

        await journal.SetLinkAsync("HR", links[0] with { Applied = null, Generation = 8, Since = null, State = IdentityState.Active });
        var replaced = (await LinksAsync(journal, "HR")).Single(l => l.ResourceKey == "E1");
        Assert.Equal(((byte[]?)null, 8, (DateTimeOffset?)null, IdentityState.Active), (replaced.Applied, replaced.Generation, replaced.Since, replaced.State));
    }

    private static async Task SetStatesAsync(IProvisioningJournal journal, params (string Id, OrderState State)[] states)
    {
        var entries = await EntriesAsync(journal, "HR");
        foreach (var (id, state) in states)
        {
            await journal.UpdateAsync(entries.Single(e => e.Order.Id == id) with { State = state });
        }
    }

    private static async Task<List<JournalEntry>> OpenAsync(IProvisioningJournal journal, string connector)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync(connector, openOnly: true))
        {
            entries.Add(entry);
        }

        return entries;
    }

    protected static ProvisioningOrder Order(string id, string key, OrderKind kind = OrderKind.Added, string? identityId = null, DateTimeOffset? notBefore = null, IReadOnlyList<IdentityValueChange>? changes = null, string runId = "R1", string connector = "HR")
        => new(id, connector, "Person", key, kind, identityId, kind == OrderKind.Added ? "HR_Onboarding" : null, changes ?? [], runId, Now, notBefore);

    protected static async Task<List<JournalEntry>> EntriesAsync(IProvisioningJournal journal, string connector)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync(connector, openOnly: false))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static async Task<List<IdentityLink>> LinksAsync(IProvisioningJournal journal, string connector)
    {
        var links = new List<IdentityLink>();
        await foreach (var link in journal.ReadLinksAsync(connector))
        {
            links.Add(link);
        }

        return links;
    }
}

public sealed class InMemoryProvisioningJournalTests : ProvisioningJournalContract
{
    protected override IProvisioningJournal CreateJournal(Databases databases) => new InMemoryProvisioningJournal();
}

public sealed class SqliteProvisioningJournalTests : ProvisioningJournalContract
{
    protected override IProvisioningJournal CreateJournal(Databases databases) => databases.Open(databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).Journal;

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task VerifiedAndCancelledEntries_LoseTheirChanges_KeepTheRest()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var journal = databases.Open(path).Journal;
        IReadOnlyList<IdentityValueChange> changes = [new("Title", "Dev", "Lead", OwnershipPolicy.Authoritative)];
        await journal.StageAsync("HR", "R1", [Order("o1", "E1", OrderKind.Modified, "I000001", changes: changes), Order("o2", "E2", OrderKind.Modified, "I000002", changes: changes), Order("o3", "E3", OrderKind.Modified, "I000003", changes: changes)], []);
        await journal.ReleaseAsync("HR", "R1");
        var entries = await EntriesAsync(journal, "HR");
        await journal.UpdateAsync(entries[0] with { State = OrderState.Verified });
        await journal.StageAsync("HR", "R2", [], ["o2"]);
        await journal.ReleaseAsync("HR", "R2");

        var after = await EntriesAsync(journal, "HR");
        Assert.Equal([OrderState.Verified, OrderState.Cancelled, OrderState.Pending], after.Select(e => e.State));
        Assert.Equal([0, 0, 1], after.Select(e => e.Order.Changes.Count));
        Assert.Equal(["I000001", "I000002", "I000003"], after.Select(e => e.Order.IdentityId));
        Assert.Equal(2L, Scalar(path, "SELECT count(*) FROM journal_order WHERE changes IS NULL;"));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task Payload_IsCompactBinary_NotJson()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        var journal = databases.Open(path).Journal;
        await journal.StageAsync("HR", "R1", [Order("o1", "E1", changes: [new("FirstName", null, "Ann", OwnershipPolicy.Authoritative), new("Start", null, new DateOnly(2026, 2, 1), OwnershipPolicy.OnChange)])], []);

        Assert.Equal("blob", Scalar(path, "SELECT typeof(payload) FROM journal_order;"));
        Assert.NotEqual((long)'{', Scalar(path, "SELECT unicode(CAST(substr(payload, 1, 1) AS TEXT)) FROM journal_order;"));
        Assert.True((long)Scalar(path, "SELECT length(payload) + length(changes) FROM journal_order;")! < 100);
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public void ReadAsync_OpenOnly_UsesThePartialIndexInSeqOrder()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        using (databases.Open(path))
        {
        }

        var plan = Scalar(path, "EXPLAIN QUERY PLAN SELECT id FROM journal_order WHERE connector = 'HR' AND state IN (0, 1, 2, 3, 4, 5, 8) ORDER BY seq;", column: 3) as string;
        Assert.Contains("journal_order_live", plan, StringComparison.Ordinal);
    }

    internal static object? Scalar(string path, string sql, int column = 0)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetValue(column) : null;
    }
}
