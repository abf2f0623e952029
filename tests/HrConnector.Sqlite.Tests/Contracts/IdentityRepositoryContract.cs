using HrConnector.Provisioning;

namespace HrConnector.Sqlite.Tests.Contracts;

/// <summary>The contract of <see cref="IIdentityRepository"/>, run against every implementation so that they cannot drift.</summary>
public abstract class IdentityRepositoryContract : IDisposable
{
    private readonly Databases _databases = new();

    protected abstract IIdentityRepository CreateRepository(Databases databases);

    protected IIdentityRepository NewRepository() => CreateRepository(_databases);

    public void Dispose()
    {
        _databases.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CreateAsync_IdsInCreationOrder_ValuesComeBackWithTheirTypes()
    {
        var repository = NewRepository();
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

        Assert.Equal("I000001", first);
        Assert.Equal("I000002", second);
        var identity = (await repository.GetAsync(first))!;
        Assert.Equal(IdentityState.Active, identity.State);
        foreach (var (name, value) in values.Where(v => v.Key != "List"))
        {
            Assert.Equal(value, identity.GetValue(name));
            Assert.Equal(value?.GetType(), identity.GetValue(name)?.GetType());
        }

        Assert.Equal("12.50", ((decimal)identity.GetValue("decimal")!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var list = Assert.IsAssignableFrom<System.Collections.IEnumerable>(identity.GetValue("LIST")).Cast<object?>().ToList();
        Assert.Equal(["a", 2, new DateOnly(2020, 2, 29)], list);
        Assert.True(identity.Properties.ContainsKey("Null"));
    }

    [Fact]
    [Trait("Category", "IdentityShaping")]
    public async Task TakenAsync_AnswersIgnoringCase_AsGiven_SeesEveryWriteAndInactiveIdentities()
    {
        var lookup = Assert.IsAssignableFrom<IUniqueValueLookup>(NewRepository());
        var jean = await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "Jean.Dupont", ["Mail"] = "x@corp.example" }, "op-1");
        await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "-" }, "op-2");
        await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "jean dupont3" }, "op-3");

        var first = await lookup.TakenAsync("login", ["jean.dupont", "jean.dupont2", "jeandupont", "-", "_", "JEAN DUPONT3"]);
        Assert.Equal(["-", "JEAN DUPONT3", "jean.dupont"], first.Order(StringComparer.Ordinal));

        await lookup.SetStateAsync(jean, IdentityState.Inactive, "op-4");
        await lookup.CreateAsync(new Dictionary<string, object?> { ["Login"] = "jean.dupont2" }, "op-5");
        var second = await lookup.TakenAsync("Login", ["jean.dupont", "jean.dupont2", "jean.dupont4"]);
        Assert.Equal(["jean.dupont", "jean.dupont2"], second.Order(StringComparer.Ordinal));
        Assert.Empty(await lookup.TakenAsync("Mail", []));
    }

    [Fact]
    public async Task CreateAsync_SameOperationId_ReturnsTheFirstIdentityAndCreatesNothing()
    {
        var repository = NewRepository();
        var id = await repository.CreateAsync(Values(("Name", "A")), "op");
        var again = await repository.CreateAsync(Values(("Name", "other")), "op");

        Assert.Equal(id, again);
        Assert.Equal("A", (await repository.GetAsync(id))!.GetValue("Name"));
        Assert.Single(await ListAsync(repository));
    }

    [Fact]
    public async Task UpdateAsync_SetsGivenValues_KeepsOthers_OnceperOperation()
    {
        var repository = NewRepository();
        var id = await repository.CreateAsync(Values(("FirstName", "Ann"), ("Title", "Dev")), "create");
        await repository.UpdateAsync(id, Values(("title", "Lead"), ("Phone", "123")), "update");
        await repository.UpdateAsync(id, Values(("Title", "Again")), "update");

        var identity = (await repository.GetAsync(id))!;
        Assert.Equal("Ann", identity.GetValue("FirstName"));
        Assert.Equal("Lead", identity.GetValue("Title"));
        Assert.Equal("123", identity.GetValue("Phone"));
    }

    [Fact]
    public async Task UpdateAsync_UnknownIdentity_ThrowsKeyNotFound()
    {
        var repository = NewRepository();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.UpdateAsync("I999999", Values(("A", "B")), "op"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.SetStateAsync("nope", IdentityState.Inactive, "op2"));
    }

    [Fact]
    public async Task SetStateAsync_ChangesTheState_OncePerOperation()
    {
        var repository = NewRepository();
        var id = await repository.CreateAsync(Values(("A", "B")), "create");
        await repository.SetStateAsync(id, IdentityState.Inactive, "off");
        await repository.SetStateAsync(id, IdentityState.Active, "on");
        await repository.SetStateAsync(id, IdentityState.Inactive, "off");

        Assert.Equal(IdentityState.Active, (await repository.GetAsync(id))!.State);
        Assert.Equal("B", (await repository.GetAsync(id))!.GetValue("A"));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheIdentity_MissingIsNoError_IdsAreNotReused()
    {
        var repository = NewRepository();
        var id = await repository.CreateAsync(Values(("A", "B")), "create");
        await repository.DeleteAsync(id, "delete");
        await repository.DeleteAsync(id, "delete");
        await repository.DeleteAsync("I123456", "delete-missing");

        Assert.Null(await repository.GetAsync(id));
        Assert.Empty(await ListAsync(repository));
        Assert.Empty(await repository.FindAsync(new IdentityQuery([new IdentityCriterion("A", "B")])));
        Assert.Equal("I000002", await repository.CreateAsync(Values(("A", "C")), "create-2"));
        Assert.Null(await repository.GetAsync("unknown"));
    }

    [Fact]
    public async Task ListAsync_EveryIdentity_InCreationOrder()
    {
        var repository = NewRepository();
        for (var i = 0; i < 5; i++)
        {
            await repository.CreateAsync(Values(("N", i)), $"op-{i}");
        }

        Assert.Equal(["I000001", "I000002", "I000003", "I000004", "I000005"], (await ListAsync(repository)).Select(i => i.Id));
    }

    [Theory]
    [InlineData(MatchNormalization.None, "alice@corp.example", true)]
    [InlineData(MatchNormalization.None, "ALICE@corp.example", false)]
    [InlineData(MatchNormalization.Case, "ALICE@CORP.EXAMPLE", true)]
    [InlineData(MatchNormalization.Case, " alice@corp.example", false)]
    [InlineData(MatchNormalization.Whitespace, "  alice@corp.example ", true)]
    [InlineData(MatchNormalization.Case | MatchNormalization.Whitespace, " ALICE@corp.example ", true)]
    [InlineData(MatchNormalization.Diacritics, "alicé@corp.example", true)]
    [InlineData(MatchNormalization.Diacritics, "Alicé@corp.example", false)]
    [InlineData(MatchNormalization.Case | MatchNormalization.Diacritics | MatchNormalization.Whitespace, " ÀLICE@corp.exàmple", true)]
    [InlineData(MatchNormalization.Case | MatchNormalization.Diacritics | MatchNormalization.Whitespace, "alice@corp.exampl", false)]
    public async Task FindAsync_HonoursNormalization_LikeIdentityValues(MatchNormalization normalization, string value, bool found)
    {
        var repository = NewRepository();
        var id = await repository.CreateAsync(Values(("Mail", "alice@corp.example")), "op-1");
        await repository.CreateAsync(Values(("Mail", "bob@corp.example")), "op-2");

        var result = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("mail", value)], normalization));

        Assert.Equal(found ? [id] : [], result.Select(i => i.Id));
        Assert.Equal(found, IdentityValues.AreEqual("alice@corp.example", value, normalization));
    }

    [Fact]
    public async Task FindAsync_WhiteSpaceAroundCombiningMarks_SameAnswerAsIdentityValues()
    {
        // Under Diacritics only, "a \u0301 b" and "a  b" are equal (the mark goes, both spaces stay).
        var repository = NewRepository();
        await repository.CreateAsync(Values(("Name", "a  b")), "op-1");
        var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("Name", "a \u0301 b")], MatchNormalization.Diacritics));
        Assert.Equal(IdentityValues.AreEqual("a  b", "a \u0301 b", MatchNormalization.Diacritics), found.Count == 1);
    }

    [Fact]
    public async Task FindAsync_SeveralCriteria_AllMustHold_NumbersByValue_ListsAsSets_NullMatchesMissing()
    {
        var repository = NewRepository();
        var ann = await repository.CreateAsync(Values(("First", "Ann"), ("Last", "Lee"), ("Number", 7), ("Groups", new List<object?> { "a", "b" })), "op-1");
        var anne = await repository.CreateAsync(Values(("First", "Ann"), ("Last", "Smith"), ("Number", 8L)), "op-2");

        Assert.Equal([ann], (await repository.FindAsync(new IdentityQuery([new("First", "Ann"), new("Last", "Lee")]))).Select(i => i.Id));
        Assert.Equal([ann, anne], (await repository.FindAsync(new IdentityQuery([new("First", "Ann")]))).Select(i => i.Id));
        Assert.Equal([ann], (await repository.FindAsync(new IdentityQuery([new("Number", 7m)]))).Select(i => i.Id));
        Assert.Equal([anne], (await repository.FindAsync(new IdentityQuery([new("Number", 8)]))).Select(i => i.Id));
        Assert.Equal([ann], (await repository.FindAsync(new IdentityQuery([new("Groups", new List<object?> { "b", "a" })]))).Select(i => i.Id));
        Assert.Equal([anne], (await repository.FindAsync(new IdentityQuery([new("First", "Ann"), new("Groups", null)]))).Select(i => i.Id));
        Assert.Equal([anne], (await repository.FindAsync(new IdentityQuery([new("Groups", "")]))).Select(i => i.Id));
        Assert.Empty(await repository.FindAsync(new IdentityQuery([new("First", "Ann"), new("Number", "7")])));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task FindAsync_PropertyQueriedOnce_FindsIdentitiesWrittenBeforeAndAfter_ByEveryPath()
    {
        var repository = NewRepository();
        var before = await repository.CreateAsync(Values(("Mail", "a@corp.example"), ("Title", "Engineer")), "op-1");
        Assert.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "a@corp.example")])));

        // Written after the first query on Mail: by a single write, a batch, and an update.
        var single = await repository.CreateAsync(Values(("Mail", "b@corp.example")), "op-2");
        var batch = Assert.IsAssignableFrom<IBatchIdentityRepository>(repository);
        var results = await batch.WriteBatchAsync([new IdentityWrite(IdentityWriteKind.Create, "op-3", null, Values(("Mail", "c@corp.example")))]);
        await repository.UpdateAsync(before, Values(("Mail", "d@corp.example")), "op-4");

        Assert.Equal(single, Assert.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "b@corp.example")]))).Id);
        Assert.Equal(results[0].IdentityId, Assert.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "c@corp.example")]))).Id);
        Assert.Equal(before, Assert.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "D@corp.example")], MatchNormalization.Case))).Id);
        Assert.Empty(await repository.FindAsync(new IdentityQuery([new("Mail", "a@corp.example")])));

        // A property queried for the first time finds what was written before its first query.
        Assert.Equal(before, Assert.Single(await repository.FindAsync(new IdentityQuery([new("Title", "engineer")], MatchNormalization.Case))).Id);
    }

    [Fact]
    public async Task FindAsync_AfterUpdate_FindsTheNewValueNotTheOld()
    {
        var repository = NewRepository();
        var id = await repository.CreateAsync(Values(("Mail", "old@corp.example")), "op-1");
        await repository.UpdateAsync(id, Values(("Mail", "new@corp.example")), "op-2");

        Assert.Empty(await repository.FindAsync(new IdentityQuery([new("Mail", "old@corp.example")])));
        Assert.Single(await repository.FindAsync(new IdentityQuery([new("Mail", "NEW@corp.example")], MatchNormalization.Case)));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task WriteBatchAsync_AppliesInOrder_ReportsEachFailure_KeepsTheOthers()
    {
        var repository = (IBatchIdentityRepository)NewRepository();
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

        Assert.Equal(["I000002", null, existing, null, existing, null, "I000003"], results.Select(r => r.IdentityId));
        Assert.IsType<KeyNotFoundException>(results[1].Error);
        Assert.IsType<KeyNotFoundException>(results[3].Error);
        Assert.IsAssignableFrom<ArgumentException>(results[5].Error);
        Assert.All(results.Where(r => r.IdentityId is not null), r => Assert.Null(r.Error));
        var a = (await repository.GetAsync(existing))!;
        Assert.Equal(("new@corp.example", IdentityState.Inactive), (a.GetValue("Mail"), a.State));
        Assert.Equal([existing], (await repository.FindAsync(new IdentityQuery([new("Mail", "new@corp.example")]))).Select(i => i.Id));
        Assert.Equal(["A", "B", "C"], (await ListAsync(repository)).Select(i => i.GetValue("Name")));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task WriteBatchAsync_Replayed_IsIdempotentPerOperationId_AsTheSingleItemMethods()
    {
        var repository = (IBatchIdentityRepository)NewRepository();
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

        Assert.Equal(first.Select(r => r.IdentityId), again.Select(r => r.IdentityId));
        Assert.Equal([single, "I000002", single, single], again.Select(r => r.IdentityId));
        Assert.Equal(2, (await ListAsync(repository)).Count);
        var identity = (await repository.GetAsync(single))!;
        Assert.Equal(("By hand", IdentityState.Active), (identity.GetValue("Name"), identity.State));
        Assert.Equal(2, (await repository.GetAsync("I000002"))!.GetValue("Count"));

        var deleted = await repository.WriteBatchAsync([new(IdentityWriteKind.Delete, "delete-2", "I000002", null), new(IdentityWriteKind.Delete, "delete-2", "I000002", null)]);
        Assert.Equal(["I000002", "I000002"], deleted.Select(r => r.IdentityId));
        Assert.Null(await repository.GetAsync("I000002"));
        Assert.Empty(await repository.WriteBatchAsync([]));
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task WriteBatchAsync_ValueThatCannotBeStored_FailsItsWriteOnly()
    {
        var repository = (IBatchIdentityRepository)NewRepository();
        var id = await repository.CreateAsync(Values(("Name", "A")), "create");
        var results = await repository.WriteBatchAsync(
        [
            new IdentityWrite(IdentityWriteKind.Update, "bad", id, Values(("Name", "B"), ("Blob", new object()))),
            new IdentityWrite(IdentityWriteKind.Update, "good", id, Values(("Title", "Lead"))),
        ]);

        Assert.Equal("good", results[1].Error is null ? "good" : "bad");
        var identity = (await repository.GetAsync(id))!;
        Assert.Equal("Lead", identity.GetValue("Title"));
        if (results[0].Error is not null)
        {
            // A repository that refuses the value leaves the identity as it was, and the operation id unused.
            Assert.Null(results[0].IdentityId);
            Assert.Equal("A", identity.GetValue("Name"));
        }
    }

    protected static Dictionary<string, object?> Values(params (string Name, object? Value)[] values)
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

public sealed class InMemoryIdentityRepositoryTests : IdentityRepositoryContract
{
    protected override IIdentityRepository CreateRepository(Databases databases) => new InMemoryIdentityRepository();
}

public sealed class SqliteIdentityRepositoryTests : IdentityRepositoryContract
{
    protected override IIdentityRepository CreateRepository(Databases databases) => databases.Open(databases.NewPath(Guid.NewGuid().ToString("N") + ".db")).IdentityRepository;

    [Fact]
    public async Task Writes_SurviveReopening_WithTheirOperationIds()
    {
        using var databases = new Databases();
        var path = databases.NewPath();
        string id;
        using (var database = SqliteDatabase.Open(path))
        {
            id = await database.IdentityRepository.CreateAsync(Values(("Date", new DateOnly(2026, 1, 5))), "op-1");
        }

        using (var database = SqliteDatabase.Open(path))
        {
            Assert.Equal(id, await database.IdentityRepository.CreateAsync(Values(("Date", "other")), "op-1"));
            Assert.Equal(new DateOnly(2026, 1, 5), (await database.IdentityRepository.GetAsync(id))!.GetValue("Date"));
        }
    }
}
