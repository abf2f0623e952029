using HrConnector.Provisioning;

namespace HrConnector.Tests.Provisioning;

/// <summary>The default identity repository: queries with normalization, writes idempotent per operation id, thread safety.</summary>
public class InMemoryIdentityRepositoryTests
{
    private static Dictionary<string, object?> Values(params (string Property, object? Value)[] values)
        => values.ToDictionary(v => v.Property, v => v.Value);

    [Fact]
    public async Task CreateAsync_NewOperation_CreatesAnActiveIdentityWithSequentialIds()
    {
        var repository = new InMemoryIdentityRepository();

        var first = await repository.CreateAsync(Values(("Mail", "a@x.org")), "op-1");
        var second = await repository.CreateAsync(Values(("Mail", "b@x.org")), "op-2");

        Assert.Equal("I000001", first);
        Assert.Equal("I000002", second);
        var identity = await repository.GetAsync(first);
        Assert.NotNull(identity);
        Assert.Equal(IdentityState.Active, identity.State);
        Assert.Equal("a@x.org", identity.GetValue("Mail"));
        Assert.Equal(2, repository.Count);
        Assert.Equal(2, repository.WriteCount);
    }

    [Fact]
    public async Task CreateAsync_RepeatedOperationId_ReturnsTheSameIdentityAndCreatesNothing()
    {
        var repository = new InMemoryIdentityRepository();
        var first = await repository.CreateAsync(Values(("Mail", "a@x.org")), "op-1");

        var again = await repository.CreateAsync(Values(("Mail", "other@x.org")), "op-1");

        Assert.Equal(first, again);
        Assert.Equal(1, repository.Count);
        Assert.Equal(1, repository.WriteCount);
        Assert.Equal("a@x.org", (await repository.GetAsync(first))!.GetValue("Mail"));
    }

    [Fact]
    public async Task CreateAsync_CopiesTheValues_LaterChangesToTheDictionaryDoNotLeakIn()
    {
        var repository = new InMemoryIdentityRepository();
        var values = Values(("Mail", "a@x.org"));
        var id = await repository.CreateAsync(values, "op-1");

        values["Mail"] = "changed@x.org";

        Assert.Equal("a@x.org", (await repository.GetAsync(id))!.GetValue("Mail"));
    }

    [Fact]
    public async Task GetValue_PropertyNames_AreComparedIgnoringCase()
    {
        var repository = new InMemoryIdentityRepository();
        var id = await repository.CreateAsync(Values(("Mail", "a@x.org")), "op-1");

        Assert.Equal("a@x.org", (await repository.GetAsync(id))!.GetValue("MAIL"));
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
        => Assert.Null(await new InMemoryIdentityRepository().GetAsync("I999999"));

    [Fact]
    public async Task UpdateAsync_SetsTheGivenValues_OthersKeepTheirs()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org"), ("Title", "Engineer")));

        await repository.UpdateAsync(id, Values(("Title", "Manager"), ("Phone", null)), "op-1");

        var identity = (await repository.GetAsync(id))!;
        Assert.Equal("a@x.org", identity.GetValue("Mail"));
        Assert.Equal("Manager", identity.GetValue("Title"));
        Assert.True(identity.Properties.ContainsKey("Phone"));
        Assert.Null(identity.GetValue("Phone"));
        Assert.Equal(1, repository.WriteCount);
    }

    [Fact]
    public async Task UpdateAsync_RepeatedOperationId_DoesNotApplyTwice()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Title", "Engineer")));
        await repository.UpdateAsync(id, Values(("Title", "Manager")), "op-1");
        repository.Edit(id, "Title", "Edited by hand");

        await repository.UpdateAsync(id, Values(("Title", "Manager")), "op-1");

        Assert.Equal("Edited by hand", (await repository.GetAsync(id))!.GetValue("Title"));
        Assert.Equal(1, repository.WriteCount);
    }

    [Fact]
    public async Task UpdateAsync_MissingIdentity_ThrowsKeyNotFoundExceptionAndRecordsNoOperation()
    {
        var repository = new InMemoryIdentityRepository();

        var exception = await Assert.ThrowsAsync<KeyNotFoundException>(() => repository.UpdateAsync("I000042", Values(("Title", "x")), "op-1"));

        Assert.Equal("The identity 'I000042' does not exist.", exception.Message);
        Assert.Equal(0, repository.WriteCount);
        Assert.Equal(0, repository.Count);
    }

    [Fact]
    public async Task SetStateAsync_DeactivatesAndReactivates_KeepingTheValues()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org")));

        await repository.SetStateAsync(id, IdentityState.Inactive, "op-1");
        var inactive = (await repository.GetAsync(id))!;
        await repository.SetStateAsync(id, IdentityState.Active, "op-2");
        var active = (await repository.GetAsync(id))!;

        Assert.Equal(IdentityState.Inactive, inactive.State);
        Assert.Equal(IdentityState.Active, active.State);
        Assert.Equal("a@x.org", active.GetValue("Mail"));
        Assert.Equal(2, repository.WriteCount);
    }

    [Fact]
    public async Task SetStateAsync_RepeatedOperationId_DoesNotApplyTwice()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org")));
        await repository.SetStateAsync(id, IdentityState.Inactive, "op-1");
        await repository.SetStateAsync(id, IdentityState.Active, "op-2");

        await repository.SetStateAsync(id, IdentityState.Inactive, "op-1");

        Assert.Equal(IdentityState.Active, (await repository.GetAsync(id))!.State);
        Assert.Equal(2, repository.WriteCount);
    }

    [Fact]
    public async Task SetStateAsync_MissingIdentity_ThrowsKeyNotFoundException()
    {
        var exception = await Assert.ThrowsAsync<KeyNotFoundException>(() => new InMemoryIdentityRepository().SetStateAsync("I000007", IdentityState.Inactive, "op-1"));

        Assert.Equal("The identity 'I000007' does not exist.", exception.Message);
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheIdentity()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org")));

        await repository.DeleteAsync(id, "op-1");

        Assert.Null(await repository.GetAsync(id));
        Assert.Equal(0, repository.Count);
        Assert.Equal(1, repository.WriteCount);
    }

    [Fact]
    public async Task DeleteAsync_MissingIdentity_IsNotAnError()
    {
        var repository = new InMemoryIdentityRepository();
        repository.Add(Values(("Mail", "a@x.org")));

        await repository.DeleteAsync("I000099", "op-1");

        Assert.Equal(1, repository.Count);
    }

    [Fact]
    public async Task DeleteAsync_RepeatedOperationId_DoesNotApplyTwice()
    {
        var repository = new InMemoryIdentityRepository();
        var first = repository.Add(Values(("Mail", "a@x.org")));
        var second = repository.Add(Values(("Mail", "b@x.org")));
        await repository.DeleteAsync(first, "op-1");

        await repository.DeleteAsync(second, "op-1");

        Assert.NotNull(await repository.GetAsync(second));
        Assert.Equal(1, repository.WriteCount);
    }

    [Fact]
    public async Task Writes_EmptyOperationId_ThrowArgumentException()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org")));

        await Assert.ThrowsAsync<ArgumentException>("operationId", () => repository.CreateAsync(Values(), string.Empty));
        await Assert.ThrowsAsync<ArgumentException>("operationId", () => repository.UpdateAsync(id, Values(), string.Empty));
        await Assert.ThrowsAsync<ArgumentException>("operationId", () => repository.SetStateAsync(id, IdentityState.Inactive, string.Empty));
        await Assert.ThrowsAsync<ArgumentException>("operationId", () => repository.DeleteAsync(id, string.Empty));
        Assert.Equal(0, repository.WriteCount);
    }

    [Fact]
    public async Task Add_CreatesAnIdentityByHand_NotCountedAsAWrite()
    {
        var repository = new InMemoryIdentityRepository();

        var active = repository.Add(Values(("Mail", "a@x.org")));
        var inactive = repository.Add(Values(("Mail", "b@x.org")), IdentityState.Inactive);
        var created = await repository.CreateAsync(Values(("Mail", "c@x.org")), "op-1");

        Assert.Equal(["I000001", "I000002", "I000003"], new[] { active, inactive, created });
        Assert.Equal(IdentityState.Inactive, (await repository.GetAsync(inactive))!.State);
        Assert.Equal(3, repository.Count);
        Assert.Equal(1, repository.WriteCount);
    }

    [Fact]
    public async Task Edit_SetsOneValue_KeepsTheOthersAndTheState()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org"), ("Title", "Engineer")), IdentityState.Inactive);

        repository.Edit(id, "title", "Architect");

        var identity = (await repository.GetAsync(id))!;
        Assert.Equal("Architect", identity.GetValue("Title"));
        Assert.Equal("a@x.org", identity.GetValue("Mail"));
        Assert.Equal(IdentityState.Inactive, identity.State);
        Assert.Equal(0, repository.WriteCount);
    }

    [Fact]
    public void Edit_MissingIdentity_ThrowsKeyNotFoundException()
        => Assert.Throws<KeyNotFoundException>(() => new InMemoryIdentityRepository().Edit("I000001", "Mail", "x"));

    [Fact]
    public async Task FindAsync_ExactQuery_FindsOnlyExactMatches()
    {
        var repository = new InMemoryIdentityRepository();
        var zoe = repository.Add(Values(("LastName", "Zoë"), ("Site", "Paris")));
        repository.Add(Values(("LastName", "zoe"), ("Site", "Paris")));

        var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("LastName", "Zoë")]));

        Assert.Equal(zoe, Assert.Single(found).Id);
    }

    [Fact]
    public async Task FindAsync_Normalization_MatchesIgnoringCaseDiacriticsAndWhitespace()
    {
        var repository = new InMemoryIdentityRepository();
        var zoe = repository.Add(Values(("LastName", "  Zoë  Dupont ")));
        repository.Add(Values(("LastName", "Zoé Martin")));

        var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("LastName", "ZOE DUPONT")], MatchNormalization.All));
        var none = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("LastName", "ZOE DUPONT")], MatchNormalization.Case));

        Assert.Equal(zoe, Assert.Single(found).Id);
        Assert.Empty(none);
    }

    [Fact]
    public async Task FindAsync_SeveralCriteria_AllMustHold()
    {
        var repository = new InMemoryIdentityRepository();
        repository.Add(Values(("LastName", "Dupont"), ("BirthDate", new DateOnly(1990, 1, 1))));
        var match = repository.Add(Values(("LastName", "Dupont"), ("BirthDate", new DateOnly(1985, 5, 5))));

        var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("lastname", "Dupont"), new IdentityCriterion("BirthDate", new DateOnly(1985, 5, 5))]));

        Assert.Equal(match, Assert.Single(found).Id);
    }

    [Fact]
    public async Task FindAsync_NumbersAndNulls_AreComparedLikeIdentityValues()
    {
        var repository = new InMemoryIdentityRepository();
        var numbered = repository.Add(Values(("CostCenter", 100L)));
        var blank = repository.Add(Values(("CostCenter", string.Empty)));

        var byNumber = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("CostCenter", 100m)]));
        var byNull = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("CostCenter", null)]));

        Assert.Equal(numbered, Assert.Single(byNumber).Id);
        Assert.Equal(blank, Assert.Single(byNull).Id);
    }

    [Fact]
    public async Task FindAsync_InactiveIdentities_AreFoundToo()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Values(("Mail", "a@x.org")), IdentityState.Inactive);

        var found = await repository.FindAsync(new IdentityQuery([new IdentityCriterion("Mail", "a@x.org")]));

        Assert.Equal(id, Assert.Single(found).Id);
    }

    [Fact]
    public async Task ListAsync_StreamsEveryIdentity()
    {
        var repository = new InMemoryIdentityRepository();
        repository.Add(Values(("Mail", "a@x.org")));
        await repository.CreateAsync(Values(("Mail", "b@x.org")), "op-1");

        var ids = new List<string>();
        await foreach (var identity in repository.ListAsync())
        {
            ids.Add(identity.Id);
        }

        Assert.Equal(["I000001", "I000002"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_InParallel_GivesDistinctIds()
    {
        var repository = new InMemoryIdentityRepository();
        const int count = 500;

        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => repository.CreateAsync(Values(("N", i)), $"op-{i}"))));

        Assert.Equal(count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(count, repository.Count);
        Assert.Equal(count, repository.WriteCount);
    }

    [Fact]
    public async Task CreateAsync_SameOperationInParallel_CreatesOneIdentity()
    {
        var repository = new InMemoryIdentityRepository();

        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => repository.CreateAsync(Values(("Mail", "a@x.org")), "op-1"))));

        Assert.Single(ids.Distinct(StringComparer.Ordinal));
        Assert.Equal(1, repository.Count);
    }

    [Fact]
    public async Task Writes_MixedInParallel_KeepEveryIdentityConsistent()
    {
        var repository = new InMemoryIdentityRepository();
        var ids = Enumerable.Range(0, 50).Select(i => repository.Add(Values(("N", i), ("Title", "t")))).ToArray();

        await Task.WhenAll(ids.SelectMany((id, i) => new[]
        {
            Task.Run(() => repository.UpdateAsync(id, Values(("Title", $"t{i}")), $"u-{i}")),
            Task.Run(() => repository.SetStateAsync(id, IdentityState.Inactive, $"s-{i}")),
            Task.Run(() => repository.Edit(id, "Note", "n")),
        }));

        for (var i = 0; i < ids.Length; i++)
        {
            var identity = (await repository.GetAsync(ids[i]))!;
            Assert.Equal($"t{i}", identity.GetValue("Title"));
            Assert.Equal(IdentityState.Inactive, identity.State);
            Assert.Equal("n", identity.GetValue("Note"));
            Assert.Equal(i, identity.GetValue("N"));
        }

        Assert.Equal(100, repository.WriteCount);
    }

    [Fact]
    [Trait("Category", "Convergence")]
    public async Task WriteBatchAsync_EachWriteAsItsSingleItemMethod_FailuresPerWrite_RepeatedOperationsCountedOnce()
    {
        var repository = new InMemoryIdentityRepository();
        IdentityWrite[] writes =
        [
            new(IdentityWriteKind.Create, "create", null, Values(("Mail", "a@x.org"))),
            new(IdentityWriteKind.Update, "update-missing", "I000404", Values(("Title", "t"))),
            new(IdentityWriteKind.SetState, "off", "I000001", null, IdentityState.Inactive),
            new(IdentityWriteKind.Delete, "delete-missing", "I000404", null),
        ];

        var first = await repository.WriteBatchAsync(writes);
        var again = await repository.WriteBatchAsync(writes);

        Assert.Equal(["I000001", null, "I000001", "I000404"], first.Select(r => r.IdentityId));
        Assert.IsType<KeyNotFoundException>(first[1].Error);
        Assert.Equal(first.Select(r => r.IdentityId), again.Select(r => r.IdentityId));
        Assert.Equal((1, 3), (repository.Count, repository.WriteCount));
        Assert.Equal(IdentityState.Inactive, (await repository.GetAsync("I000001"))!.State);
    }
}
