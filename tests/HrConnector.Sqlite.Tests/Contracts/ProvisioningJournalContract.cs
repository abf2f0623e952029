using HrConnector.Provisioning;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IProvisioningJournal"/>, run against every implementation so that they cannot drift.</summary>
public abstract class ProvisioningJournalContract : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(1));
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

public sealed class InMemoryProvisioningJournalTests : ProvisioningJournalContract
{
    protected override IProvisioningJournal CreateJournal(Databases databases) => new InMemoryProvisioningJournal();
}

public sealed class SqliteProvisioningJournalTests : ProvisioningJournalContract
{
    protected override IProvisioningJournal CreateJournal(Databases databases) => databases.Open(databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).Journal;
}
