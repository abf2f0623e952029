using System.Text;
using HrConnector.Provisioning;

namespace HrConnector.Sqlite.CrashHarness;

/// <summary>
/// A workflow engine that starts a workflow on every call, however often it is called with the same order (so a
/// duplicate start shows): each start appends a line "order id TAB identity id" to a log file and flushes it before
/// returning; <see cref="FindAsync"/> answers from the log. A workflow applies its order to the identity repository
/// (idempotent per order id) before its start is logged, and has completed when the start returns.
/// </summary>
public sealed class FileWorkflowLauncher : IWorkflowLauncher, IDisposable
{
    private readonly Dictionary<string, string> _started = new(StringComparer.Ordinal);
    private readonly FileStream _log;

    private readonly IIdentityRepository _repository;

    public FileWorkflowLauncher(string path, IIdentityRepository repository)
    {
        _repository = repository;
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                // A line cut by a kill has no identity: that start never returned, as if it had not happened.
                var parts = line.Split('\t');
                if (parts.Length == 2 && parts[1].Length > 0)
                {
                    _started[parts[0]] = parts[1];
                }
            }
        }

        _log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public async Task<string> StartAsync(ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        var identityId = await IdentityWrites.ApplyAsync(_repository, order, cancellationToken).ConfigureAwait(false);
        _log.Write(Encoding.UTF8.GetBytes(order.Id + "\t" + identityId + "\n"));
        _log.Flush();
        _started[order.Id] = identityId;
        return order.Id;
    }

    public Task<string?> FindAsync(string orderId, CancellationToken cancellationToken = default)
        => Task.FromResult(_started.ContainsKey(orderId) ? orderId : null);

    public Task<WorkflowStatus> GetStatusAsync(string handle, CancellationToken cancellationToken = default)
        => Task.FromResult(new WorkflowStatus(WorkflowState.Completed, _started[handle]));

    public void Dispose() => _log.Dispose();
}
