using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The contract of <see cref="ICorrelationJournal"/> (the cases and decisions of the correlation review): every case
/// of the suite HrConnector runs against <see cref="InMemoryProvisioningJournal"/> and the SQLite journal, to run against
/// yours. The journal of the factory must implement <see cref="ICorrelationJournal"/>, as a journal does to support
/// <see cref="CorrelationReview"/>.
/// </summary>
/// <remarks>
/// The cases replace and read cases, and set, read and remove decisions, under the connectors <c>HR</c> and <c>Other</c>:
/// entity types ignore case, resource keys do not; every field of a decision round-trips.
/// </remarks>
public static class CorrelationJournalContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 6, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The cases, each on new subjects of a factory.</summary>
    /// <param name="createJournal">Returns a new, empty journal at each call; called only when a case runs.</param>
    /// <returns>The cases.</returns>
    public static ContractSuite Cases(Func<IProvisioningJournal> createJournal)
    {
        ArgumentNullException.ThrowIfNull(createJournal);
        return new ContractSuite(nameof(ICorrelationJournal),
        [
            Case(nameof(ReplaceCasesAsync_ReplacesTheCasesOfItsEntityTypeOnly_ReadInKeyOrder), () => ReplaceCasesAsync_ReplacesTheCasesOfItsEntityTypeOnly_ReadInKeyOrder(createJournal), "Review", typeof(ICorrelationJournal)),
            Case(nameof(SetDecisionAsync_RecordsOnePerRecord_RoundTripsEveryField_RemoveClearsIt), () => SetDecisionAsync_RecordsOnePerRecord_RoundTripsEveryField_RemoveClearsIt(createJournal), "Review", typeof(ICorrelationJournal)),
        ]);

        static ContractCase Case(string name, Func<Task> run, string? category, Type? requires) => new(nameof(ICorrelationJournal), name, run, category, requires);
    }

    private static async Task ReplaceCasesAsync_ReplacesTheCasesOfItsEntityTypeOnly_ReadInKeyOrder(Func<IProvisioningJournal> create)
    {
        var journal = NewJournal(create);
        await journal.ReplaceCasesAsync("HR", "Person", [new("Person", "E2", "mail", 80, ["I2", "I1"]), new("Person", "E1", "name", 100, ["I3", "I4"])]);
        await journal.ReplaceCasesAsync("HR", "Contractor", [new("Contractor", "C1", "mail", 50, ["I9"])]);
        await journal.ReplaceCasesAsync("Other", "Person", [new("Person", "E7", "mail", 80, ["I7"])]);

        var cases = await journal.ReadCasesAsync("hr").ListAsync();
        Check.Equal(["Contractor/C1", "Person/E1", "Person/E2"], cases.Select(c => $"{c.EntityType}/{c.ResourceKey}"));
        Check.Equal(("mail", 80), (cases[2].Rule, cases[2].Confidence));
        Check.Equal(["I2", "I1"], cases[2].Candidates);

        await journal.ReplaceCasesAsync("HR", "PERSON", [new("Person", "E3", "mail", 90, ["I5"])]);
        Check.Equal(["Contractor/C1", "Person/E3"], (await journal.ReadCasesAsync("HR").ListAsync()).Select(c => $"{c.EntityType}/{c.ResourceKey}"));
        await journal.ReplaceCasesAsync("HR", "Person", []);
        Check.Equal(["Contractor/C1"], (await journal.ReadCasesAsync("HR").ListAsync()).Select(c => $"{c.EntityType}/{c.ResourceKey}"));
        Check.Single(await journal.ReadCasesAsync("Other").ListAsync());
    }

    private static async Task SetDecisionAsync_RecordsOnePerRecord_RoundTripsEveryField_RemoveClearsIt(Func<IProvisioningJournal> create)
    {
        var journal = NewJournal(create);
        var link = new CorrelationDecision("Person", "E2", CorrelationDecisionKind.Link, "I000017", Now, "alice");
        await journal.SetDecisionAsync("HR", link);
        await journal.SetDecisionAsync("HR", new CorrelationDecision("Person", "E1", CorrelationDecisionKind.Create, null, Now));
        await journal.SetDecisionAsync("HR", new CorrelationDecision("Person", "e1", CorrelationDecisionKind.Ignore, null, Now, "bob"));

        var decisions = await journal.ReadDecisionsAsync("hr").ListAsync();
        Check.Equal([new CorrelationDecision("Person", "E1", CorrelationDecisionKind.Create, null, Now), link, new CorrelationDecision("Person", "e1", CorrelationDecisionKind.Ignore, null, Now, "bob")], decisions.OrderBy(d => d.ResourceKey, StringComparer.Ordinal));

        var ignore = new CorrelationDecision("PERSON", "E2", CorrelationDecisionKind.Ignore, null, Now.AddHours(1), "carol");
        await journal.SetDecisionAsync("HR", ignore);
        Check.Equal(ignore, (await journal.ReadDecisionsAsync("HR").ListAsync()).Single(d => d.ResourceKey == "E2"));

        Check.True(await journal.RemoveDecisionAsync("HR", "person", "E2"));
        Check.False(await journal.RemoveDecisionAsync("HR", "Person", "E2"));
        Check.Equal(["E1", "e1"], (await journal.ReadDecisionsAsync("HR").ListAsync()).Select(d => d.ResourceKey).Order(StringComparer.Ordinal));
        Check.Empty(await journal.ReadDecisionsAsync("Other").ListAsync());
    }

    private static ICorrelationJournal NewJournal(Func<IProvisioningJournal> create) => Check.IsAssignableFrom<ICorrelationJournal>(create());
}
