using HrConnector.Provisioning;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The contract of <see cref="IIdentityRepository"/>: every case of the suite HrConnector runs against
/// <see cref="InMemoryIdentityRepository"/> and the SQLite repository, to run against yours.
/// </summary>
/// <remarks>
/// Ids are given in creation order (<c>I000001</c>, <c>I000002</c>…) and never reused; values come back with their
/// types; every write is idempotent for its operation id; <see cref="IIdentityRepository.FindAsync"/> honours
/// <see cref="MatchNormalization"/> as <see cref="IdentityValues.AreEqual"/> does. The cases whose
/// <see cref="ContractCase.Requires"/> is <see cref="IUniqueValueLookup"/> or <see cref="IBatchIdentityRepository"/> check
/// those optional capabilities: leave them out when your repository does not implement them.
/// </remarks>
public static class IdentityRepositoryContract
{
    /// <summary>The cases, each on new subjects of a factory.</summary>
    /// <param name="createRepository">Returns a new, empty repository at each call; called only when a case runs.</param>
    /// <returns>The cases.</returns>
    public static ContractSuite Cases(Func<IIdentityRepository> createRepository)
    {
        ArgumentNullException.ThrowIfNull(createRepository);
        return new ContractSuite(nameof(IIdentityRepository),
        [
            Case(nameof(CreateAsync_IdsInCreationOrder_ValuesComeBackWithTheirTypes), () => CreateAsync_IdsInCreationOrder_ValuesComeBackWithTheirTypes(createRepository), null, null),
            Case(nameof(TakenAsync_AnswersIgnoringCase_AsGiven_SeesEveryWriteAndInactiveIdentities), () => TakenAsync_AnswersIgnoringCase_AsGiven_SeesEveryWriteAndInactiveIdentities(createRepository), "IdentityShaping", typeof(IUniqueValueLookup)),
            Case(nameof(CreateAsync_SameOperationId_ReturnsTheFirstIdentityAndCreatesNothing), () => CreateAsync_SameOperationId_ReturnsTheFirstIdentityAndCreatesNothing(createRepository), null, null),
            Case(nameof(UpdateAsync_SetsGivenValues_KeepsOthers_OnceperOperation), () => UpdateAsync_SetsGivenValues_KeepsOthers_OnceperOperation(createRepository), null, null),
            Case(nameof(UpdateAsync_UnknownIdentity_ThrowsKeyNotFound), () => UpdateAsync_UnknownIdentity_ThrowsKeyNotFound(createRepository), null, null),
            Case(nameof(SetStateAsync_ChangesTheState_OncePerOperation), () => SetStateAsync_ChangesTheState_OncePerOperation(createRepository), null, null),
            Case(nameof(DeleteAsync_RemovesTheIdentity_MissingIsNoError_IdsAreNotReused), () => DeleteAsync_RemovesTheIdentity_MissingIsNoError_IdsAreNotReused(createRepository), null, null),
            Case(nameof(ListAsync_EveryIdentity_InCreationOrder), () => ListAsync_EveryIdentity_InCreationOrder(createRepository), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(None, \"alice@corp.example\", true)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.None, "alice@corp.example", true), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(None, \"ALICE@corp.example\", false)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.None, "ALICE@corp.example", false), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Case, \"ALICE@CORP.EXAMPLE\", true)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Case, "ALICE@CORP.EXAMPLE", true), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Case, \" alice@corp.example\", false)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Case, " alice@corp.example", false), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Whitespace, \"  alice@corp.example \", true)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Whitespace, "  alice@corp.example ", true), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Case|Whitespace, \" ALICE@corp.example \", true)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Case | MatchNormalization.Whitespace, " ALICE@corp.example ", true), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Diacritics, \"alicé@corp.example\", true)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Diacritics, "alicé@corp.example", true), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Diacritics, \"Alicé@corp.example\", false)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Diacritics, "Alicé@corp.example", false), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Case|Diacritics|Whitespace, \" ÀLICE@corp.exàmple\", true)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Case | MatchNormalization.Diacritics | MatchNormalization.Whitespace, " ÀLICE@corp.exàmple", true), null, null),
            Case(nameof(FindAsync_HonoursNormalization_LikeIdentityValues) + "(Case|Diacritics|Whitespace, \"alice@corp.exampl\", false)", () => FindAsync_HonoursNormalization_LikeIdentityValues(createRepository, MatchNormalization.Case | MatchNormalization.Diacritics | MatchNormalization.Whitespace, "alice@corp.exampl", false), null, null),
            Case(nameof(FindAsync_WhiteSpaceAroundCombiningMarks_SameAnswerAsIdentityValues), () => FindAsync_WhiteSpaceAroundCombiningMarks_SameAnswerAsIdentityValues(createRepository), null, null),
            Case(nameof(FindAsync_SeveralCriteria_AllMustHold_NumbersByValue_ListsAsSets_NullMatchesMissing), () => FindAsync_SeveralCriteria_AllMustHold_NumbersByValue_ListsAsSets_NullMatchesMissing(createRepository), null, null),
            Case(nameof(FindAsync_PropertyQueriedOnce_FindsIdentitiesWrittenBeforeAndAfter_ByEveryPath), () => FindAsync_PropertyQueriedOnce_FindsIdentitiesWrittenBeforeAndAfter_ByEveryPath(createRepository), "Convergence", typeof(IBatchIdentityRepository)),
            Case(nameof(FindAsync_AfterUpdate_FindsTheNewValueNotTheOld), () => FindAsync_AfterUpdate_FindsTheNewValueNotTheOld(createRepository), null, null),
            Case(nameof(WriteBatchAsync_AppliesInOrder_ReportsEachFailure_KeepsTheOthers), () => WriteBatchAsync_AppliesInOrder_ReportsEachFailure_KeepsTheOthers(createRepository), "Convergence", typeof(IBatchIdentityRepository)),
            Case(nameof(WriteBatchAsync_Replayed_IsIdempotentPerOperationId_AsTheSingleItemMethods), () => WriteBatchAsync_Replayed_IsIdempotentPerOperationId_AsTheSingleItemMethods(createRepository), "Convergence", typeof(IBatchIdentityRepository)),
            Case(nameof(WriteBatchAsync_ValueThatCannotBeStored_FailsItsWriteOnly), () => WriteBatchAsync_ValueThatCannotBeStored_FailsItsWriteOnly(createRepository), "Convergence", typeof(IBatchIdentityRepository)),
        ]);

        static ContractCase Case(string name, Func<Task> run, string? category, Type? requires) => new(nameof(IIdentityRepository), name, run, category, requires);
    }

    private static async Task CreateAsync_IdsInCreationOrder_ValuesComeBackWithTheirTypes(Func<IIdentityRepository> create)
    {
        var repository = create();
        var values = new Dictionary<string, object?>
        {
            ["Text"] = "Zoë",
            ["Int"] = 42,
            ["Long"] = 1L << 40,
            ["Decimal"] = 12.50m,
            ["Flag"] = true,
            ["Date"] = new DateOnly(2026, 1, 5),
            ["Time"] = new DateTime(2026, 1, 5, 6, 7, 8, DateTimeKind.Utc),
            ["Id"] = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["List"] = new List<object?> { "a", 2, new DateOnly(2020, 2, 29) },
            ["Null"] = null,
        };

        var first = await repository.CreateAsync(values, "op-1");
        var second = await repository.CreateAsync(new Dictionary<string, object?> { ["Text"] = "B" }, "op-2");

        Check.Equal("I000001", first);
        Check.Equal("I000002", second);
        var identity = (await repository.GetAsync(first))!;
        Check.Equal(IdentityState.Active, identity.State);
        foreach (var (name, value) in values.Where(v => v.Key != "List"))
        {
            Check.Equal(value, identity.GetValue(name));
            Check.Equal(value?.GetType(), identity.GetValue(name)?.GetType());
        }

        Check.Equal("12.50", ((decimal)identity.GetValue("decimal")!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var list = Check.IsAssignableFrom<System.Collections.IEnumerable>(identity.GetValue("LIST")).Cast<object?>().ToList();
        Check.Equal(["a", 2, new DateOnly(2020, 2, 29)], list);
        Check.True(identity.Properties.ContainsKey("Null"));
    }

    private static async Task TakenAsync_AnswersIgnoringCase_AsGiven_SeesEveryWriteAndInactiveIdentities(Func<IIdentityRepository> create)
    {
        var lookup = Check.IsAssignableFrom<IUniqueValueLookup>(create());
        var jean = await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "Jean.Dupont", ["Mail"] = "x@corp.example" }, "op-1");
        await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "-" }, "op-2");
        await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "jean dupont3" }, "op-3");

        var first = await lookup.TakenAsync("login", ["jean.dupont", "jean.dupont2", "jeandupont", "-", "_", "JEAN DUPONT3"]);
        Check.Equal(["-", "JEAN DUPONT3", "jean.dupont"], first.Order(StringComparer.Ordinal));

        await lookup.SetStateAsync(jean, IdentityState.Inactive, "op-4");
        await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "jean.dupont2" }, "op-5");
        var second = await lookup.TakenAsync("Login", ["jean.dupont", "jean.dupont2", "jean.dupont4"]);
        Check.Equal(["jean.dupont", "jean.dupont2"], second.Order(StringComparer.Ordinal));
        Check.Empty(await lookup.TakenAsync("Mail", []));
    }

    private static async Task CreateAsync_SameOperationId_ReturnsTheFirstIdentityAndCreatesNothing(Func<IIdentityRepository> create)
    {
        var repository = create();
        var id = await repository.CreateAsync(Values(("Name", "A")), "op");
        var again = await repository.CreateAsync(Values(("Name", "other")), "op");

        Check.Equal(id, again);
        Check.Equal("A", (await repository.GetAsync(id))!.GetValue("Name"));
        Check.Single(await ListAsync(repository));
    }

    private static async Task UpdateAsync_SetsGivenValues_KeepsOthers_OnceperOperation(Func<IIdentityRepository> create)
    {
        var repository = create();
        var id = await repository.CreateAsync(Values(("FirstName", "Ann"), ("Title", "Dev")), "create");
        await repository.UpdateAsync(id, Values(("title", "Lead"), ("Phone", "123")), "update");
        await repository.UpdateAsync(id, Values(("Title", "Again")), "update");

        var identity = (await repository.GetAsync(id))!;
        Check.Equal("Ann", identity.GetValue("FirstName"));
        Check.Equal("Lead", identity.GetValue("Title"));
        Check.Equal("123", identity.GetValue("Phone"));
    }

    private static async Task UpdateAsync_UnknownIdentity_ThrowsKeyNotFound(Func<IIdentityRepository> create)
    {
        var repository = create();
        await Check.ThrowsAsync<KeyNotFoundException>(() => repository.UpdateAsync("I999999", Values(("A", "B")), "op"));
        await Check.ThrowsAsync<KeyNotFoundException>(() => repository.SetStateAsync("nope", IdentityState.Inactive, "op2"));
    }

    private static async Task SetStateAsync_ChangesTheState_OncePerOperation(Func<IIdentityRepository> create)
    {
        var repository = create();
        var id = await repository.CreateAsync(Values(("A", "B")), "create");
        await repository.SetStateAsync(id, IdentityState.Inactive, "off");
        await repository.SetStateAsync(id, IdentityState.Active, "on");
        await repository.SetStateAsync(id, IdentityState.Inactive, "off");

        Check.Equal(IdentityState.Active, (await repository.GetAsync(id))!.State);
        Check.Equal("B", (await repository.GetAsync(id))!.GetValue("A"));
    }

    private static async Task DeleteAsync_RemovesTheIdentity_MissingIsNoError_IdsAreNotReused(Func<IIdentityRepository> create)
    {
        var repository = create();
        var id = await repository.CreateAsync(Values(("A", "B")), "create");
        await repository.DeleteAsync(id, "delete");
        await repository.DeleteAsync(id, "delete");
        await repository.DeleteAsync("I123456", "delete-missing");

        Check.Null(await repository.GetAsync(id));
        Check.Empty(await ListAsync(repository));
        Check.Empty(await repository.FindAsync(new IdentityQuery([new IdentityCriterion("A", "B")])));
        Check.Equal("I000002", await repository.CreateAsync(Values(("A", "C")), "create-2"));
        Check.Null(await repository.GetAsync("unknown"));
    }

    private static async Task ListAsync_EveryIdentity_InCreationOrder(Func<IIdentityRepository> create)
    {
        var repository = create();
        for (var i = 0; i < 5; i++)
        {
            await repository.CreateAsync(Values(("N", i)), $"op-{i}");
        }

        Check.Equal(["I000001", "I000002", "I000003", "I000004", "I000005"], (await ListAsync(repository)).Select(i => i.Id));
    }

    private static async Task FindAsync_HonoursNormalization_LikeIdentityValues(Func<IIdentityRepository> create, MatchNormalization normalization, string value, bool found)
    {
        var repository = create();
        var id = await repository.CreateAsync(Values(("Mail", "alice@corp.example")), "op-1");
        await repository.CreateAsync(Values(("Mail", "bob@corp.example")), "op-2");

        var result = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("mail", value)], normalization));

        Check.Equal(found ? [id] : [], result.Select(i => i.Id));
        Check.Equal(found, IdentityValues.AreEqual("alice@corp.example", value, normalization));
    }

    private static async Task FindAsync_WhiteSpaceAroundCombiningMarks_SameAnswerAsIdentityValues(Func<IIdentityRepository> create)
    {
        // Under Diacritics only, "a \u0301 b" and "a  b" are equal (the mark goes, both spaces stay).
        var repository = create();
        await repository.CreateAsync(Values(("Name", "a  b")), "op-1");
        var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("Name", "a \u0301 b")], MatchNormalization.Diacritics));
        Check.Equal(IdentityValues.AreEqual("a  b", "a \u0301 b", MatchNormalization.Diacritics), found.Count == 1);
    }

    private static async Task FindAsync_SeveralCriteria_AllMustHold_NumbersByValue_ListsAsSets_NullMatchesMissing(Func<IIdentityRepository> create)
    {
        var repository = create();
        var ann = await repository.CreateAsync(Values(("First", "Ann"), ("Last", "Lee"), ("Number", 7), ("Groups", new List<object?> { "a", "b" })), "op-1");
        var anne = await repository.CreateAsync(Values(("First", "Ann"), ("Last", "Smith"), ("Number", 8L)), "op-2");

        Check.Equal([ann], (await repository.FindAsync(new IdentityQuery([new("First", "Ann"), new("Last", "Lee")]))).Select(i => i.Id));
        Check.Equal([ann, anne], (await repository.FindAsync(new IdentityQuery([new("First", "Ann")]))).Select(i => i.Id));
        Check.Equal([ann], (await repository.FindAsync(new IdentityQuery([new("Number", 7m)]))).Select(i => i.Id));
        Check.Equal([anne], (await repository.FindAsync(new IdentityQuery([new("Number", 8)]))).Select(i => i.Id));
        Check.Equal([ann], (await repository.FindAsync(new IdentityQuery([new("Groups", new List<object?> { "b", "a" })]))).Select(i => i.Id));
        Check.Equal([anne], (await repository.FindAsync(new IdentityQuery([new("First", "Ann"), new("Groups", null)]))).Select(i => i.Id));
        Check.Equal([anne], (await repository.FindAsync(new IdentityQuery([new("Groups", "")]))).Select(i => i.Id));
        Check.Empty(await repository.FindAsync(new IdentityQuery([new("First", "Ann"), new("Number", "7")])));
    }

    private static async Task FindAsync_PropertyQueriedOnce_FindsIdentitiesWrittenBeforeAndAfter_ByEveryPath(Func<IIdentityRepository> create)
    {
        var repository = create();
        var before = await repository.CreateAsync(Values(("Mail", "a@corp.example"), ("Title", "Engineer")), "op-1");
        Check.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "a@corp.example")])));

        // Written after the first query on Mail: by a single write, a batch, and an update.
        var single = await repository.CreateAsync(Values(("Mail", "b@corp.example")), "op-2");
        var batch = Check.IsAssignableFrom<IBatchIdentityRepository>(repository);
        var results = await batch.WriteBatchAsync([new IdentityWrite(IdentityWriteKind.Create, "op-3", null, Values(("Mail", "c@corp.example")))]);
        await repository.UpdateAsync(before, Values(("Mail", "d@corp.example")), "op-4");

        Check.Equal(single, Check.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "b@corp.example")]))).Id);
        Check.Equal(results[0].IdentityId, Check.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "c@corp.example")]))).Id);
        Check.Equal(before, Check.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "D@corp.example")], MatchNormalization.Case))).Id);
        Check.Empty(await repository.FindAsync(new IdentityQuery([new("Mail", "a@corp.example")])));

        // A property queried for the first time finds what was written before its first query.
        Check.Equal(before, Check.Single(await repository.FindAsync(new IdentityQuery([new("Title", "engineer")], MatchNormalization.Case))).Id);
    }

    private static async Task FindAsync_AfterUpdate_FindsTheNewValueNotTheOld(Func<IIdentityRepository> create)
    {
        var repository = create();
        var id = await repository.CreateAsync(Values(("Mail", "old@corp.example")), "op-1");
        await repository.UpdateAsync(id, Values(("Mail", "new@corp.example")), "op-2");

        Check.Empty(await repository.FindAsync(new IdentityQuery([new("Mail", "old@corp.example")])));
        Check.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "NEW@corp.example")], MatchNormalization.Case)));
    }

    private static async Task WriteBatchAsync_AppliesInOrder_ReportsEachFailure_KeepsTheOthers(Func<IIdentityRepository> create)
    {
        var repository = (IBatchIdentityRepository)create();
        var existing = await repository.CreateAsync(Values(("Name", "A"), ("Mail", "a@corp.example")), "create-a");

        var results = await repository.WriteBatchAsync(
        [
            new IdentityWrite(IdentityWriteKind.Create, "create-b", null, Values(("Name", "B"))),
            new IdentityWrite(IdentityWriteKind.Update, "update-missing", "I999999", Values(("Name", "X"))),
            new IdentityWrite(IdentityWriteKind.Update, "update-a", existing, Values(("Mail", "new@corp.example"))),
            new IdentityWrite(IdentityWriteKind.SetState, "off-missing", "nope", null, IdentityState.Inactive),
            new IdentityWrite(IdentityWriteKind.SetState, "off-a", existing, null, IdentityState.Inactive),
            new IdentityWrite(IdentityWriteKind.Update, "no-id", null, Values(("Name", "Y"))),
            new IdentityWrite(IdentityWriteKind.Create, "create-c", null, Values(("Name", "C"))),
        ]);

        Check.Equal(["I000002", null, existing, null, existing, null, "I000003"], results.Select(r => r.IdentityId));
        Check.IsType<KeyNotFoundException>(results[1].Error);
        Check.IsType<KeyNotFoundException>(results[3].Error);
        Check.IsAssignableFrom<ArgumentException>(results[5].Error);
        Check.All(results.Where(r => r.IdentityId is not null), r => Check.Null(r.Error));
        var a = (await repository.GetAsync(existing))!;
        Check.Equal(("new@corp.example", IdentityState.Inactive), (a.GetValue("Mail"), a.State));
        Check.Equal([existing], (await repository.FindAsync(new IdentityQuery([new("Mail", "new@corp.example")]))).Select(i => i.Id));
        Check.Equal(["A", "B", "C"], (await ListAsync(repository)).Select(i => i.GetValue("Name")));
    }

    private static async Task WriteBatchAsync_Replayed_IsIdempotentPerOperationId_AsTheSingleItemMethods(Func<IIdentityRepository> create)
    {
        var repository = (IBatchIdentityRepository)create();
        var single = await repository.CreateAsync(Values(("Name", "Single")), "create-1");
        IdentityWrite[] writes =
        [
            new(IdentityWriteKind.Create, "create-1", null, Values(("Name", "Other"))),
            new(IdentityWriteKind.Create, "create-2", null, Values(("Name", "Two"), ("Count", 2))),
            new(IdentityWriteKind.Update, "rename", single, Values(("Name", "Renamed"))),
            new(IdentityWriteKind.SetState, "off", single, null, IdentityState.Inactive),
        ];

        var first = await repository.WriteBatchAsync(writes);
        await repository.UpdateAsync(single, Values(("Name", "By hand")), "by-hand");
        await repository.SetStateAsync(single, IdentityState.Active, "on");
        var again = await repository.WriteBatchAsync(writes);

        Check.Equal(first.Select(r => r.IdentityId), again.Select(r => r.IdentityId));
        Check.Equal([single, "I000002", single, single], again.Select(r => r.IdentityId));
        Check.Equal(2, (await ListAsync(repository)).Count);
        var identity = (await repository.GetAsync(single))!;
        Check.Equal(("By hand", IdentityState.Active), (identity.GetValue("Name"), identity.State));
        Check.Equal(2, (await repository.GetAsync("I000002"))!.GetValue("Count"));

        var deleted = await repository.WriteBatchAsync([new(IdentityWriteKind.Delete, "delete-2", "I000002", null), new(IdentityWriteKind.Delete, "delete-2", "I000002", null)]);
        Check.Equal(["I000002", "I000002"], deleted.Select(r => r.IdentityId));
        Check.Null(await repository.GetAsync("I000002"));
        Check.Empty(await repository.WriteBatchAsync([]));
    }

    private static async Task WriteBatchAsync_ValueThatCannotBeStored_FailsItsWriteOnly(Func<IIdentityRepository> create)
    {
        var repository = (IBatchIdentityRepository)create();
        var id = await repository.CreateAsync(Values(("Name", "A")), "create");
        var results = await repository.WriteBatchAsync(
        [
            new IdentityWrite(IdentityWriteKind.Update, "bad", id, Values(("Name", "B"), ("Blob", new object()))),
            new IdentityWrite(IdentityWriteKind.Update, "good", id, Values(("Title", "Lead"))),
        ]);

        Check.Equal("good", results[1].Error is null ? "good" : "bad");
        var identity = (await repository.GetAsync(id))!;
        Check.Equal("Lead", identity.GetValue("Title"));
        if (results[0].Error is not null)
        {
            // A repository that refuses the value leaves the identity as it was, and the operation id unused.
            Check.Null(results[0].IdentityId);
            Check.Equal("A", identity.GetValue("Name"));
        }
    }

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values)
        => values.ToDictionary(v => v.Name, v => v.Value);

    private static async Task<List<Identity>> ListAsync(IIdentityRepository repository)
    {
        var identities = new List<Identity>();
        await foreach (var identity in repository.ListAsync())
        {
            identities.Add(identity);
        }

        return identities;
    }
}
