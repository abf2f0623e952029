using HrConnector.Provisioning;

namespace HrConnector.Testing.Tests;

public class RecordingWorkflowLauncherTests
{
    [Fact]
    public async Task StartAsync_RecordsOrdersInStartOrder_WithOneHandleEach()
    {
        var launcher = new RecordingWorkflowLauncher();

        var first = await launcher.StartAsync(Hr.Order("o1"));
        var second = await launcher.StartAsync(Hr.Order("o2", key: "E2"));

        Assert.Equal(["o1", "o2"], launcher.Started.Select(o => o.Id));
        Assert.NotEqual(first, second);
        Assert.Equal(first, await launcher.FindAsync("o1"));
        Assert.Equal(second, await launcher.FindAsync("o2"));
        Assert.Null(await launcher.FindAsync("o3"));
    }

    [Fact]
    public async Task StartAsync_SameOrderTwice_StartsOnceAndCountsTheDuplicate()
    {
        var launcher = new RecordingWorkflowLauncher();

        var first = await launcher.StartAsync(Hr.Order("o1"));
        var again = await launcher.StartAsync(Hr.Order("o1"));

        Assert.Equal(first, again);
        Assert.Single(launcher.Started);
        Assert.Equal(1, launcher.GetStartCount("o1"));
        Assert.Equal(0, launcher.GetStartCount("o2"));
        Assert.Equal(1, launcher.DuplicateStarts);
    }

    [Fact]
    public async Task Completion_WithRepository_AppliesTheOrderAndCompletes()
    {
        var repository = new InMemoryIdentityRepository();
        var launcher = new RecordingWorkflowLauncher(repository);

        var handle = await launcher.StartAsync(Hr.Order("o1"));

        Assert.Equal(WorkflowCompletion.Automatic, launcher.Completion);
        var status = await launcher.GetStatusAsync(handle);
        Assert.Equal(WorkflowState.Completed, status.State);
        var identity = await repository.GetAsync(status.IdentityId!);
        Assert.Equal("Analyst", identity!.GetValue("Title"));
    }

    [Fact]
    public async Task Completion_Automatic_OrderOfMissingIdentity_Fails()
    {
        var launcher = new RecordingWorkflowLauncher(new InMemoryIdentityRepository());

        var handle = await launcher.StartAsync(Hr.Order("o1", OrderKind.Modified, identityId: "I999999"));

        var status = await launcher.GetStatusAsync(handle);
        Assert.Equal(WorkflowState.Failed, status.State);
        Assert.Equal("The identity 'I999999' does not exist.", status.Error);
    }

    [Fact]
    public async Task Completion_Manual_StaysRunningUntilCompleted()
    {
        var launcher = new RecordingWorkflowLauncher(new InMemoryIdentityRepository()) { Completion = WorkflowCompletion.Manual };
        var handle = await launcher.StartAsync(Hr.Order("o1"));

        Assert.Equal(new WorkflowStatus(WorkflowState.Running), await launcher.GetStatusAsync(handle));

        launcher.Complete("o1", "U42");

        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, "U42"), await launcher.GetStatusAsync(handle));
        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, "U42"), launcher.GetStatus("o1"));
    }

    [Fact]
    public async Task Complete_WithoutIdentity_KeepsTheOrdersIdentity()
    {
        var launcher = new RecordingWorkflowLauncher();
        await launcher.StartAsync(Hr.Order("o1", OrderKind.Modified, identityId: "I000007"));

        launcher.Complete("o1");

        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, "I000007"), launcher.GetStatus("o1"));
    }

    [Fact]
    public async Task CompleteAsync_AppliesTheOrderToTheRepository()
    {
        var repository = new InMemoryIdentityRepository();
        var launcher = new RecordingWorkflowLauncher(repository) { Completion = WorkflowCompletion.Manual };
        await launcher.StartAsync(Hr.Order("o1"));
        Assert.Equal(0, repository.Count);

        var identityId = await launcher.CompleteAsync("o1");

        Assert.Equal(1, repository.Count);
        Assert.Equal(new WorkflowStatus(WorkflowState.Completed, identityId), launcher.GetStatus("o1"));
    }

    [Fact]
    public async Task CompleteAsync_WithoutRepository_Throws()
    {
        var launcher = new RecordingWorkflowLauncher();
        await launcher.StartAsync(Hr.Order("o1"));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => launcher.CompleteAsync("o1"));

        Assert.Equal("The launcher has no identity repository to apply the order to: use Complete(orderId, identityId).", exception.Message);
    }

    [Fact]
    public async Task Fail_MakesTheWorkflowFailedWithTheError()
    {
        var launcher = new RecordingWorkflowLauncher();
        var handle = await launcher.StartAsync(Hr.Order("o1"));

        launcher.Fail("o1", "Rejected by the manager.");

        Assert.Equal(new WorkflowStatus(WorkflowState.Failed, null, "Rejected by the manager."), await launcher.GetStatusAsync(handle));
    }

    [Fact]
    public void Complete_OrderNeverStarted_Throws()
    {
        var launcher = new RecordingWorkflowLauncher();

        var exception = Assert.Throws<KeyNotFoundException>(() => launcher.Complete("o9"));

        Assert.Equal("No workflow was started for the order o9.", exception.Message);
        Assert.Throws<KeyNotFoundException>(() => launcher.Fail("o9"));
        Assert.Null(launcher.GetStatus("o9"));
    }

    [Fact]
    public void Completion_AutomaticWithoutRepository_Throws()
    {
        var launcher = new RecordingWorkflowLauncher();

        Assert.Equal(WorkflowCompletion.Manual, launcher.Completion);
        Assert.Throws<InvalidOperationException>(() => launcher.Completion = WorkflowCompletion.Automatic);
    }

    [Fact]
    public async Task GetStatusAsync_UnknownHandle_IsFailed()
    {
        var launcher = new RecordingWorkflowLauncher();

        var status = await launcher.GetStatusAsync("WF999");

        Assert.Equal(WorkflowState.Failed, status.State);
        Assert.Equal("No workflow has the handle 'WF999'.", status.Error);
    }

    [Fact]
    public async Task FailNext_Transient_ThrowsBeforeStartingThenStarts()
    {
        var launcher = new RecordingWorkflowLauncher();
        launcher.FailNext(2);

        await Assert.ThrowsAsync<TransientProvisioningException>(() => launcher.StartAsync(Hr.Order("o1")));
        await Assert.ThrowsAsync<TransientProvisioningException>(() => launcher.StartAsync(Hr.Order("o1")));
        Assert.Empty(launcher.Started);
        Assert.Null(await launcher.FindAsync("o1"));

        await launcher.StartAsync(Hr.Order("o1"));

        Assert.Single(launcher.Started);
        Assert.Equal(0, launcher.DuplicateStarts);
    }

    [Fact]
    public async Task FailNext_NotTransient_ThrowsRejected()
    {
        var launcher = new RecordingWorkflowLauncher();
        launcher.FailNext(1, transient: false);

        var exception = await Assert.ThrowsAsync<ProvisioningRejectedException>(() => launcher.StartAsync(Hr.Order("o1")));

        Assert.Equal("Injected failure before starting the workflow of order o1.", exception.Message);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task AfterStart_Throwing_LeavesTheWorkflowStarted()
    {
        var launcher = new RecordingWorkflowLauncher { AfterStart = order => throw new TimeoutException("Lost the answer of " + order.Id) };

        await Assert.ThrowsAsync<TimeoutException>(() => launcher.StartAsync(Hr.Order("o1")));

        Assert.NotNull(await launcher.FindAsync("o1"));
        Assert.Equal(1, launcher.GetStartCount("o1"));
    }

    [Fact]
    public async Task StartAsync_FromManyThreads_StartsEachOrderOnce()
    {
        var launcher = new RecordingWorkflowLauncher(new InMemoryIdentityRepository());
        var orders = Enumerable.Range(0, 200).Select(i => Hr.Order("o" + (i % 100), key: "E" + (i % 100))).ToList();

        await Parallel.ForEachAsync(orders, async (order, ct) => await launcher.StartAsync(order, ct));

        Assert.Equal(100, launcher.Started.Count);
        Assert.Equal(100, launcher.DuplicateStarts);
        Assert.Equal(100, launcher.Started.Select(o => o.Id).Distinct().Count());
    }
}
