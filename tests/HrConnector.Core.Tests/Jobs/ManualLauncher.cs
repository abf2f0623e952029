using System.Collections.Concurrent;
using HrConnector.Provisioning;

namespace HrConnector.Tests.Jobs;

/// <summary>A workflow engine for tests: records starts, completes at once or holds workflows until told, and can fail or crash on demand.</summary>
internal sealed class ManualLauncher : IWorkflowLauncher
{
    private readonly ConcurrentDictionary<string, (ProvisioningOrder Order, WorkflowStatus Status)> _workflows = new();

    public IIdentityRepository? Repository { get; set; }

    public bool Hold { get; set; }

    public List<ProvisioningOrder> Started { get; } = [];

    public int StartCalls { get; private set; }

    public int FindCalls { get; private set; }

    /// <summary>Runs after a workflow was started, before the call returns: a test makes it crash here.</summary>
    public Action<ProvisioningOrder>? AfterStart { get; set; }

    /// <summary>Decides whether a start fails before doing anything; returns the exception to throw.</summary>
    public Func<ProvisioningOrder, int, Exception?>? Fault { get; set; }

    public async Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        StartCalls++;
        if (Fault?.Invoke(order, StartCalls) is { } fault)
        {
            throw fault;
        }

        if (_workflows.ContainsKey(order.Id))
        {
            return order.Id;
        }

        Started.Add(order);
        var status = new WorkflowStatus(WorkflowState.Running);
        if (!Hold && Repository is { } repository)
        {
            status = new WorkflowStatus(WorkflowState.Completed, await IdentityWrites.ApplyAsync(repository, order, cancellationToken));
        }

        _workflows[order.Id] = (order, status);
        AfterStart?.Invoke(order);
        return order.Id;
    }

    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
    {
        FindCalls++;
        return Task.FromResult(_workflows.ContainsKey(orderId) ? orderId : null);
    }

    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows[handle].Status);

    public void CompleteAll(IIdentityRepository repository)
    {
        foreach (var (id, (order, status)) in _workflows.Where(w => w.Value.Status.State == WorkflowState.Running).ToList())
        {
            var identityId = IdentityWrites.ApplyAsync(repository, order).GetAwaiter().GetResult();
            _workflows[id] = (order, new WorkflowStatus(WorkflowState.Completed, identityId));
        }
    }
}
