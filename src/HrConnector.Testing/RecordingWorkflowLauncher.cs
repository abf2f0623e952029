using System.Globalization;
using HrConnector.Provisioning;

namespace HrConnector.Testing;

/// <summary>
/// An <see cref="IWorkflowLauncher"/> for tests: it records every workflow started, is idempotent per order id as the
/// contract asks (a second start of the same order returns the first handle and is counted in
/// <see cref="DuplicateStarts"/>), lets the test decide how workflows end (<see cref="Completion"/>), and injects
/// faults (<see cref="FailNext"/>, <see cref="AfterStart"/>) to test exactly-once dispatch. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var launcher = new RecordingWorkflowLauncher { Completion = WorkflowCompletion.Manual };
/// // … run the job: the onboarding of E1 is started and stays Running …
/// launcher.Complete(launcher.Started[0].Id, identityId: "U42");
/// // … the next run sees it completed and links E1 to U42 …
/// </code>
/// </example>
public sealed class RecordingWorkflowLauncher : IWorkflowLauncher
{
    private readonly object _lock = new();
    private readonly IIdentityRepository? _repository;
    private readonly List<ProvisioningOrder> _started = [];
    private readonly Dictionary<string, Workflow> _byOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Workflow> _byHandle = new(StringComparer.Ordinal);
    private WorkflowCompletion _completion;
    private int _duplicateStarts;
    private int _failures;
    private bool _transientFailures;

    /// <summary>Creates a launcher whose workflows stay running until the test ends them (<see cref="WorkflowCompletion.Manual"/>).</summary>
    public RecordingWorkflowLauncher()
    {
    }

    /// <summary>Creates a launcher whose workflows apply their orders to a repository (<see cref="WorkflowCompletion.Automatic"/>).</summary>
    /// <param name="repository">The identity repository the workflows change.</param>
    public RecordingWorkflowLauncher(IIdentityRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
        _completion = WorkflowCompletion.Automatic;
    }

    /// <summary>Gets or sets how workflows end.</summary>
    /// <value>The default value is <see cref="WorkflowCompletion.Automatic"/> when the launcher was given a repository, <see cref="WorkflowCompletion.Manual"/> otherwise.</value>
    /// <exception cref="InvalidOperationException"><see cref="WorkflowCompletion.Automatic"/> is set on a launcher without a repository.</exception>
    public WorkflowCompletion Completion
    {
        get
        {
            lock (_lock)
            {
                return _completion;
            }
        }

        set
        {
            if (value == WorkflowCompletion.Automatic && _repository is null)
            {
                throw new InvalidOperationException("Automatic completion applies orders to an identity repository: create the launcher with one.");
            }

            lock (_lock)
            {
                _completion = value;
            }
        }
    }

    /// <summary>
    /// Gets or sets a hook called after a workflow was started and recorded, before <see cref="StartAsync"/> returns:
    /// throw from it to simulate a crash after the side effect (cancel the run's token and throw
    /// <see cref="OperationCanceledException"/>, for example). Not called for a duplicate start.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<ProvisioningOrder>? AfterStart { get; set; }

    /// <summary>Gets the orders whose workflow was started, in start order; each order once.</summary>
    public IReadOnlyList<ProvisioningOrder> Started
    {
        get
        {
            lock (_lock)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>Gets the number of calls to <see cref="StartAsync"/> for an order whose workflow was already started (none when the caller used <see cref="FindAsync"/> as it should).</summary>
    public int DuplicateStarts
    {
        get
        {
            lock (_lock)
            {
                return _duplicateStarts;
            }
        }
    }

    /// <summary>Makes the next calls to <see cref="StartAsync"/> throw before starting anything.</summary>
    /// <param name="count">The number of calls that fail, 1 or more.</param>
    /// <param name="transient">
    /// <see langword="true"/> to throw <see cref="TransientProvisioningException"/> (retried with backoff by the connector);
    /// <see langword="false"/> to throw <see cref="ProvisioningRejectedException"/> (the engine refuses the order: it fails for good in this run).
    /// </param>
    public void FailNext(int count = 1, bool transient = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            _failures = count;
            _transientFailures = transient;
        }
    }

    /// <summary>Gets the number of workflows started for an order: 0 or 1, however many times <see cref="StartAsync"/> was called.</summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The number of workflows started.</returns>
    public int GetStartCount(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        lock (_lock)
        {
            return _byOrder.ContainsKey(orderId) ? 1 : 0;
        }
    }

    /// <summary>Gets the status of the workflow of an order, or <see langword="null"/> when none was started.</summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The status.</returns>
    public WorkflowStatus? GetStatus(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        lock (_lock)
        {
            return _byOrder.TryGetValue(orderId, out var workflow) ? workflow.Status : null;
        }
    }

    /// <summary>Completes the workflow of an order without changing any identity (the host's workflow did it).</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="identityId">The identity the workflow worked on; by default the order's. A completed onboarding must name one.</param>
    /// <exception cref="KeyNotFoundException">No workflow was started for the order.</exception>
    public void Complete(string orderId, string? identityId = null)
    {
        lock (_lock)
        {
            var workflow = Get(orderId);
            workflow.Status = new WorkflowStatus(WorkflowState.Completed, identityId ?? workflow.Order.IdentityId);
        }
    }

    /// <summary>Completes the workflow of an order by applying the order to the launcher's identity repository, as <see cref="WorkflowCompletion.Automatic"/> does at start.</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity the order applied to.</returns>
    /// <exception cref="KeyNotFoundException">No workflow was started for the order, or the identity does not exist.</exception>
    /// <exception cref="InvalidOperationException">The launcher has no repository.</exception>
    public async Task<string> CompleteAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var repository = _repository ?? throw new InvalidOperationException("The launcher has no identity repository to apply the order to: use Complete(orderId, identityId).");
        ProvisioningOrder order;
        lock (_lock)
        {
            order = Get(orderId).Order;
        }

        var identityId = await IdentityWrites.ApplyAsync(repository, order, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            Get(orderId).Status = new WorkflowStatus(WorkflowState.Completed, identityId);
        }

        return identityId;
    }

    /// <summary>Fails the workflow of an order (rejected by an approver, for example).</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="error">Why it failed.</param>
    /// <exception cref="KeyNotFoundException">No workflow was started for the order.</exception>
    public void Fail(string orderId, string error = "The workflow failed.")
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_lock)
        {
            var workflow = Get(orderId);
            workflow.Status = new WorkflowStatus(WorkflowState.Failed, workflow.Order.IdentityId, error);
        }
    }

    /// <inheritdoc/>
    public async Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        cancellationToken.ThrowIfCancellationRequested();
        Workflow workflow;
        bool apply;
        lock (_lock)
        {
            if (_failures > 0)
            {
                _failures--;
                throw _transientFailures
                    ? new TransientProvisioningException($"Injected transient failure before starting the workflow of order {order.Id}.")
                    : new ProvisioningRejectedException($"Injected failure before starting the workflow of order {order.Id}.");
            }

            if (_byOrder.TryGetValue(order.Id, out var existing))
            {
                _duplicateStarts++;
                return existing.Handle;
            }

            workflow = new Workflow(order, string.Create(CultureInfo.InvariantCulture, $"WF{_started.Count + 1:D6}"));
            _started.Add(order);
            _byOrder.Add(order.Id, workflow);
            _byHandle.Add(workflow.Handle, workflow);
            apply = _completion == WorkflowCompletion.Automatic;
        }

        if (apply)
        {
            WorkflowStatus status;
            try
            {
                var identityId = await IdentityWrites.ApplyAsync(_repository!, order, cancellationToken).ConfigureAwait(false);
                status = new WorkflowStatus(WorkflowState.Completed, identityId);
            }
            catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
            {
                status = new WorkflowStatus(WorkflowState.Failed, order.IdentityId, exception.Message);
            }

            lock (_lock)
            {
                workflow.Status = status;
            }
        }

        AfterStart?.Invoke(order);
        return workflow.Handle;
    }

    /// <inheritdoc/>
    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        lock (_lock)
        {
            return Task.FromResult(_byOrder.TryGetValue(orderId, out var workflow) ? workflow.Handle : null);
        }
    }

    /// <inheritdoc/>
    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        lock (_lock)
        {
            return Task.FromResult(_byHandle.TryGetValue(handle, out var workflow)
                ? workflow.Status
                : new WorkflowStatus(WorkflowState.Failed, error: $"No workflow has the handle '{handle}'."));
        }
    }

    private Workflow Get(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        return _byOrder.TryGetValue(orderId, out var workflow)
            ? workflow
            : throw new KeyNotFoundException($"No workflow was started for the order {orderId}.");
    }

    private sealed class Workflow(ProvisioningOrder order, string handle)
    {
        public ProvisioningOrder Order { get; } = order;

        public string Handle { get; } = handle;

        public WorkflowStatus Status { get; set; } = new(WorkflowState.Running, order.IdentityId);
    }
}
