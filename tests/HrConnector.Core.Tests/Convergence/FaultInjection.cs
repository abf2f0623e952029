using System.Collections.Concurrent;
using HrConnector.Provisioning;

namespace HrConnector.Tests.Convergence;

/// <summary>What a host call does wrong.</summary>
internal enum FaultKind
{
    /// <summary>Throws before doing anything.</summary>
    ThrowBefore,

    /// <summary>Does its work, then throws (the answer is lost).</summary>
    ThrowAfter,

    /// <summary>Never answers, ignoring its token, before doing anything.</summary>
    Hang,

    /// <summary>Does its work, then never answers.</summary>
    HangAfter,

    /// <summary>Refuses the call (<see cref="ProvisioningRejectedException"/>): nothing is applied.</summary>
    Refuse,

    /// <summary>The process dies before the call does anything: the run's token is fired and the call throws.</summary>
    Crash,

    /// <summary>The process dies right after the call did its work.</summary>
    CrashAfter,
}

/// <summary>A fault for one call; <see cref="Exception"/> is what a throwing fault throws.</summary>
internal sealed record Fault(FaultKind Kind, Func<Exception>? Exception = null)
{
    public static Fault Transient => new(FaultKind.ThrowBefore, () => new TransientProvisioningException("The host is busy."));

    public static Fault Refused => new(FaultKind.Refuse);

    public static Fault Poison => new(FaultKind.ThrowBefore, () => new InvalidOperationException("The status cannot be read."));

    public Exception Create() => Exception?.Invoke() ?? new IOException("The connection was lost.");
}

/// <summary>The host calls a fault can hit.</summary>
internal enum HostCall
{
    Create,
    Update,
    SetState,
    Delete,
    Start,
    Find,
    Status,
}

/// <summary>Runs a fault around a host call; shared by the repository and the launcher wrappers.</summary>
internal abstract class FaultInjector
{
    private readonly ConcurrentDictionary<HostCall, int> _calls = new();
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal);

    /// <summary>Decides the fault of a call: the call, a subject (an operation id, an order id or a handle), and the call number of that kind (from 1).</summary>
    public Func<HostCall, string, int, Fault?>? Faults { get; set; }

    /// <summary>Fires the run's token: what a crash does before it throws.</summary>
    public Action? Crash { get; set; }

    /// <summary>Gets the number of faults injected.</summary>
    public int Injected { get; private set; }

    public int Calls(HostCall call) => _calls.GetValueOrDefault(call);

    protected async Task<T> RunAsync<T>(HostCall call, string subject, Func<Task<T>> work)
    {
        var number = _calls.AddOrUpdate(call, 1, (_, n) => n + 1);
        var fault = Faults?.Invoke(call, subject, number);
        if (fault?.Kind == FaultKind.Refuse && _done.ContainsKey(subject))
        {
            // A host that executed an operation id answers its replay with the first result (the idempotency contract): it cannot refuse it.
            fault = null;
        }

        if (fault is not null)
        {
            Injected++;
        }

        switch (fault?.Kind)
        {
            case FaultKind.ThrowBefore:
                throw fault.Create();
            case FaultKind.Refuse:
                throw new ProvisioningRejectedException("The host refused the order.");
            case FaultKind.Hang:
                return await new TaskCompletionSource<T>().Task;
            case FaultKind.Crash:
                throw Crashed();
        }

        var result = await work();
        _done.TryAdd(subject, true);
        switch (fault?.Kind)
        {
            case FaultKind.ThrowAfter:
                throw fault.Create();
            case FaultKind.HangAfter:
                return await new TaskCompletionSource<T>().Task;
            case FaultKind.CrashAfter:
                throw Crashed();
        }

        return result;
    }

    private OperationCanceledException Crashed()
    {
        Crash?.Invoke();
        return new OperationCanceledException("The process died.");
    }
}

/// <summary>An identity repository that injects faults into its writes and counts the identities it really created, per first name.</summary>
internal sealed class FaultyRepository : FaultInjector, IIdentityRepository
{
    private readonly InMemoryIdentityRepository _inner;
    private readonly ConcurrentDictionary<string, int> _creates = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(HostCall Call, string OperationId)> _operations = new();

    public FaultyRepository(InMemoryIdentityRepository inner) => _inner = inner;

    /// <summary>Gets the writes received, with their operation ids, in order.</summary>
    public IReadOnlyList<(HostCall Call, string OperationId)> Operations => [.. _operations];

    /// <summary>The identities really created for a first name (a replayed operation id is not counted).</summary>
    public int CreatesOf(string firstName) => _creates.GetValueOrDefault(firstName);

    public IReadOnlyDictionary<string, int> Creates => _creates;

    /// <summary>Gets or sets a value indicating whether queries never answer (a host that hangs, ignoring the token).</summary>
    public bool HangQueries { get; set; }

    public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default)
        => HangQueries ? new TaskCompletionSource<IReadOnlyList<Identity>>().Task : _inner.FindAsync(query, cancellationToken);

    public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

    public IAsyncEnumerable<Identity> ListAsync(CancellationToken cancellationToken = default) => _inner.ListAsync(cancellationToken);

    public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        _operations.Enqueue((HostCall.Create, operationId));
        return RunAsync(HostCall.Create, operationId, async () =>
        {
            var before = _inner.Count;
            var id = await _inner.CreateAsync(properties, operationId, cancellationToken);
            if (_inner.Count > before && properties.TryGetValue("FirstName", out var name) && name is string firstName)
            {
                _creates.AddOrUpdate(firstName, 1, (_, n) => n + 1);
            }

            return id;
        });
    }

    public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        _operations.Enqueue((HostCall.Update, operationId));
        return RunAsync(HostCall.Update, operationId, async () =>
        {
            await _inner.UpdateAsync(id, properties, operationId, cancellationToken);
            return true;
        });
    }

    public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default)
    {
        _operations.Enqueue((HostCall.SetState, operationId));
        return RunAsync(HostCall.SetState, operationId, async () =>
        {
            await _inner.SetStateAsync(id, state, operationId, cancellationToken);
            return true;
        });
    }

    public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default)
    {
        _operations.Enqueue((HostCall.Delete, operationId));
        return RunAsync(HostCall.Delete, operationId, async () =>
        {
            await _inner.DeleteAsync(id, operationId, cancellationToken);
            return true;
        });
    }
}

/// <summary>A workflow launcher that injects faults into its calls and records every start it receives.</summary>
internal sealed class FaultyLauncher : FaultInjector, IWorkflowLauncher
{
    private readonly IWorkflowLauncher _inner;
    private readonly ConcurrentQueue<ProvisioningOrder> _starts = new();
    private readonly ConcurrentQueue<string> _finds = new();

    public FaultyLauncher(IWorkflowLauncher inner) => _inner = inner;

    /// <summary>Gets every call of <see cref="StartAsync"/>, faulted or not.</summary>
    public IReadOnlyList<ProvisioningOrder> Starts => [.. _starts];

    /// <summary>Gets the order ids asked to <see cref="FindAsync"/>.</summary>
    public IReadOnlyList<string> Finds => [.. _finds];

    public Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        _starts.Enqueue(order);
        return RunAsync(HostCall.Start, order.Id, () => _inner.StartAsync(order, cancellationToken));
    }

    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
    {
        _finds.Enqueue(orderId);
        return RunAsync(HostCall.Find, orderId, () => _inner.FindAsync(orderId, cancellationToken));
    }

    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => RunAsync(HostCall.Status, handle, () => _inner.GetStatusAsync(handle, cancellationToken));
}

/// <summary>A workflow engine whose workflows wait for an approval: approved, they apply their order; rejected, they fail.</summary>
internal sealed class ApprovalLauncher : IWorkflowLauncher
{
    private readonly IIdentityRepository _repository;
    private readonly ConcurrentDictionary<string, (ProvisioningOrder Order, WorkflowStatus Status)> _workflows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ProvisioningOrder> _starts = new();

    public ApprovalLauncher(IIdentityRepository repository) => _repository = repository;

    /// <summary>Gets or sets a value indicating whether new workflows are approved at once.</summary>
    public bool AutoApprove { get; set; }

    public IReadOnlyList<ProvisioningOrder> Starts => [.. _starts];

    public async Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        _starts.Enqueue(order);
        if (_workflows.ContainsKey(order.Id))
        {
            return order.Id;
        }

        _workflows[order.Id] = (order, new WorkflowStatus(WorkflowState.Running));
        if (AutoApprove)
        {
            await ApproveAsync(order.Id);
        }

        return order.Id;
    }

    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows.ContainsKey(orderId) ? orderId : null);

    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => Task.FromResult(_workflows[handle].Status);

    public async Task ApproveAsync(string handle)
    {
        var (order, _) = _workflows[handle];
        var identityId = await IdentityWrites.ApplyAsync(_repository, order);
        _workflows[handle] = (order, new WorkflowStatus(WorkflowState.Completed, identityId));
    }

    public void Reject(string handle)
    {
        var (order, _) = _workflows[handle];
        _workflows[handle] = (order, new WorkflowStatus(WorkflowState.Failed, error: "The manager rejected the request."));
    }
}

/// <summary>A journal that can fail its next release, as a process killed between the store commit and the release would.</summary>
internal sealed class FaultyJournal : IProvisioningJournal
{
    private readonly IProvisioningJournal _inner;
    private int _releaseFailures;

    public FaultyJournal(IProvisioningJournal inner) => _inner = inner;

    /// <summary>Fires the run's token when a release fails (a crash), if set.</summary>
    public Action? Crash { get; set; }

    public void FailNextRelease() => Interlocked.Exchange(ref _releaseFailures, 1);

    /// <summary>Forgets a release failure that did not happen (the run stopped before its release).</summary>
    public void Disarm() => Interlocked.Exchange(ref _releaseFailures, 0);

    public Task StageAsync(string connector, string runId, IReadOnlyList<ProvisioningOrder> orders, IReadOnlyCollection<string> cancelledOrderIds, CancellationToken cancellationToken = default)
        => _inner.StageAsync(connector, runId, orders, cancelledOrderIds, cancellationToken);

    public Task<string?> GetStagedRunAsync(string connector, CancellationToken cancellationToken = default) => _inner.GetStagedRunAsync(connector, cancellationToken);

    public Task ReleaseAsync(string connector, string runId, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _releaseFailures, 0) == 1)
        {
            Crash?.Invoke();
            throw new IOException("The process died before the release.");
        }

        return _inner.ReleaseAsync(connector, runId, cancellationToken);
    }

    public Task DiscardAsync(string connector, string runId, CancellationToken cancellationToken = default) => _inner.DiscardAsync(connector, runId, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadAsync(string connector, bool openOnly, CancellationToken cancellationToken = default) => _inner.ReadAsync(connector, openOnly, cancellationToken);

    public Task UpdateAsync(JournalEntry entry, CancellationToken cancellationToken = default) => _inner.UpdateAsync(entry, cancellationToken);

    public IAsyncEnumerable<IdentityLink> ReadLinksAsync(string connector, CancellationToken cancellationToken = default) => _inner.ReadLinksAsync(connector, cancellationToken);

    public Task SetLinkAsync(string connector, IdentityLink link, CancellationToken cancellationToken = default) => _inner.SetLinkAsync(connector, link, cancellationToken);

    public Task RemoveLinkAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default) => _inner.RemoveLinkAsync(connector, entityType, resourceKey, cancellationToken);

    public Task WriteAsync(JournalBatch batch, CancellationToken cancellationToken = default) => _inner.WriteAsync(batch, cancellationToken);
}
