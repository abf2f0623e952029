using HrConnector.Provisioning;
using Moq;
using static HrConnector.Tests.Provisioning.ProvisioningTestKit;

namespace HrConnector.Tests.Provisioning;

/// <summary>The default workflow launcher: each workflow is the repository write of its order, completed at once.</summary>
public class RepositoryWorkflowLauncherTests
{
    private static readonly Dictionary<string, object?> Engineer = new() { ["Mail"] = "a@x.org", ["Title"] = "Engineer" };

    [Fact]
    public async Task StartAsync_Added_CreatesTheIdentityAndCompletesWithItsId()
    {
        var repository = new InMemoryIdentityRepository();
        var launcher = new RepositoryWorkflowLauncher(repository);

        var handle = await launcher.StartAsync(Order("A", OrderKind.Added, values: [("Mail", "a@x.org")]));
        var status = await launcher.GetStatusAsync(handle);

        Assert.Equal("A", handle);
        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, "I000001"), status);
        Assert.Equal("a@x.org", (await repository.GetAsync("I000001"))!.GetValue("Mail"));
    }

    [Theory]
    [InlineData(OrderKind.Modified, IdentityState.Active, "Manager", true)]
    [InlineData(OrderKind.Linked, IdentityState.Active, "Manager", true)]
    [InlineData(OrderKind.Deactivated, IdentityState.Inactive, "Engineer", true)]
    [InlineData(OrderKind.Reactivated, IdentityState.Active, "Manager", true)]
    [InlineData(OrderKind.Deleted, null, null, false)]
    public async Task StartAsync_EveryKind_AppliesTheOrderAndCompletes(OrderKind kind, IdentityState? state, string? title, bool exists)
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(Engineer, kind == OrderKind.Reactivated ? IdentityState.Inactive : IdentityState.Active);
        var launcher = new RepositoryWorkflowLauncher(repository);
        (string, object?)[] values = kind is OrderKind.Deactivated or OrderKind.Deleted ? [] : [("Title", "Manager")];

        var handle = await launcher.StartAsync(Order("O", kind, id, values: values));

        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, id), await launcher.GetStatusAsync(handle));
        var identity = await repository.GetAsync(id);
        Assert.Equal(exists, identity is not null);
        Assert.Equal(state, identity?.State);
        Assert.Equal(title, identity?.GetValue("Title"));
    }

    [Fact]
    public async Task StartAsync_SameOrderTwice_AppliesItOnce()
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);
        repository.Setup(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), "A", It.IsAny<CancellationToken>())).ReturnsAsync("I1");
        var launcher = new RepositoryWorkflowLauncher(repository.Object);
        var order = Order("A", OrderKind.Added, values: [("Mail", "a@x.org")]);

        var first = await launcher.StartAsync(order);
        var second = await launcher.StartAsync(order);

        Assert.Equal(first, second);
        repository.Verify(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), "A", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task StartAsync_MissingIdentity_GivesAFailedWorkflow()
    {
        var launcher = new RepositoryWorkflowLauncher(new InMemoryIdentityRepository());

        var handle = await launcher.StartAsync(Order("M", OrderKind.Modified, "I000404", values: [("Title", "Manager")]));

        Assert.Equal(new WorkflowStatus(WorkflowState.Failed, "I000404", "The identity 'I000404' does not exist."), await launcher.GetStatusAsync(handle));
    }

    [Fact]
    public async Task StartAsync_OrderWithoutIdentity_GivesAFailedWorkflow()
    {
        var launcher = new RepositoryWorkflowLauncher(new InMemoryIdentityRepository());

        var handle = await launcher.StartAsync(Order("D", OrderKind.Deactivated));

        Assert.Equal(new WorkflowStatus(WorkflowState.Failed, null, "The order D (Deactivated) has no identity."), await launcher.GetStatusAsync(handle));
    }

    [Fact]
    public async Task StartAsync_TransientFailure_IsThrownAndNothingIsRecorded()
    {
        var repository = new Mock<IIdentityRepository>();
        repository.SetupSequence(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), "A", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TransientProvisioningException("busy"))
            .ReturnsAsync("I1");
        var launcher = new RepositoryWorkflowLauncher(repository.Object);
        var order = Order("A", OrderKind.Added);

        await Assert.ThrowsAsync<TransientProvisioningException>(() => launcher.StartAsync(order));
        Assert.Null(await launcher.FindAsync("A"));
        var handle = await launcher.StartAsync(order);

        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, "I1"), await launcher.GetStatusAsync(handle));
    }

    [Fact]
    public async Task FindAsync_StartedOrder_ReturnsItsHandle_OtherwiseNull()
    {
        var launcher = new RepositoryWorkflowLauncher(new InMemoryIdentityRepository());
        var handle = await launcher.StartAsync(Order("A", OrderKind.Added));

        Assert.Equal(handle, await launcher.FindAsync("A"));
        Assert.Null(await launcher.FindAsync("B"));
    }

    [Fact]
    public async Task FindAsync_FailedOrder_ReturnsItsHandle()
    {
        var launcher = new RepositoryWorkflowLauncher(new InMemoryIdentityRepository());
        var handle = await launcher.StartAsync(Order("M", OrderKind.Modified, "I000404", values: [("Title", "x")]));

        Assert.Equal(handle, await launcher.FindAsync("M"));
    }

    [Fact]
    public async Task GetStatusAsync_UnknownHandle_IsFailed()
        => Assert.Equal(
            new WorkflowStatus(WorkflowState.Failed, null, "No workflow has the handle 'nope'."),
            await new RepositoryWorkflowLauncher(new InMemoryIdentityRepository()).GetStatusAsync("nope"));

    [Fact]
    public void Constructor_NullRepository_Throws()
        => Assert.Throws<ArgumentNullException>("repository", () => new RepositoryWorkflowLauncher(null!));
}
