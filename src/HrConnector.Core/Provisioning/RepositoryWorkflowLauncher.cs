using System.Collections.Concurrent;

namespace HrConnector.Provisioning;

/// <summary>
/// The default <see cref="IWorkflowLauncher"/>: runs every workflow at once, in process, as the direct change of the
/// <see cref="IIdentityRepository"/> the order asks for, and completes it. Hosts with a workflow engine replace it; with
/// it, <see cref="ProvisioningTarget.Workflows"/> behaves like <see cref="ProvisioningTarget.Repository"/> plus a
/// handle per order.
/// </summary>
public sealed class RepositoryWorkflowLauncher : IWorkflowLauncher
{
    private readonly IIdentityRepository _repository;
    private readonly ConcurrentDictionary<string, WorkflowStatus> _workflows = new(StringComparer.Ordinal);

    /// <summary>Creates the launcher.</summary>
    /// <param name="repository">The repository the workflows change.</param>
    public RepositoryWorkflowLauncher(IIdentityRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
    }

    /// <inheritdoc/>
    public async Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_workflows.ContainsKey(order.Id))
        {
            return order.Id;
        }

        WorkflowStatus status;
        try
        {
            var identityId = await IdentityWrites.ApplyAsync(_repository, order, cancellationToken).ConfigureAwait(false);
            status = new WorkflowStatus(WorkflowState.Completed, identityId);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
        {
            status = new WorkflowStatus(WorkflowState.Failed, order.IdentityId, exception.Message);
        }

        _workflows[order.Id] = status;
        return order.Id;
    }

    /// <inheritdoc/>
    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows.ContainsKey(orderId) ? orderId : null);

    /// <inheritdoc/>
    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows.TryGetValue(handle, out var status) ? status : new WorkflowStatus(WorkflowState.Failed, error: $"No workflow has the handle '{handle}'."));
}
