using HrConnector.Provisioning;
using Moq;
using static HrConnector.Tests.Provisioning.ProvisioningTestKit;

namespace HrConnector.Tests.Provisioning;

/// <summary>IdentityWrites.ApplyAsync: each kind of order as repository writes keyed by the order id.</summary>
public class IdentityWritesTests
{
    [Fact]
    public async Task ApplyAsync_Added_CreatesTheIdentityWithTheOrderValues()
    {
        var repository = new InMemoryIdentityRepository();

        var id = await IdentityWrites.ApplyAsync(repository, Order("A", OrderKind.Added, values: [("Mail", "a@x.org"), ("Title", "Engineer")]));

        var identity = (await repository.GetAsync(id))!;
        Assert.Equal(IdentityState.Active, identity.State);
        Assert.Equal("a@x.org", identity.GetValue("Mail"));
        Assert.Equal("Engineer", identity.GetValue("Title"));
    }

    [Fact]
    public async Task ApplyAsync_AddedTwice_CreatesOneIdentity()
    {
        var repository = new InMemoryIdentityRepository();
        var order = Order("A", OrderKind.Added, values: [("Mail", "a@x.org")]);

        var first = await IdentityWrites.ApplyAsync(repository, order);
        var second = await IdentityWrites.ApplyAsync(repository, order);

        Assert.Equal(first, second);
        Assert.Equal(1, repository.Count);
        Assert.Equal(1, repository.WriteCount);
    }

    [Theory]
    [InlineData(OrderKind.Modified)]
    [InlineData(OrderKind.Linked)]
    public async Task ApplyAsync_ModifiedOrLinked_UpdatesTheValues(OrderKind kind)
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Mail"] = "a@x.org", ["Title"] = "Engineer" });

        var applied = await IdentityWrites.ApplyAsync(repository, Order("M", kind, id, values: [("Title", "Manager")]));

        Assert.Equal(id, applied);
        var identity = (await repository.GetAsync(id))!;
        Assert.Equal("Manager", identity.GetValue("Title"));
        Assert.Equal("a@x.org", identity.GetValue("Mail"));
        Assert.Equal(1, repository.WriteCount);
    }

    [Theory]
    [InlineData(OrderKind.Modified)]
    [InlineData(OrderKind.Linked)]
    public async Task ApplyAsync_ModifiedOrLinkedWithoutChanges_WritesNothing(OrderKind kind)
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);

        var applied = await IdentityWrites.ApplyAsync(repository.Object, Order("M", kind, "I000001"));

        Assert.Equal("I000001", applied);
        repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApplyAsync_ModifiedTwice_AppliesOnce()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Title"] = "Engineer" });
        var order = Order("M", OrderKind.Modified, id, values: [("Title", "Manager")]);
        await IdentityWrites.ApplyAsync(repository, order);
        repository.Edit(id, "Title", "Edited by hand");

        await IdentityWrites.ApplyAsync(repository, order);

        Assert.Equal("Edited by hand", (await repository.GetAsync(id))!.GetValue("Title"));
        Assert.Equal(1, repository.WriteCount);
    }

    [Fact]
    public async Task ApplyAsync_Deactivated_MakesTheIdentityInactive()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Mail"] = "a@x.org" });

        await IdentityWrites.ApplyAsync(repository, Order("D", OrderKind.Deactivated, id));

        var identity = (await repository.GetAsync(id))!;
        Assert.Equal(IdentityState.Inactive, identity.State);
        Assert.Equal("a@x.org", identity.GetValue("Mail"));
    }

    [Fact]
    public async Task ApplyAsync_Reactivated_ActivatesAndSetsTheValues()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Title"] = "Engineer" }, IdentityState.Inactive);

        await IdentityWrites.ApplyAsync(repository, Order("R", OrderKind.Reactivated, id, values: [("Title", "Architect")]));

        var identity = (await repository.GetAsync(id))!;
        Assert.Equal(IdentityState.Active, identity.State);
        Assert.Equal("Architect", identity.GetValue("Title"));
        Assert.Equal(2, repository.WriteCount);
    }

    [Fact]
    public async Task ApplyAsync_Reactivated_UsesOneOperationIdPerWrite()
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);
        repository.Setup(r => r.SetStateAsync("I1", IdentityState.Active, "R", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        repository.Setup(r => r.UpdateAsync("I1", It.Is<IReadOnlyDictionary<string, object?>>(v => (string?)v["Title"] == "Architect"), "R:values", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await IdentityWrites.ApplyAsync(repository.Object, Order("R", OrderKind.Reactivated, "I1", values: [("Title", "Architect")]));

        repository.VerifyAll();
        repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApplyAsync_ReactivatedWithoutChanges_OnlyChangesTheState()
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);
        repository.Setup(r => r.SetStateAsync("I1", IdentityState.Active, "R", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await IdentityWrites.ApplyAsync(repository.Object, Order("R", OrderKind.Reactivated, "I1"));

        repository.VerifyAll();
        repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApplyAsync_ReactivatedTwice_AppliesOnce()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Title"] = "Engineer" }, IdentityState.Inactive);
        var order = Order("R", OrderKind.Reactivated, id, values: [("Title", "Architect")]);
        await IdentityWrites.ApplyAsync(repository, order);
        await repository.SetStateAsync(id, IdentityState.Inactive, "someone-else");

        await IdentityWrites.ApplyAsync(repository, order);

        Assert.Equal(IdentityState.Inactive, (await repository.GetAsync(id))!.State);
        Assert.Equal(3, repository.WriteCount);
    }

    [Fact]
    public async Task ApplyAsync_Deleted_DeletesTheIdentity()
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Mail"] = "a@x.org" });

        var applied = await IdentityWrites.ApplyAsync(repository, Order("X", OrderKind.Deleted, id));

        Assert.Equal(id, applied);
        Assert.Null(await repository.GetAsync(id));
    }

    [Theory]
    [InlineData(OrderKind.Added, "Create")]
    [InlineData(OrderKind.Modified, "Update")]
    [InlineData(OrderKind.Linked, "Update")]
    [InlineData(OrderKind.Deactivated, "SetState")]
    [InlineData(OrderKind.Deleted, "Delete")]
    public async Task ApplyAsync_EveryKind_UsesTheOrderIdAsOperationId(OrderKind kind, string write)
    {
        var operations = new List<(string Write, string OperationId)>();
        var repository = new Mock<IIdentityRepository>();
        repository.Setup(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyDictionary<string, object?> _, string op, CancellationToken _) => operations.Add(("Create", op))).ReturnsAsync("I9");
        repository.Setup(r => r.UpdateAsync(It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, object?>>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, IReadOnlyDictionary<string, object?> _, string op, CancellationToken _) => operations.Add(("Update", op))).Returns(Task.CompletedTask);
        repository.Setup(r => r.SetStateAsync(It.IsAny<string>(), It.IsAny<IdentityState>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, IdentityState _, string op, CancellationToken _) => operations.Add(("SetState", op))).Returns(Task.CompletedTask);
        repository.Setup(r => r.DeleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string op, CancellationToken _) => operations.Add(("Delete", op))).Returns(Task.CompletedTask);

        await IdentityWrites.ApplyAsync(repository.Object, Order("ORDER-1", kind, kind == OrderKind.Added ? null : "I1", values: [("Title", "x")]));

        Assert.Equal((write, "ORDER-1"), Assert.Single(operations));
    }

    [Theory]
    [InlineData(OrderKind.Modified)]
    [InlineData(OrderKind.Linked)]
    [InlineData(OrderKind.Deactivated)]
    [InlineData(OrderKind.Reactivated)]
    [InlineData(OrderKind.Deleted)]
    public async Task ApplyAsync_OrderWithoutIdentity_ThrowsInvalidOperationException(OrderKind kind)
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => IdentityWrites.ApplyAsync(repository.Object, Order("O-7", kind)));

        Assert.Equal($"The order O-7 ({kind}) has no identity.", exception.Message);
        repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApplyAsync_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("repository", () => IdentityWrites.ApplyAsync(null!, Order("A")));
        await Assert.ThrowsAsync<ArgumentNullException>("order", () => IdentityWrites.ApplyAsync(new InMemoryIdentityRepository(), null!));
    }

    [Fact]
    public async Task ApplyAsync_CancellationToken_IsPassedToTheRepository()
    {
        using var cancellation = new CancellationTokenSource();
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);
        repository.Setup(r => r.DeleteAsync("I1", "X", cancellation.Token)).Returns(Task.CompletedTask);

        await IdentityWrites.ApplyAsync(repository.Object, Order("X", OrderKind.Deleted, "I1"), cancellation.Token);

        repository.VerifyAll();
    }
}
