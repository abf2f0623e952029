using HrConnector.Modeling;
namespace HrConnector.Provisioning;

/// <summary>
/// Starts the host's workflows (onboarding, update, offboarding…) for provisioning orders, when
/// <see cref="ProvisioningOptions.Target"/> is <see cref="ProvisioningTarget.Workflows"/>.
/// </summary>
/// <remarks>
/// Starting must be idempotent for the order's <see cref="ProvisioningOrder.Id"/>: when the process crashed after a
/// start but before the journal recorded it, the connector first asks <see cref="FindAsync"/>, and starts again only
/// when the host does not know the order. A transient failure should be thrown as
/// <see cref="TransientProvisioningException"/> (or <see cref="TimeoutException"/>): it is retried with backoff.
/// </remarks>
public interface IWorkflowLauncher
{
    /// <summary>Starts the workflow of an order (<see cref="ProvisioningOrder.Workflow"/>).</summary>
    /// <param name="order">The order.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A handle to ask for the workflow's status later.</returns>
    Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default);

    /// <summary>Finds the workflow started for an order, if any.</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The handle, or <see langword="null"/> when no workflow was started for this order.</returns>
    Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Gets the status of a workflow.</summary>
    /// <param name="handle">The handle <see cref="StartAsync"/> returned.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The status.</returns>
    Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default);
}

/// <summary>Where a workflow is.</summary>
public enum WorkflowState
{
    /// <summary>Still running (waiting for an approval, for example).</summary>
    Running = 0,

    /// <summary>Done: the identity was changed.</summary>
    Completed,

    /// <summary>Failed or was rejected.</summary>
    Failed,
}

/// <summary>The status of a workflow.</summary>
public sealed record WorkflowStatus
{
    /// <summary>Creates a status.</summary>
    /// <param name="state">Where it is.</param>
    /// <param name="identityId">The identity the workflow worked on: required for a completed onboarding, whose identity did not exist before.</param>
    /// <param name="error">Why it failed, without personal data.</param>
    public WorkflowStatus(WorkflowState state, string? identityId = null, string? error = null)
    {
        State = state;
        IdentityId = identityId;
        Error = error;
    }

    /// <summary>Gets where it is.</summary>
    public WorkflowState State { get; init; }

    /// <summary>Gets the identity the workflow worked on: required for a completed onboarding, whose identity did not exist before.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets why it failed, without personal data.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// The host refused an order and applied nothing (a validation error, a rejected approval): the order failed for good.
/// Any other exception thrown by a host call that may have taken effect leaves the order in doubt, and the host is asked
/// before it is sent again.
/// </summary>
public class ProvisioningRejectedException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, without personal data.</param>
    public ProvisioningRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public ProvisioningRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A failure worth retrying: a time-out, a lost connection, a busy service.</summary>
public class TransientProvisioningException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without personal data.</param>
    public TransientProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public TransientProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
