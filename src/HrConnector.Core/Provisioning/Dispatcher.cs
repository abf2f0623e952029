using System.Net.Http;
using HrConnector.Diagnostics;
using HrConnector.Jobs;
using Microsoft.Extensions.Logging;
using HrConnector.Modeling;

namespace HrConnector.Provisioning;

/// <summary>
/// Sends the open orders of the journal to the repository or to the workflow launcher, oldest first and one at a time
/// per identity, in chunks: the attempts of a chunk are recorded in one journal batch before any call (so after a crash
/// every order of the chunk is in doubt: the host is asked first, and no later run replaces it); the calls are made (one
/// batch call when the repository is an <see cref="IBatchIdentityRepository"/>); the outcomes are recorded in one more
/// batch. Every host
/// call has a time-out and honours the run's token; whatever one order's call throws stays with that order.
/// </summary>
internal sealed class Dispatcher
{
    /// <summary>Orders per chunk: two journal transactions per chunk instead of three per order.</summary>
    internal const int ChunkSize = 1_000;

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

    /// <summary>Gets the instruments the dispatch counts on.</summary>
    public HrConnectorMetrics Metrics { get; init; } = HrConnectorMetrics.Default;

    /// <summary>Where one order stands after this run's call.</summary>
    private enum Outcome
    {
        /// <summary>Applied (a workflow completed): the link follows.</summary>
        Completed,

        /// <summary>The workflow runs.</summary>
        Running,

        /// <summary>The host refused it; nothing was applied.</summary>
        Rejected,

        /// <summary>The call did not answer: it may have taken effect.</summary>
        InDoubt,
    }

    /// <summary>
    /// Polls the workflows of earlier runs before a run decides anything, so that what they did (an onboarding that
    /// completed, one that was refused) is known to this run's comparison rather than the next one's.
    /// </summary>
    public Task<DispatchSummary> SettleAsync(CancellationToken cancellationToken) => DispatchAsync(null, null, null, cancellationToken);

    /// <summary>
    /// Verifies, then dispatches the open orders, streaming the journal: a chunk is sent as soon as it is read, so that
    /// memory holds one chunk of orders, not a million. With no <paramref name="runId"/>, only polls the transmitted
    /// ones (<see cref="SettleAsync"/>).
    /// </summary>
    /// <param name="runId">The run, or <see langword="null"/> to settle.</param>
    /// <param name="links">The links as the run knows them (kept up to date here), or <see langword="null"/> to read them.</param>
    /// <param name="progress">Receives the progress.</param>
    /// <param name="cancellationToken">Stops the dispatch between two chunks or two orders.</param>
    public async Task<DispatchSummary> DispatchAsync(string? runId, Dictionary<string, IdentityLink>? links, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var summary = new DispatchSummary();

        // Read only when an order needs them: a run's settling usually finds no workflow to poll, and reading a million
        // links for nothing cost seconds at every run start.
        async Task<Dictionary<string, IdentityLink>> LinksAsync()
            => links ??= await JournalReads.LinksAsync(_journal, _connector, _model.EntityType.Identifier, cancellationToken).ConfigureAwait(false);
        var identities = new IdentityReader(_repository);

        // One order at a time per identity: the first open one of each record goes; the others wait for a later run.
        var now = _clock.GetUtcNow();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var chunk = new List<JournalEntry>(ChunkSize);
        var toVerify = new List<JournalEntry>(ChunkSize);
        var done = 0;
        await foreach (var entry in _journal.ReadAsync(_connector, openOnly: true, cancellationToken).ConfigureAwait(false))
        {
            if (runId is null)
            {
                if (entry.State == OrderState.Transmitted && taken.Add(entry.Order.ResourceKey))
                {
                    chunk.Add(entry);
                }
            }
            else if (entry.State == OrderState.Executed)
            {
                if (!string.Equals(entry.Order.RunId, runId, StringComparison.Ordinal))
                {
                    toVerify.Add(entry);
                }
            }
            else if (entry.IsOpen && entry.State != OrderState.Staged)
            {
                if (!string.Equals(entry.Order.RunId, runId, StringComparison.Ordinal))
                {
                    summary.Resumed++;
                }

                if ((entry.State == OrderState.Scheduled && entry.Order.NotBefore > now) || !taken.Add(entry.Order.ResourceKey) || summary.StoppedByErrors)
                {
                    summary.Waiting++;
                    taken.Add(entry.Order.ResourceKey);
                }
                else
                {
                    chunk.Add(entry);
                }
            }

            if (toVerify.Count >= ChunkSize)
            {
                await VerifyAsync(toVerify, await LinksAsync().ConfigureAwait(false), identities, summary, cancellationToken).ConfigureAwait(false);
                toVerify.Clear();
            }

            if (chunk.Count >= ChunkSize)
            {
                await DispatchChunkAsync(chunk, await LinksAsync().ConfigureAwait(false), summary, cancellationToken).ConfigureAwait(false);
                done += chunk.Count;
                chunk.Clear();
                progress?.Report(new JobProgress(JobStep.Dispatch, done, null));
            }
        }

        if (toVerify.Count > 0)
        {
            await VerifyAsync(toVerify, await LinksAsync().ConfigureAwait(false), identities, summary, cancellationToken).ConfigureAwait(false);
        }

        if (chunk.Count > 0)
        {
            await DispatchChunkAsync(chunk, await LinksAsync().ConfigureAwait(false), summary, cancellationToken).ConfigureAwait(false);
            done += chunk.Count;
        }

        progress?.Report(new JobProgress(JobStep.Dispatch, done, done));
        return summary;
    }

    private async Task DispatchChunkAsync(List<JournalEntry> chunk, Dictionary<string, IdentityLink> links, DispatchSummary summary, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (summary.StoppedByErrors)
        {
            summary.Waiting += chunk.Count;
            return;
        }

        // 1. Every attempt is recorded, in doubt, before any call.
        var attempts = new JournalBatch(_connector);
        var sends = new List<JournalEntry>();
        var unsent = new List<JournalEntry>();
        var originals = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        var polls = new List<JournalEntry>();
        var refused = new List<(JournalEntry Entry, Outcome Outcome, string? IdentityId, string? Error)>();
        foreach (var original in chunk)
        {
            var entry = original.State == OrderState.Scheduled ? original with { State = OrderState.Pending } : original;
            if (entry.State == OrderState.Transmitted)
            {
                polls.Add(entry);
                continue;
            }

            var order = entry.Order;
            if (_model.MissingGenerated(order) is { } missing)
            {
                // Never sent: an identity without its login or address is worse than none. Failed like a refusal, so
                // that it is decided again at the next run, and stuck once its budget of failures is spent.
                refused.Add((entry, Outcome.Rejected, null, $"No candidate of the generated identity property '{missing}' was free when the order was decided (each was empty, held by an identity or claimed by another joiner): nothing was sent to the host. Add a template or raise MaxN; the next run generates it again."));
                continue;
            }

            if (order.IdentityId is null && order.Kind != OrderKind.Added)
            {
                if (!links.TryGetValue(order.ResourceKey, out var link) || link.State == IdentityState.Deleted)
                {
                    summary.Waiting++;
                    continue;
                }

                order = order.WithIdentity(link.IdentityId);
            }

            originals[order.Id] = entry;
            entry = entry with { Order = order, Attempts = entry.Attempts + 1, InDoubt = true, UpdatedAt = _clock.GetUtcNow() };
            attempts.Entries.Add(entry);
            sends.Add(entry);
        }

        // Recorded even before an idempotent repository call: a later run must know the order may have taken effect, or
        // it would replace it (HR changed meanwhile) by another order and create the identity twice.
        if (!attempts.IsEmpty)
        {
            await _journal.WriteAsync(attempts, cancellationToken).ConfigureAwait(false);
        }

        // 2. The calls.
        var outcomes = new List<(JournalEntry Entry, Outcome Outcome, string? IdentityId, string? Error)>(chunk.Count);
        outcomes.AddRange(refused);
        if (_model.Target == ProvisioningTarget.Repository && _repository is IBatchIdentityRepository batch && sends.Count > 1)
        {
            await SendBatchAsync(batch, sends, outcomes, summary, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var entry in sends)
            {
                if (TooManyErrors(summary, outcomes))
                {
                    // Not sent after all: the attempt recorded for it is taken back.
                    unsent.Add(entry with { Attempts = entry.Attempts - 1, InDoubt = originals[entry.Order.Id].InDoubt });
                    continue;
                }

                outcomes.Add(await SendAsync(entry, summary, cancellationToken).ConfigureAwait(false));
            }
        }

        foreach (var entry in polls)
        {
            if (TooManyErrors(summary, outcomes))
            {
                summary.Waiting++;
                continue;
            }

            outcomes.Add(await PollAsync(entry, summary, cancellationToken).ConfigureAwait(false));
        }

        // 3. The outcomes, and the links they make, in one batch.
        var results = new JournalBatch(_connector);
        foreach (var (entry, outcome, identityId, error) in outcomes)
        {
            Record(results, entry, outcome, identityId, error, links, summary);
        }

        foreach (var entry in unsent)
        {
            results.Entries.Add(entry);
            summary.Waiting++;
        }

        if (!results.IsEmpty)
        {
            await _journal.WriteAsync(results, CancellationToken.None).ConfigureAwait(false);
        }

        if (_model.MaxErrors > 0 && summary.Errored >= _model.MaxErrors && !summary.StoppedByErrors)
        {
            summary.StoppedByErrors = true;
            ProvisioningLog.DispatchStopped(_logger, _connector, summary.Errored);
        }
    }

    /// <summary>Whether the failures so far (recorded, and in this chunk) reach <see cref="ProvisioningOptions.MaxErrors"/>: the other orders wait for the next run.</summary>
    private bool TooManyErrors(DispatchSummary summary, List<(JournalEntry Entry, Outcome Outcome, string? IdentityId, string? Error)> outcomes)
        => _model.MaxErrors > 0 && summary.Errored + outcomes.Count(o => o.Outcome is Outcome.Rejected or Outcome.InDoubt) >= _model.MaxErrors;

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

    /// <summary>Writes what happened to one order into the batch of results.</summary>
    private void Record(JournalBatch results, JournalEntry entry, Outcome outcome, string? identityId, string? error, Dictionary<string, IdentityLink> links, DispatchSummary summary)
    {
        var now = _clock.GetUtcNow();
        var order = entry.Order;
        var budget = _model.MaxFailures * Math.Max(1, _model.MaxAttempts);
        switch (outcome)
        {
            case Outcome.Completed:
                Complete(results, entry, identityId!, links, now);
                summary.Executed++;
                Metrics.OrdersExecuted.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", order.Kind.ToString()));
                ProvisioningLog.OrderExecuted(_logger, order.Id, order.Kind);
                break;
            case Outcome.Running:
                var stuck = error is not null && entry.Attempts >= budget;
                results.Entries.Add(entry with { State = stuck ? OrderState.Stuck : OrderState.Transmitted, InDoubt = error is not null, Error = error, UpdatedAt = now });
                if (error is not null)
                {
                    // The status could not be read: the workflow's outcome is unknown, which the run reports.
                    summary.InDoubt++;
                }

                if (stuck)
                {
                    summary.Stuck++;
                }

                break;
            case Outcome.Rejected:
                var failures = entry.Failures + 1;
                var state = failures >= _model.MaxFailures ? OrderState.Stuck : OrderState.Errored;
                results.Entries.Add(entry with { State = state, Failures = failures, InDoubt = false, Error = error, Handle = null, UpdatedAt = now });
                Failed(order, entry.Attempts, summary, state);
                break;
            case Outcome.InDoubt:
                // Still open: the next attempt asks the host first. Spent attempts make it stuck (reported).
                var spent = entry.Attempts >= budget;
                results.Entries.Add(entry with { State = spent ? OrderState.Stuck : OrderState.Pending, InDoubt = true, Error = error, UpdatedAt = now });
                summary.InDoubt++;
                Failed(order, entry.Attempts, summary, spent ? OrderState.Stuck : OrderState.Pending);
                break;
        }
    }

    private void Failed(ProvisioningOrder order, int attempts, DispatchSummary summary, OrderState state)
    {
        summary.Errored++;
        if (state == OrderState.Stuck)
        {
            summary.Stuck++;
        }

        Metrics.OrdersErrored.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", order.Kind.ToString()));
        ProvisioningLog.OrderFailed(_logger, order.Id, order.Kind, attempts);
    }

    private void Complete(JournalBatch results, JournalEntry entry, string identityId, Dictionary<string, IdentityLink> links, DateTimeOffset now)
    {
        var order = entry.Order;
        var entityType = _model.EntityType.Identifier;
        var previous = links.GetValueOrDefault(order.ResourceKey);
        var generation = (previous?.Generation ?? 0) + 1;
        var applied = order.Desired ?? previous?.Applied;
        IdentityLink link = order.Kind switch
        {
            // A suspension is no leave: the delay of DeleteAfterDays starts only if the person leaves.
            OrderKind.Deactivated => new IdentityLink(entityType, order.ResourceKey, identityId, IdentityState.Inactive, applied, generation, order.Reason == OrderReason.Suspension ? null : now),
            OrderKind.Deleted => new IdentityLink(entityType, order.ResourceKey, identityId, IdentityState.Deleted, applied, generation, now),
            _ => new IdentityLink(entityType, order.ResourceKey, identityId, IdentityState.Active, applied, generation),
        };
        results.Links.Add(link);

        // One order per record and run: nothing later in this run needs the link, and a first load would otherwise
        // grow a million links in memory while it dispatches (their garbage collections cost a quarter of the run).
        links.Remove(order.ResourceKey);
        // Written straight to the repository, an order is verified by the repository's own answer: only a workflow's
        // "completed" is checked by a later run against the identity (a million first-load orders verified one by one
        // cost more than the daily run itself).
        var state = _model.Target == ProvisioningTarget.Repository ? OrderState.Verified : OrderState.Executed;
        results.Entries.Add(entry with { Order = order.IdentityId is null ? order.WithIdentity(identityId) : order, State = state, InDoubt = false, Error = null, UpdatedAt = now });
    }

    /// <summary>Orders executed by earlier runs whose effect a later run sees on the identity become verified, without the values they no longer need; a failure to read stays with its order.</summary>
    private async Task VerifyAsync(List<JournalEntry> toVerify, Dictionary<string, IdentityLink> links, IdentityReader identities, DispatchSummary summary, CancellationToken cancellationToken)
    {
        var batch = new JournalBatch(_connector);
        foreach (var entry in toVerify)
        {
            try
            {
                if (await IsVisibleAsync(entry.Order, links, identities, cancellationToken).ConfigureAwait(false))
                {
                    // The journal drops what a verified order no longer needs (its values).
                    batch.Entries.Add(entry with { State = OrderState.Verified, UpdatedAt = _clock.GetUtcNow() });
                    summary.Verified++;
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                ProvisioningLog.VerificationFailed(_logger, _connector, exception.GetType().Name);
            }
        }

        if (!batch.IsEmpty)
        {
            await _journal.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a later run sees what an executed order did on its identity.</summary>
    private async Task<bool> IsVisibleAsync(ProvisioningOrder order, Dictionary<string, IdentityLink> links, IdentityReader identities, CancellationToken cancellationToken)
    {
        var identityId = order.IdentityId ?? links.GetValueOrDefault(order.ResourceKey)?.IdentityId;
        var identity = identityId is null ? null : await CallAsync(ct => identities.GetAsync(identityId, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        return order.Kind switch
        {
            OrderKind.Deleted => identity is null,
            OrderKind.Deactivated => identity?.State == IdentityState.Inactive,
            _ => identity is { State: IdentityState.Active } && order.Changes.All(c => IdentityValues.AreEqual(identity.GetValue(c.Property), c.NewValue)),
        };
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

    private void CountDispatched(ProvisioningOrder order)
        => Metrics.OrdersDispatched.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", order.Kind.ToString()));

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
