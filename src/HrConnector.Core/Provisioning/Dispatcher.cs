using System.Net.Http;
using HrConnector.Diagnostics;
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
internal sealed partial class Dispatcher
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

    private void CountDispatched(ProvisioningOrder order)
        => Metrics.OrdersDispatched.Add(1, new("hrconnector.connector", _connector), new("hrconnector.order_kind", order.Kind.ToString()));
}
