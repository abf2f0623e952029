using HrConnector.Diagnostics;
using HrConnector.Jobs;
using Microsoft.Extensions.Logging;

namespace HrConnector.Provisioning;

/// <summary>
/// Sends the open orders of the journal to the repository or to the workflow launcher, oldest first and one at a time
/// per identity. Every attempt is recorded before the call, so that after a crash an order in doubt is looked up
/// (workflows) or replayed under the same idempotency key (repository) instead of being sent twice.
/// </summary>
internal sealed class Dispatcher
{
    private readonly string _connector;
    private readonly ProvisioningModel _model;
    private readonly IIdentityRepository _repository;
    private readonly IWorkflowLauncher _launcher;
    private readonly IProvisioningJournal _journal;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public Dispatcher(string connector, ProvisioningModel model, IIdentityRepository repository, IWorkflowLauncher launcher, IProvisioningJournal journal, TimeProvider clock, ILogger logger)
    {
        _connector = connector;
        _model = model;
        _repository = repository;
        _launcher = launcher;
        _journal = journal;
        _clock = clock;
        _logger = logger;
    }

    public async Task<DispatchSummary> DispatchAsync(string runId, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var summary = new DispatchSummary();
        var links = await JournalReads.LinksAsync(_journal, _connector, _model.EntityType.Identifier, cancellationToken).ConfigureAwait(false);
        var entries = await JournalReads.OpenEntriesAsync(_journal, _connector, cancellationToken).ConfigureAwait(false);

        var toVerify = entries.Count(e => e.State == OrderState.Executed && !string.Equals(e.Order.RunId, runId, StringComparison.Ordinal));
        var identities = await IdentityReader.CreateAsync(_repository, toVerify, cancellationToken).ConfigureAwait(false);
        var blockedKeys = new HashSet<string>(StringComparer.Ordinal);
        var total = entries.Count(e => e.IsOpen);
        var done = 0;
        foreach (var original in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = original;
            var key = entry.Order.ResourceKey;
            if (entry.State == OrderState.Executed)
            {
                if (!string.Equals(entry.Order.RunId, runId, StringComparison.Ordinal) && await IsVisibleAsync(entry.Order, links, identities, cancellationToken).ConfigureAwait(false))
                {
                    await _journal.UpdateAsync(entry with { State = OrderState.Verified, UpdatedAt = _clock.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                    summary.Verified++;
                }

                continue;
            }

            if (!entry.IsOpen || entry.State == OrderState.Staged)
            {
                continue;
            }

            progress?.Report(new JobProgress("Dispatch", done++, total));
            if (!string.Equals(entry.Order.RunId, runId, StringComparison.Ordinal))
            {
                summary.Resumed++;
            }

            if (entry.State == OrderState.Scheduled)
            {
                if (entry.Order.NotBefore > _clock.GetUtcNow())
                {
                    summary.Waiting++;
                    blockedKeys.Add(key);
                    continue;
                }

                entry = entry with { State = OrderState.Pending, UpdatedAt = _clock.GetUtcNow() };
                await _journal.UpdateAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            if (blockedKeys.Contains(key) || summary.StoppedByErrors)
            {
                summary.Waiting++;
                blockedKeys.Add(key);
                continue;
            }

            if (entry.State == OrderState.Transmitted)
            {
                entry = await PollAsync(entry, links, summary, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                entry = await SendAsync(entry, links, summary, cancellationToken).ConfigureAwait(false);
            }

            if (entry.IsOpen)
            {
                // Later orders of the same identity wait for this one.
                blockedKeys.Add(key);
            }

            if (_model.MaxErrors > 0 && summary.Errored >= _model.MaxErrors && !summary.StoppedByErrors)
            {
                summary.StoppedByErrors = true;
                Log.DispatchStopped(_logger, _connector, summary.Errored);
            }
        }

        progress?.Report(new JobProgress("Dispatch", total, total));
        return summary;
    }

    private async Task<JournalEntry> SendAsync(JournalEntry entry, Dictionary<string, IdentityLink> links, DispatchSummary summary, CancellationToken cancellationToken)
    {
        var order = entry.Order;
        if (order.IdentityId is null && order.Kind != OrderKind.Added)
        {
            if (!links.TryGetValue(order.ResourceKey, out var link))
            {
                // The identity of this record is not known yet (its onboarding failed or waits): the order waits too.
                summary.Waiting++;
                return entry;
            }

            order = order.WithIdentity(link.IdentityId);
        }

        var inDoubt = entry.Attempts > 0;
        for (var attempt = 1; ; attempt++)
        {
            entry = entry with { Order = order, Attempts = entry.Attempts + 1, UpdatedAt = _clock.GetUtcNow() };
            await _journal.UpdateAsync(entry, cancellationToken).ConfigureAwait(false);
            try
            {
                summary.Dispatched++;
                HrConnectorDiagnostics.OrdersDispatched.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", order.Kind.ToString()));
                if (_model.Target == ProvisioningTarget.Repository)
                {
                    var identityId = await IdentityWrites.ApplyAsync(_repository, order, cancellationToken).ConfigureAwait(false);
                    return await CompleteAsync(entry, identityId, links, summary, cancellationToken).ConfigureAwait(false);
                }

                var handle = inDoubt ? await _launcher.FindAsync(order.Id, cancellationToken).ConfigureAwait(false) : null;
                handle ??= await _launcher.StartAsync(order, cancellationToken).ConfigureAwait(false);
                entry = entry with { State = OrderState.Transmitted, Handle = handle, UpdatedAt = _clock.GetUtcNow() };
                await _journal.UpdateAsync(entry, cancellationToken).ConfigureAwait(false);
                Log.OrderTransmitted(_logger, order.Id, order.Kind);
                return await PollAsync(entry, links, summary, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (IsTransient(exception) && attempt < _model.MaxAttempts)
                {
                    summary.Retries++;
                    inDoubt = true;
                    var delay = Backoff(attempt);
                    Log.OrderRetry(_logger, order.Id, order.Kind, attempt, exception.GetType().Name, delay);
                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                return await FailAsync(entry, $"{exception.GetType().Name}: {exception.Message}", summary, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<JournalEntry> PollAsync(JournalEntry entry, Dictionary<string, IdentityLink> links, DispatchSummary summary, CancellationToken cancellationToken)
    {
        WorkflowStatus status;
        try
        {
            status = await _launcher.GetStatusAsync(entry.Handle!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransient(exception))
        {
            summary.Transmitted++;
            return entry;
        }

        switch (status.State)
        {
            case WorkflowState.Completed:
                var identityId = status.IdentityId ?? entry.Order.IdentityId;
                if (identityId is null)
                {
                    return await FailAsync(entry, "The workflow completed without naming the identity it created.", summary, cancellationToken).ConfigureAwait(false);
                }

                return await CompleteAsync(entry, identityId, links, summary, cancellationToken).ConfigureAwait(false);
            case WorkflowState.Failed:
                return await FailAsync(entry, status.Error ?? "The workflow failed.", summary, cancellationToken).ConfigureAwait(false);
            default:
                summary.Transmitted++;
                return entry;
        }
    }

    private async Task<JournalEntry> CompleteAsync(JournalEntry entry, string identityId, Dictionary<string, IdentityLink> links, DispatchSummary summary, CancellationToken cancellationToken)
    {
        var order = entry.Order;
        var entityType = _model.EntityType.Identifier;

        // The link first: if the process stops before the order is marked executed, the replay finds the same identity.
        IdentityLink? link = order.Kind switch
        {
            OrderKind.Added or OrderKind.Linked or OrderKind.Reactivated or OrderKind.Modified => new IdentityLink(entityType, order.ResourceKey, identityId, IdentityState.Active),
            OrderKind.Deactivated => new IdentityLink(entityType, order.ResourceKey, identityId, IdentityState.Inactive),
            _ => null,
        };
        if (link is not null && links.GetValueOrDefault(order.ResourceKey) != link)
        {
            await _journal.SetLinkAsync(_connector, link, cancellationToken).ConfigureAwait(false);
            links[order.ResourceKey] = link;
        }
        else if (order.Kind == OrderKind.Deleted)
        {
            await _journal.RemoveLinkAsync(_connector, entityType, order.ResourceKey, cancellationToken).ConfigureAwait(false);
            links.Remove(order.ResourceKey);
        }

        entry = entry with { Order = order.IdentityId is null ? order.WithIdentity(identityId) : order, State = OrderState.Executed, UpdatedAt = _clock.GetUtcNow(), Error = null };
        await _journal.UpdateAsync(entry, cancellationToken).ConfigureAwait(false);
        summary.Executed++;
        HrConnectorDiagnostics.OrdersExecuted.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", order.Kind.ToString()));
        Log.OrderExecuted(_logger, order.Id, order.Kind);
        return entry;
    }

    private async Task<JournalEntry> FailAsync(JournalEntry entry, string error, DispatchSummary summary, CancellationToken cancellationToken)
    {
        entry = entry with { State = OrderState.Errored, Error = error, UpdatedAt = _clock.GetUtcNow() };
        await _journal.UpdateAsync(entry, cancellationToken).ConfigureAwait(false);
        summary.Errored++;
        HrConnectorDiagnostics.OrdersErrored.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", entry.Order.Kind.ToString()));
        Log.OrderFailed(_logger, entry.Order.Id, entry.Order.Kind, entry.Attempts);
        return entry;
    }

    /// <summary>Whether a later run sees what an executed order did on its identity.</summary>
    private static async Task<bool> IsVisibleAsync(ProvisioningOrder order, Dictionary<string, IdentityLink> links, IdentityReader identities, CancellationToken cancellationToken)
    {
        var identityId = order.IdentityId ?? links.GetValueOrDefault(order.ResourceKey)?.IdentityId;
        var identity = identityId is null ? null : await identities.GetAsync(identityId, cancellationToken).ConfigureAwait(false);
        return order.Kind switch
        {
            OrderKind.Deleted => identity is null,
            OrderKind.Deactivated => identity?.State == IdentityState.Inactive,
            _ => identity is { State: IdentityState.Active } && order.Changes.All(c => IdentityValues.AreEqual(identity.GetValue(c.Property), c.NewValue)),
        };
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _model.RetryDelay * Math.Pow(2, attempt - 1);
        return delay > _model.MaxRetryDelay ? _model.MaxRetryDelay : delay;
    }

    private static bool IsTransient(Exception exception) => exception is TransientProvisioningException or TimeoutException;
}
