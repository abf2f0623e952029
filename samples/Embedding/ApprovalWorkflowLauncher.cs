using System.Collections.Concurrent;
using HrConnector.Provisioning;

namespace Embedding;

/// <summary>
/// A custom <see cref="IWorkflowLauncher"/>: the host's workflow engine. Onboardings wait for a manager's approval;
/// every other workflow runs at once. The handle is the order id, which makes a start idempotent and lets
/// <see cref="FindAsync"/> answer after a crash.
/// </summary>
public sealed class ApprovalWorkflowLauncher(IIdentityRepository repository) : IWorkflowLauncher
{
    private readonly ConcurrentDictionary<string, (ProvisioningOrder Order, WorkflowStatus Status)> _workflows = new(StringComparer.Ordinal);

    /// <summary>Gets the onboardings waiting for approval.</summary>
    public IEnumerable<ProvisioningOrder> AwaitingApproval => _workflows.Values.Where(w => w.Status.State == WorkflowState.Running).Select(w => w.Order);

    public async Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        if (_workflows.ContainsKey(order.Id))
        {
            return order.Id;
        }

        var status = order.Workflow == "HR_Onboarding"
            ? new WorkflowStatus(WorkflowState.Running)
            : new WorkflowStatus(WorkflowState.Completed, await IdentityWrites.ApplyAsync(repository, order, cancellationToken));
        _workflows[order.Id] = (order, status);
        return order.Id;
    }

    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows.ContainsKey(orderId) ? orderId : null);

    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows[handle].Status);

    /// <summary>A manager approves an onboarding: the user is created.</summary>
    public async Task ApproveAsync(string orderId)
    {
        var (order, _) = _workflows[orderId];
        _workflows[orderId] = (order, new WorkflowStatus(WorkflowState.Completed, await IdentityWrites.ApplyAsync(repository, order)));
    }
}
