using System.Net.Http;
using HrConnector.Diagnostics;
using HrConnector.Modeling;
using Microsoft.Extensions.Logging;

namespace HrConnector.Provisioning;

// The calls to the host: one order (a repository write or a workflow start), one batch of writes, the status of a
// workflow; each bounded by the call time-out and the run's token, and what it throws classified (refused, transient,
// in doubt).
internal sealed partial class Dispatcher
{
    private async Task SendBatchAsync(IBatchIdentityRepository batch, List<JournalEntry> all, List<(JournalEntry, Outcome, string?, string?)> outcomes, DispatchSummary summary, CancellationToken cancellationToken)
    {
        var sends = new List<JournalEntry>(all.Count);
        var writes = new List<IdentityWrite>(all.Count);
        var owners = new List<int>(all.Count);
        List<JournalEntry>? alone = null;
        foreach (var entry in all)
        {
            var orderWrites = IdentityWrites.Writes(entry.Order, entry.OperationId);
            if (orderWrites.Count > 1)
            {
                // Several writes (a reactivation with values): sent alone, one write after the other, so that a write the
                // host refuses stops the ones after it (the identity is not activated without its values); the writes of
                // a batch are independent, and a refused order would be recorded as not applied while a part of it was.
                (alone ??= []).Add(entry);
                continue;
            }

            foreach (var write in orderWrites)
            {
                writes.Add(write);
                owners.Add(sends.Count);
            }

            sends.Add(entry);
        }

        foreach (var entry in alone ?? [])
        {
            outcomes.Add(await SendAsync(entry, summary, cancellationToken).ConfigureAwait(false));
        }

        if (sends.Count == 0)
        {
            return;
        }

        summary.Dispatched += sends.Count;
        IReadOnlyList<IdentityWriteResult> results;
        try
        {
            results = await CallAsync(ct => batch.WriteBatchAsync(writes, ct), cancellationToken).ConfigureAwait(false);
            if (results.Count != writes.Count)
            {
                throw new InvalidOperationException($"The repository answered {results.Count} results to {writes.Count} writes.");
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The whole batch is in doubt: each order is replayed one by one (under its operation ids), with retries.
            summary.Dispatched -= sends.Count;
            foreach (var entry in sends)
            {
                outcomes.Add(await SendAsync(entry with { Error = Describe(exception) }, summary, cancellationToken).ConfigureAwait(false));
            }

            return;
        }

        var identityIds = new string?[sends.Count];
        var errors = new Exception?[sends.Count];
        for (var w = 0; w < writes.Count; w++)
        {
            var owner = owners[w];
            errors[owner] ??= results[w].Error;
            identityIds[owner] ??= results[w].IdentityId;
        }

        for (var i = 0; i < sends.Count; i++)
        {
            CountDispatched(sends[i].Order);
            if (errors[i] is { } error)
            {
                var outcome = IsRejection(error) ? Outcome.Rejected : Outcome.InDoubt;
                outcomes.Add((sends[i], outcome, null, Describe(error)));
            }
            else
            {
                outcomes.Add((sends[i], Outcome.Completed, identityIds[i] ?? sends[i].Order.IdentityId, null));
            }
        }
    }

    private async Task<(JournalEntry, Outcome, string?, string?)> SendAsync(JournalEntry entry, DispatchSummary summary, CancellationToken cancellationToken)
    {
        var order = entry.Order;
        summary.Dispatched++;
        CountDispatched(order);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (_model.Target == ProvisioningTarget.Repository)
                {
                    var identityId = await CallAsync(ct => IdentityWrites.ApplyWithOperationIdAsync(_repository, order, entry.OperationId, ct), cancellationToken).ConfigureAwait(false);
                    return (entry, Outcome.Completed, identityId, null);
                }

                // In doubt (an earlier call did not answer): ask the host before starting anything.
                var handle = entry.InDoubt && entry.Attempts > 1 ? await CallAsync(ct => _launcher.FindAsync(entry.OperationId, ct), cancellationToken).ConfigureAwait(false) : null;
                handle ??= await CallAsync(ct => _launcher.StartAsync(WithOperationId(entry), ct), cancellationToken).ConfigureAwait(false);
                ProvisioningLog.OrderTransmitted(_logger, order.Id, order.Kind);
                return await PollAsync(entry with { State = OrderState.Transmitted, Handle = handle, InDoubt = false }, summary, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (IsRejection(exception))
                {
                    return (entry, Outcome.Rejected, null, Describe(exception));
                }

                if (!IsTransient(exception) || attempt >= _model.MaxAttempts)
                {
                    return (entry, Outcome.InDoubt, null, Describe(exception));
                }

                summary.Retries++;
                entry = entry with { Attempts = entry.Attempts + 1, InDoubt = true };
                var delay = Backoff(attempt);
                ProvisioningLog.OrderRetry(_logger, order.Id, order.Kind, attempt, exception.GetType().Name, delay);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The order as the host sees it: after a failure, its id is the attempt's operation id, so a refused workflow is not found again.</summary>
    private static ProvisioningOrder WithOperationId(JournalEntry entry)
    {
        var order = entry.Order;
        return entry.Failures == 0
            ? order
            : new ProvisioningOrder(entry.OperationId, order.Connector, order.EntityType, order.ResourceKey, order.Kind, order.IdentityId, order.Workflow, order.Changes, order.RunId, order.CreatedAt, order.NotBefore, order.Desired) { Reason = order.Reason };
    }

    private async Task<(JournalEntry, Outcome, string?, string?)> PollAsync(JournalEntry entry, DispatchSummary summary, CancellationToken cancellationToken)
    {
        WorkflowStatus status;
        try
        {
            status = await CallAsync(ct => _launcher.GetStatusAsync(entry.Handle!, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A status that cannot be read says nothing about the workflow: it stays transmitted, this poll counts against the budget.
            summary.Transmitted++;
            return (entry with { Attempts = entry.Attempts + 1 }, Outcome.Running, null, Describe(exception));
        }

        switch (status.State)
        {
            case WorkflowState.Completed:
                var identityId = status.IdentityId ?? entry.Order.IdentityId;
                return identityId is null
                    ? (entry, Outcome.Rejected, null, "The workflow completed without naming the identity it created.")
                    : (entry, Outcome.Completed, identityId, null);
            case WorkflowState.Failed:
                return (entry, Outcome.Rejected, null, status.Error ?? "The workflow failed.");
            default:
                summary.Transmitted++;
                return (entry, Outcome.Running, null, null);
        }
    }

    /// <summary>
    /// One call to the host, bounded by <see cref="ProvisioningModel.Timeout"/> and by the run's token even when the host
    /// ignores its token: the call is abandoned (a <see cref="TimeoutException"/>), its token cancelled, its late failure observed.
    /// </summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var callToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var task = call(callToken.Token);
        try
        {
            return await task.WaitAsync(_model.Timeout, _clock, cancellationToken).ConfigureAwait(false);
        }
        catch when (!task.IsCompleted)
        {
            await callToken.CancelAsync().ConfigureAwait(false);
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        // Exponential with full jitter in its upper half: orders that failed together do not retry together.
        var delay = _model.RetryDelay * Math.Pow(2, attempt - 1);
        delay = delay > _model.MaxRetryDelay ? _model.MaxRetryDelay : delay;
        return delay * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    /// <summary>Only the exception types the contracts name as a refusal mean that nothing was applied.</summary>
    private static bool IsRejection(Exception exception) => exception is ProvisioningRejectedException or KeyNotFoundException or ArgumentException;

    /// <summary>Failures worth retrying at once (after asking the host): time-outs and lost connections, ours or the host's.</summary>
    private static bool IsTransient(Exception exception) => exception is TransientProvisioningException or TimeoutException or HttpRequestException or IOException or TaskCanceledException;

    /// <summary>The type and message of a failure, for the journal (host messages carry no personal data by contract).</summary>
    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
