using HrConnector.Provisioning;

namespace MyProduct;

/// <summary>The host's workflows (approvals, tickets…), started for the orders of ProvisioningTarget.Workflows.</summary>
public sealed class MyWorkflowLauncher : IWorkflowLauncher
{
    // Starts the workflow of an order and returns its handle. Idempotent per order.Id: a second start for the same
    // id returns the workflow started the first time.
    public Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // The handle of the workflow started for this order id, or null: asked when a start did not answer.
    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // Running, Completed (with the id of the identity it created or changed) or Failed (with an error free of
    // personal data): asked on every run until the workflow ends.
    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
