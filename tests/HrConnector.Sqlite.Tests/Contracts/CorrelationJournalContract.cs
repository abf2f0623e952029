using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="ICorrelationJournal"/> (the cases and decisions of the correlation review), run against every journal.</summary>
[Trait("Category", "Review")]
public abstract class CorrelationJournalContract : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(1));
    private readonly Databases _databases = new();

    protected abstract IProvisioningJournal CreateJournal(Databases databases);

    private ICorrelationJournal NewJournal() => Assert.IsAssignableFrom<ICorrelationJournal>(CreateJournal(_databases));

    public void Dispose()
    {
        _databases.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ReplaceCasesAsync_ReplacesTheCasesOfItsEntityTypeOnly_ReadInKeyOrder()
    {
        var journal = NewJournal();
        await journal.ReplaceCasesAsync("HR", "Person", [new("Person", "E2", "mail", 80, ["I2", "I1"]), new("Person", "E1", "name", 100, ["I3", "I4"])]);
        await journal.ReplaceCasesAsync("HR", "Contractor", [new("Contractor", "C1", "mail", 50, ["I9"])]);
        await journal.ReplaceCasesAsync("Other", "Person", [new("Person", "E7", "mail", 80, ["I7"])]);

        var cases = await journal.ReadCasesAsync("hr").ToListAsync();
        Assert.Equal(["Contractor/C1", "Person/E1", "Person/E2"], cases.Select(c => $"{c.EntityType}/{c.ResourceKey}"));
        Assert.Equal(("mail", 80), (cases[2].Rule, cases[2].Confidence));
        Assert.Equal(["I2", "I1"], cases[2].Candidates);

        await journal.ReplaceCasesAsync("HR", "PERSON", [new("Person", "E3", "mail", 90, ["I5"])]);
        Assert.Equal(["Contractor/C1", "Person/E3"], (await journal.ReadCasesAsync("HR").ToListAsync()).Select(c => $"{c.EntityType}/{c.ResourceKey}"));
        await journal.ReplaceCasesAsync("HR", "Person", []);
        Assert.Equal(["Contractor/C1"], (await journal.ReadCasesAsync("HR").ToListAsync()).Select(c => $"{c.EntityType}/{c.ResourceKey}"));
        Assert.Single(await journal.ReadCasesAsync("Other").ToListAsync());
    }

    [Fact]
    public async Task SetDecisionAsync_RecordsOnePerRecord_RoundTripsEveryField_RemoveClearsIt()
    {
        var journal = NewJournal();
        var link = new CorrelationDecision("Person", "E2", CorrelationDecisionKind.Link, "I000017", Now, "alice");
        await journal.SetDecisionAsync("HR", link);
        await journal.SetDecisionAsync("HR", new CorrelationDecision("Person", "E1", CorrelationDecisionKind.Create, null, Now));
        await journal.SetDecisionAsync("HR", new CorrelationDecision("Person", "e1", CorrelationDecisionKind.Ignore, null, Now, "bob"));

        var decisions = await journal.ReadDecisionsAsync("hr").ToListAsync();
        Assert.Equal([new CorrelationDecision("Person", "E1", CorrelationDecisionKind.Create, null, Now), link, new CorrelationDecision("Person", "e1", CorrelationDecisionKind.Ignore, null, Now, "bob")], decisions.OrderBy(d => d.ResourceKey, StringComparer.Ordinal));

        var ignore = new CorrelationDecision("PERSON", "E2", CorrelationDecisionKind.Ignore, null, Now.AddHours(1), "carol");
        await journal.SetDecisionAsync("HR", ignore);
        Assert.Equal(ignore, (await journal.ReadDecisionsAsync("HR").ToListAsync()).Single(d => d.ResourceKey == "E2"));

        Assert.True(await journal.RemoveDecisionAsync("HR", "person", "E2"));
        Assert.False(await journal.RemoveDecisionAsync("HR", "Person", "E2"));
        Assert.Equal(["E1", "e1"], (await journal.ReadDecisionsAsync("HR").ToListAsync()).Select(d => d.ResourceKey).Order(StringComparer.Ordinal));
        Assert.Empty(await journal.ReadDecisionsAsync("Other").ToListAsync());
    }
}

public sealed class InMemoryCorrelationJournalTests : CorrelationJournalContract
{
    protected override IProvisioningJournal CreateJournal(Databases databases) => new InMemoryProvisioningJournal();
}

public sealed class SqliteCorrelationJournalTests : CorrelationJournalContract
{
    protected override IProvisioningJournal CreateJournal(Databases databases) => databases.Open(databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).Journal;
}
