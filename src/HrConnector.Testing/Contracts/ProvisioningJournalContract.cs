using HrConnector.Provisioning;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The contract of <see cref="IProvisioningJournal"/>: every case of the suite HrConnector runs against
/// <see cref="InMemoryProvisioningJournal"/> and the SQLite journal, to run against yours.
/// </summary>
/// <remarks>
/// The cases stage, release, discard, read and update orders and write links and batches under the connectors <c>HR</c>
/// and <c>Payroll</c>: staging acts per run id, cancellations are staged with the run and applied at its release, a
/// closed entry staged again is reopened as a new attempt and put back when its run is discarded, every field of an
/// entry and a link round-trips, connectors are independent and ignore case.
/// </remarks>
public static class ProvisioningJournalContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The cases, each on new subjects of a factory.</summary>
    /// <param name="createJournal">Returns a new, empty journal at each call; called only when a case runs.</param>
    /// <returns>The cases.</returns>
    public static ContractSuite Cases(Func<IProvisioningJournal> createJournal)
    {
        ArgumentNullException.ThrowIfNull(createJournal);
        return new ContractSuite(nameof(IProvisioningJournal),
        [
            Case(nameof(StageAsync_WritesStagedOrders_InOrder_WithTheirValues), () => StageAsync_WritesStagedOrders_InOrder_WithTheirValues(createJournal), null, null),
            Case(nameof(StageAsync_Again_ReplacesStagedOrders_LeavesOthers), () => StageAsync_Again_ReplacesStagedOrders_LeavesOthers(createJournal), null, null),
            Case(nameof(ReleaseAsync_MakesStagedPendingOrScheduled_CancelsOpenOrders), () => ReleaseAsync_MakesStagedPendingOrScheduled_CancelsOpenOrders(createJournal), null, null),
            Case(nameof(ReleaseAsync_ScheduledWhenNotBefore), () => ReleaseAsync_ScheduledWhenNotBefore(createJournal), null, null),
            Case(nameof(ReleaseAsync_NotTheStagedRun_Throws), () => ReleaseAsync_NotTheStagedRun_Throws(createJournal), null, null),
            Case(nameof(DiscardAsync_RemovesTheStagedOrdersOfThatRunOnly), () => DiscardAsync_RemovesTheStagedOrdersOfThatRunOnly(createJournal), null, null),
            Case(nameof(UpdateAsync_RecordsStateAttemptsHandleErrorAndIdentity), () => UpdateAsync_RecordsStateAttemptsHandleErrorAndIdentity(createJournal), null, null),
            Case(nameof(UpdateAsync_UnknownOrder_ThrowsKeyNotFound), () => UpdateAsync_UnknownOrder_ThrowsKeyNotFound(createJournal), null, null),
            Case(nameof(ReadAsync_OpenOnly_OpenExecutedErroredAndStuck), () => ReadAsync_OpenOnly_OpenExecutedErroredAndStuck(createJournal), null, null),
            Case(nameof(Connectors_AreIndependent_AndIgnoreCase), () => Connectors_AreIndependent_AndIgnoreCase(createJournal), null, null),
            Case(nameof(Links_SetReplaceRemove_EntityTypeIgnoresCase_KeyDoesNot), () => Links_SetReplaceRemove_EntityTypeIgnoresCase_KeyDoesNot(createJournal), null, null),
            Case(nameof(StageAsync_Cancellations_AppliedAtRelease_ToOpenErroredAndStuckEntries_NotToStagedExecutedOrUnknown), () => StageAsync_Cancellations_AppliedAtRelease_ToOpenErroredAndStuckEntries_NotToStagedExecutedOrUnknown(createJournal), "Convergence", null),
            Case(nameof(DiscardAsync_DropsTheStagedCancellations), () => DiscardAsync_DropsTheStagedCancellations(createJournal), "Convergence", null),
            Case(nameof(StageAsync_SameRunAgain_ReplacesItsCancellations), () => StageAsync_SameRunAgain_ReplacesItsCancellations(createJournal), "Convergence", null),
            Case(nameof(StageAsync_AnotherRunStaged_Throws_AndChangesNothing), () => StageAsync_AnotherRunStaged_Throws_AndChangesNothing(createJournal), "Convergence", null),
            Case(nameof(DiscardAndRelease_OfAnotherRun_DoNothingAndThrow_TheStagedRunKeepsItsCancellations), () => DiscardAndRelease_OfAnotherRun_DoNothingAndThrow_TheStagedRunKeepsItsCancellations(createJournal), "Convergence", null),
            Case(nameof(StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt) + "(Errored)", () => StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt(createJournal, OrderState.Errored), "Convergence", null),
            Case(nameof(StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt) + "(Cancelled)", () => StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt(createJournal, OrderState.Cancelled), "Convergence", null),
            Case(nameof(StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt) + "(Stuck)", () => StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt(createJournal, OrderState.Stuck), "Convergence", null),
            Case(nameof(DiscardAsync_PutsBackTheEntriesTheRunReopened), () => DiscardAsync_PutsBackTheEntriesTheRunReopened(createJournal), "Convergence", null),
            Case(nameof(StageAsync_SameRunAgain_PutsBackWhatItReopenedBefore), () => StageAsync_SameRunAgain_PutsBackWhatItReopenedBefore(createJournal), "Convergence", null),
            Case(nameof(StageAsync_Reason_RoundTrips_ThroughUpdatesAndVerification_UnknownStaysUnknown), () => StageAsync_Reason_RoundTrips_ThroughUpdatesAndVerification_UnknownStaysUnknown(createJournal), "Review", null),
            Case(nameof(UpdateAsync_FailuresInDoubtDesiredAndIdentity_RoundTrip_VerifiedKeepsIdsKindAndKeys), () => UpdateAsync_FailuresInDoubtDesiredAndIdentity_RoundTrip_VerifiedKeepsIdsKindAndKeys(createJournal), "Convergence", null),
            Case(nameof(WriteAsync_Batch_WritesEntriesThenLinksThenRemovals), () => WriteAsync_Batch_WritesEntriesThenLinksThenRemovals(createJournal), "Convergence", null),
            Case(nameof(WriteAsync_UnknownEntry_ThrowsKeyNotFound), () => WriteAsync_UnknownEntry_ThrowsKeyNotFound(createJournal), "Convergence", null),
            Case(nameof(Links_AppliedGenerationSince_RoundTrip_AndOlderLinksHaveNone), () => Links_AppliedGenerationSince_RoundTrip_AndOlderLinksHaveNone(createJournal), "Convergence", null),
        ]);

        static ContractCase Case(string name, Func<Task> run, string? category, Type? requires) => new(nameof(IProvisioningJournal), name, run, category, requires);
    }

    private static async Task StageAsync_WritesStagedOrders_InOrder_WithTheirValues(Func<IProvisioningJournal> create)
    {
        var journal = create();
        var added = Order("o1", "E1", OrderKind.Added, changes:
        [
            new("FirstName", null, "Ann", OwnershipPolicy.Authoritative),
            new("Start", new DateOnly(2025, 1, 1), new DateOnly(2026, 2, 1), OwnershipPolicy.OnChange),
            new("Salary", 1.50m, 2L, OwnershipPolicy.InitialOnly),
            new("Groups", null, new List<object?> { "a", 3, true }, OwnershipPolicy.Ignored),
        ]);
        await journal.StageAsync("HR", "R1", [added, Order("o2", "E2", OrderKind.Deleted, identityId: "I000007", notBefore: Now.AddDays(30))], []);

        Check.Equal("R1", await journal.GetStagedRunAsync("hr"));
        var entries = await EntriesAsync(journal, "HR");
        Check.Equal(["o1", "o2"], entries.Select(e => e.Order.Id));
        Check.All(entries, e => Check.Equal((OrderState.Staged, 0, Now, (string?)null, (string?)null), (e.State, e.Attempts, e.UpdatedAt, e.Handle, e.Error)));
        var order = entries[0].Order;
        Check.Equal(("o1", "HR", "Person", "E1", OrderKind.Added, (string?)null, "HR_Onboarding", "R1", Now, (DateTimeOffset?)null),
            (order.Id, order.Connector, order.EntityType, order.ResourceKey, order.Kind, order.IdentityId, order.Workflow, order.RunId, order.CreatedAt, order.NotBefore));
        Check.Equal(4, order.Changes.Count);
        Check.Equal(added.Changes.Take(3), order.Changes.Take(3));
        Check.Equal([typeof(DateOnly), typeof(decimal)], [order.Changes[1].OldValue!.GetType(), order.Changes[2].OldValue!.GetType()]);
        Check.Equal(typeof(long), order.Changes[2].NewValue!.GetType());
        Check.Equal(["a", 3, true], ((System.Collections.IEnumerable)order.Changes[3].NewValue!).Cast<object?>());
        Check.Equal(OwnershipPolicy.Ignored, order.Changes[3].Policy);
        Check.Equal(("I000007", Now.AddDays(30)), (entries[1].Order.IdentityId, entries[1].Order.NotBefore));
    }

    private static async Task StageAsync_Again_ReplacesStagedOrders_LeavesOthers(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o3", "E3"), Order("o4", "E4")], []);
        await journal.StageAsync("HR", "R2", [Order("o1", "E1", runId: "R2"), Order("o5", "E5", runId: "R2"), Order("o5", "E5", runId: "R2")], []);

        Check.Equal("R2", await journal.GetStagedRunAsync("HR"));
        var entries = await EntriesAsync(journal, "HR");
        Check.Equal(["o1", "o2", "o5"], entries.Select(e => e.Order.Id));
        Check.Equal([OrderState.Pending, OrderState.Pending, OrderState.Staged], entries.Select(e => e.State));
        Check.Equal("R1", entries[0].Order.RunId);
    }

    private static async Task ReleaseAsync_MakesStagedPendingOrScheduled_CancelsOpenOrders(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("del", "E2", OrderKind.Deleted, notBefore: Now.AddDays(30))], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o3", "E2", OrderKind.Reactivated, runId: "R2")], ["del", "o1", "unknown"]);
        var first = (await EntriesAsync(journal, "HR"))[0];
        await journal.UpdateAsync(first with { State = OrderState.Executed });
        await journal.ReleaseAsync("HR", "R2");

        Check.Null(await journal.GetStagedRunAsync("HR"));
        Check.Equal([OrderState.Executed, OrderState.Cancelled, OrderState.Pending], (await EntriesAsync(journal, "HR")).Select(e => e.State));
    }

    private static async Task ReleaseAsync_ScheduledWhenNotBefore(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("del", "E2", OrderKind.Deleted, notBefore: Now.AddDays(30))], []);
        await journal.ReleaseAsync("HR", "R1");
        Check.Equal(OrderState.Scheduled, Check.Single(await EntriesAsync(journal, "HR")).State);
    }

    private static async Task ReleaseAsync_NotTheStagedRun_Throws(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await Check.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync("HR", "R1"));
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await Check.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync("HR", "R2"));
        Check.Equal(OrderState.Staged, Check.Single(await EntriesAsync(journal, "HR")).State);
    }

    private static async Task DiscardAsync_RemovesTheStagedOrdersOfThatRunOnly(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o2", "E2")], []);
        await journal.DiscardAsync("HR", "other");
        Check.Equal("R2", await journal.GetStagedRunAsync("HR"));
        await journal.DiscardAsync("HR", "R2");

        Check.Null(await journal.GetStagedRunAsync("HR"));
        Check.Equal(["o1"], (await EntriesAsync(journal, "HR")).Select(e => e.Order.Id));
    }

    private static async Task UpdateAsync_RecordsStateAttemptsHandleErrorAndIdentity(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Check.Single(await EntriesAsync(journal, "HR"));
        var later = Now.AddMinutes(5);
        await journal.UpdateAsync(entry with { Order = entry.Order.WithIdentity("I000042"), State = OrderState.Transmitted, Attempts = 2, UpdatedAt = later, Handle = "wf-1", Error = "TimeoutException" });

        var updated = Check.Single(await EntriesAsync(journal, "HR"));
        Check.Equal((OrderState.Transmitted, 2, later, "wf-1", "TimeoutException", "I000042"), (updated.State, updated.Attempts, updated.UpdatedAt, updated.Handle, updated.Error, updated.Order.IdentityId));
        await journal.UpdateAsync(updated with { State = OrderState.Executed, Handle = null, Error = null });
        Check.Equal((OrderState.Executed, null, null), Check.Single(await EntriesAsync(journal, "HR")) is var e ? (e.State, e.Handle, e.Error) : default);
    }

    private static async Task UpdateAsync_UnknownOrder_ThrowsKeyNotFound(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await Check.ThrowsAsync<KeyNotFoundException>(() => journal.UpdateAsync(new JournalEntry(Order("nope", "E1"), OrderState.Pending, 0, Now)));
    }

    private static async Task ReadAsync_OpenOnly_OpenExecutedErroredAndStuck(Func<IProvisioningJournal> create)
    {
        var journal = create();
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

        Check.Equal(
            [OrderState.Scheduled, OrderState.Pending, OrderState.Transmitted, OrderState.Executed, OrderState.Errored, OrderState.Stuck, OrderState.Staged],
            open.Select(e => e.State));
        Check.Equal(9, (await EntriesAsync(journal, "HR")).Count);
    }

    private static async Task Connectors_AreIndependent_AndIgnoreCase(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.StageAsync("Payroll", "P1", [Order("o1", "E1", connector: "Payroll")], []);
        await journal.ReleaseAsync("hr", "R1");

        Check.Null(await journal.GetStagedRunAsync("HR"));
        Check.Equal("P1", await journal.GetStagedRunAsync("PAYROLL"));
        Check.Equal(OrderState.Pending, Check.Single(await EntriesAsync(journal, "Hr")).State);
        Check.Equal(OrderState.Staged, Check.Single(await EntriesAsync(journal, "payroll")).State);
    }

    private static async Task Links_SetReplaceRemove_EntityTypeIgnoresCase_KeyDoesNot(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "E1", "I000001", IdentityState.Active));
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "e1", "I000002", IdentityState.Active));
        await journal.SetLinkAsync("hr", new IdentityLink("PERSON", "E1", "I000003", IdentityState.Inactive));
        await journal.SetLinkAsync("Payroll", new IdentityLink("Person", "E1", "I000009", IdentityState.Active));

        var links = (await LinksAsync(journal, "HR")).OrderBy(l => l.ResourceKey, StringComparer.Ordinal).ToList();
        Check.Equal(
            [new IdentityLink("PERSON", "E1", "I000003", IdentityState.Inactive), new IdentityLink("Person", "e1", "I000002", IdentityState.Active)],
            links);
        await journal.RemoveLinkAsync("HR", "person", "E1");
        await journal.RemoveLinkAsync("HR", "Person", "missing");
        Check.Equal(["e1"], (await LinksAsync(journal, "HR")).Select(l => l.ResourceKey));
        Check.Single(await LinksAsync(journal, "Payroll"));
    }

    private static async Task StageAsync_Cancellations_AppliedAtRelease_ToOpenErroredAndStuckEntries_NotToStagedExecutedOrUnknown(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("pending", "E1"), Order("errored", "E2"), Order("stuck", "E3"), Order("executed", "E4"), Order("scheduled", "E5", OrderKind.Deleted, notBefore: Now.AddDays(3))], []);
        await journal.ReleaseAsync("HR", "R1");
        await SetStatesAsync(journal, ("errored", OrderState.Errored), ("stuck", OrderState.Stuck), ("executed", OrderState.Executed));

        await journal.StageAsync("HR", "R2", [Order("new", "E6", runId: "R2")], ["pending", "errored", "stuck", "executed", "scheduled", "new", "unknown"]);
        Check.Equal(
            [OrderState.Pending, OrderState.Errored, OrderState.Stuck, OrderState.Executed, OrderState.Scheduled, OrderState.Staged],
            (await EntriesAsync(journal, "HR")).Select(e => e.State));

        await journal.ReleaseAsync("HR", "R2");

        Check.Equal(
            [OrderState.Cancelled, OrderState.Cancelled, OrderState.Cancelled, OrderState.Executed, OrderState.Cancelled, OrderState.Pending],
            (await EntriesAsync(journal, "HR")).Select(e => e.State));
        Check.Null(await journal.GetStagedRunAsync("HR"));
    }

    private static async Task DiscardAsync_DropsTheStagedCancellations(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [], ["o1"]);
        await journal.DiscardAsync("HR", "R2");
        await journal.StageAsync("HR", "R3", [], []);
        await journal.ReleaseAsync("HR", "R3");

        Check.Equal(OrderState.Pending, Check.Single(await EntriesAsync(journal, "HR")).State);
    }

    private static async Task StageAsync_SameRunAgain_ReplacesItsCancellations(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [], ["o1"]);
        await journal.StageAsync("HR", "R2", [], ["o2"]);
        await journal.ReleaseAsync("HR", "R2");

        Check.Equal([OrderState.Pending, OrderState.Cancelled], (await EntriesAsync(journal, "HR")).Select(e => e.State));
    }

    private static async Task StageAsync_AnotherRunStaged_Throws_AndChangesNothing(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], ["x"]);

        await Check.ThrowsAsync<InvalidOperationException>(() => journal.StageAsync("HR", "R2", [Order("o2", "E2", runId: "R2")], []));

        Check.Equal("R1", await journal.GetStagedRunAsync("HR"));
        Check.Equal(["o1"], (await EntriesAsync(journal, "HR")).Select(e => e.Order.Id));
        await journal.StageAsync("Payroll", "R2", [Order("o2", "E2", runId: "R2", connector: "Payroll")], []);
        Check.Equal("R2", await journal.GetStagedRunAsync("Payroll"));
    }

    private static async Task DiscardAndRelease_OfAnotherRun_DoNothingAndThrow_TheStagedRunKeepsItsCancellations(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        await journal.StageAsync("HR", "R2", [Order("o2", "E2", runId: "R2")], ["o1"]);

        await journal.DiscardAsync("HR", "R1");
        await Check.ThrowsAsync<InvalidOperationException>(() => journal.ReleaseAsync("HR", "R1"));
        Check.Equal([OrderState.Pending, OrderState.Staged], (await EntriesAsync(journal, "HR")).Select(e => e.State));

        await journal.ReleaseAsync("HR", "R2");
        Check.Equal([OrderState.Cancelled, OrderState.Pending], (await EntriesAsync(journal, "HR")).Select(e => e.State));
    }

    private static async Task StageAsync_ClosedEntry_IsReopened_KeepingAttemptsFailuresAndError_ReleasedAsANewAttempt(Func<IProvisioningJournal> create, OrderState closed)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1", OrderKind.Modified, identityId: "I000001")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Check.Single(await EntriesAsync(journal, "HR"));
        await journal.UpdateAsync(entry with { State = closed, Attempts = 3, Failures = 2, Error = "HostRefused", Handle = "wf-1", InDoubt = true, UpdatedAt = Now.AddHours(1) });

        var later = Now.AddDays(1);
        var again = new ProvisioningOrder("o1", "HR", "Person", "E1", OrderKind.Modified, "I000001", null, [new("Title", "Dev", "Lead", OwnershipPolicy.Authoritative)], "R2", later);
        await journal.StageAsync("HR", "R2", [again], []);

        var reopened = Check.Single(await EntriesAsync(journal, "HR"));
        Check.Equal((OrderState.Staged, 3, 2, "HostRefused", (string?)null, false, later, "R2"), (reopened.State, reopened.Attempts, reopened.Failures, reopened.Error, reopened.Handle, reopened.InDoubt, reopened.UpdatedAt, reopened.Order.RunId));
        Check.Equal("o1.2", reopened.OperationId);
        Check.Equal("Lead", Check.Single(reopened.Order.Changes).NewValue);

        await journal.ReleaseAsync("HR", "R2");
        Check.Equal((OrderState.Pending, 3, 2), Check.Single(await EntriesAsync(journal, "HR")) is var released ? (released.State, released.Attempts, released.Failures) : default);
    }

    private static async Task DiscardAsync_PutsBackTheEntriesTheRunReopened(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1"), Order("o2", "E2")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entries = await EntriesAsync(journal, "HR");
        var errored = entries[0] with { State = OrderState.Errored, Attempts = 2, Failures = 1, Error = "Timeout", Handle = "wf-9", InDoubt = true, UpdatedAt = Now.AddHours(2) };
        await journal.UpdateAsync(errored);
        await journal.UpdateAsync(entries[1] with { State = OrderState.Executed });

        await journal.StageAsync("HR", "R2", [Order("o1", "E1", runId: "R2"), Order("o2", "E2", runId: "R2"), Order("o3", "E3", runId: "R2")], []);
        await journal.DiscardAsync("HR", "R2");

        var after = await EntriesAsync(journal, "HR");
        Check.Equal(["o1", "o2"], after.Select(e => e.Order.Id));
        var back = after[0];
        Check.Equal((OrderState.Errored, 2, 1, "Timeout", "wf-9", true, Now.AddHours(2), "R1"), (back.State, back.Attempts, back.Failures, back.Error, back.Handle, back.InDoubt, back.UpdatedAt, back.Order.RunId));
        Check.Equal(OrderState.Executed, after[1].State);
        Check.Null(await journal.GetStagedRunAsync("HR"));
    }

    private static async Task StageAsync_SameRunAgain_PutsBackWhatItReopenedBefore(Func<IProvisioningJournal> create)
    {
        var journal = create();
        await journal.StageAsync("HR", "R1", [Order("o1", "E1")], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Check.Single(await EntriesAsync(journal, "HR"));
        await journal.UpdateAsync(entry with { State = OrderState.Stuck, Failures = 5 });

        await journal.StageAsync("HR", "R2", [Order("o1", "E1", runId: "R2")], []);
        await journal.StageAsync("HR", "R2", [], []);

        var back = Check.Single(await EntriesAsync(journal, "HR"));
        Check.Equal((OrderState.Stuck, 5, "R1"), (back.State, back.Failures, back.Order.RunId));
    }

    private static async Task StageAsync_Reason_RoundTrips_ThroughUpdatesAndVerification_UnknownStaysUnknown(Func<IProvisioningJournal> create)
    {
        var journal = create();
        var rehire = new ProvisioningOrder("o1", "HR", "Person", "E1", OrderKind.Reactivated, "I000001", null, [new("Title", null, "Lead", OwnershipPolicy.OnChange)], "R1", Now) { Reason = OrderReason.Rehire };
        var unknown = new ProvisioningOrder("o2", "HR", "Person", "E2", OrderKind.Deactivated, "I000002", null, [], "R1", Now);
        await journal.StageAsync("HR", "R1", [rehire, unknown], []);
        await journal.ReleaseAsync("HR", "R1");

        var entries = (await EntriesAsync(journal, "HR")).OrderBy(e => e.Order.Id, StringComparer.Ordinal).ToList();
        Check.Equal([OrderReason.Rehire, OrderReason.Unknown], entries.Select(e => e.Order.Reason));

        await journal.UpdateAsync(entries[0] with { Order = entries[0].Order.WithIdentity("I000003"), State = OrderState.Verified });
        var verified = (await EntriesAsync(journal, "HR")).Single(e => e.Order.Id == "o1");
        Check.Equal((OrderReason.Rehire, "I000003"), (verified.Order.Reason, verified.Order.IdentityId));
    }

    private static async Task UpdateAsync_FailuresInDoubtDesiredAndIdentity_RoundTrip_VerifiedKeepsIdsKindAndKeys(Func<IProvisioningJournal> create)
    {
        var journal = create();
        var desired = new byte[] { 1, 2, 3, 0xFF };
        var order = new ProvisioningOrder("o1", "HR", "Person", "E1", OrderKind.Added, null, "HR_Onboarding", [new("FirstName", null, "Ann", OwnershipPolicy.Authoritative)], "R1", Now, desired: desired);
        await journal.StageAsync("HR", "R1", [order], []);
        await journal.ReleaseAsync("HR", "R1");
        var entry = Check.Single(await EntriesAsync(journal, "HR"));
        Check.Equal(desired, entry.Order.Desired);

        await journal.UpdateAsync(entry with { Order = entry.Order.WithIdentity("I000004"), State = OrderState.Pending, Attempts = 1, Failures = 1, InDoubt = true });
        var updated = Check.Single(await EntriesAsync(journal, "HR"));
        Check.Equal((1, 1, true, "I000004", "o1.1"), (updated.Attempts, updated.Failures, updated.InDoubt, updated.Order.IdentityId, updated.OperationId));
        Check.Equal(desired, updated.Order.Desired);

        await journal.UpdateAsync(updated with { State = OrderState.Verified, InDoubt = false });
        var verified = Check.Single(await EntriesAsync(journal, "HR"));
        Check.Equal(("o1", OrderKind.Added, "Person", "E1", "I000004", "HR", OrderState.Verified, false), (verified.Order.Id, verified.Order.Kind, verified.Order.EntityType, verified.Order.ResourceKey, verified.Order.IdentityId, verified.Order.Connector, verified.State, verified.InDoubt));
        Check.Empty(await OpenAsync(journal, "HR"));
    }

    private static async Task WriteAsync_Batch_WritesEntriesThenLinksThenRemovals(Func<IProvisioningJournal> create)
    {
        var journal = create();
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

        Check.Equal([(OrderState.Transmitted, "wf-1"), (OrderState.Verified, null)], (await EntriesAsync(journal, "HR")).Select(e => (e.State, e.Handle)));
        var link = Check.Single(await LinksAsync(journal, "HR"));
        Check.Equal(("E2", "I000002", 1), (link.ResourceKey, link.IdentityId, link.Generation));
        Check.Equal([9, 9], link.Applied!);
        await journal.WriteAsync(new JournalBatch("HR"));
    }

    private static async Task WriteAsync_UnknownEntry_ThrowsKeyNotFound(Func<IProvisioningJournal> create)
    {
        var journal = create();
        var batch = new JournalBatch("HR");
        batch.Entries.Add(new JournalEntry(Order("nope", "E1"), OrderState.Pending, 0, Now));
        await Check.ThrowsAsync<KeyNotFoundException>(() => journal.WriteAsync(batch));
    }

    private static async Task Links_AppliedGenerationSince_RoundTrip_AndOlderLinksHaveNone(Func<IProvisioningJournal> create)
    {
        var journal = create();
        var since = new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(2));
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "E1", "I000001", IdentityState.Deleted, [1, 2, 3, 4, 5, 6, 7, 8], 7, since));
        await journal.SetLinkAsync("HR", new IdentityLink("Person", "E2", "I000002", IdentityState.Active));

        var links = (await LinksAsync(journal, "HR")).OrderBy(l => l.ResourceKey, StringComparer.Ordinal).ToList();
        Check.Equal(("I000001", IdentityState.Deleted, 7, since), (links[0].IdentityId, links[0].State, links[0].Generation, links[0].Since));
        Check.Equal(since.Offset, links[0].Since!.Value.Offset);
        Check.Equal([1, 2, 3, 4, 5, 6, 7, 8], links[0].Applied!);
        Check.Equal(((byte[]?)null, 0, (DateTimeOffset?)null), (links[1].Applied, links[1].Generation, links[1].Since));

        await journal.SetLinkAsync("HR", links[0] with { Applied = null, Generation = 8, Since = null, State = IdentityState.Active });
        var replaced = (await LinksAsync(journal, "HR")).Single(l => l.ResourceKey == "E1");
        Check.Equal(((byte[]?)null, 8, (DateTimeOffset?)null, IdentityState.Active), (replaced.Applied, replaced.Generation, replaced.Since, replaced.State));
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

    private static ProvisioningOrder Order(string id, string key, OrderKind kind = OrderKind.Added, string? identityId = null, DateTimeOffset? notBefore = null, IReadOnlyList<IdentityValueChange>? changes = null, string runId = "R1", string connector = "HR")
        => new(id, connector, "Person", key, kind, identityId, kind == OrderKind.Added ? "HR_Onboarding" : null, changes ?? [], runId, Now, notBefore);

    private static async Task<List<JournalEntry>> EntriesAsync(IProvisioningJournal journal, string connector)
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
