using System.Diagnostics;
using System.Globalization;
using HrConnector.Diagnostics;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using HrConnector.Jobs;

namespace HrConnector;

/// <summary>
/// The whole pipeline of a connector as one job: read → plan (diff and thresholds) → decide provisioning → stage the
/// orders → commit the resource store → release and dispatch the orders. In preview nothing is written. A run that
/// crashed or was cancelled is resumed by the next one: its orders are neither lost nor dispatched twice.
/// </summary>
/// <example>
/// <code>
/// var job = new SynchronizationJob(connector);
/// JobResult preview = await job.RunAsync(JobRequest.Preview);
/// JobResult result = await job.RunAsync(JobRequest.Apply);
/// Console.WriteLine(result.ToJson());
/// </code>
/// </example>
public sealed class SynchronizationJob
{
    private readonly Connector _connector;
    private readonly IResourceStore _store;
    private readonly IIdentityRepository _repository;
    private readonly IWorkflowLauncher _launcher;
    private readonly IProvisioningJournal _journal;
    private readonly TimeProvider _clock;
    private readonly IConnectorRunLock _runLock;
    private readonly IJobHistory _history;
    private readonly ILogger _logger;
    private readonly Synchronizer _synchronizer;
    private readonly IJobObserver[] _observers = [];
    private readonly TimeSpan _observerTimeout = DefaultObserverTimeout;

    /// <summary>Creates a job. Every dependency left out gets its in-memory default.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="store">The resource store; by default a new <see cref="InMemoryResourceStore"/>.</param>
    /// <param name="repository">The identity repository; by default a new <see cref="InMemoryIdentityRepository"/>.</param>
    /// <param name="launcher">The workflow launcher; by default a <see cref="RepositoryWorkflowLauncher"/> on <paramref name="repository"/>.</param>
    /// <param name="journal">The provisioning journal; by default a new <see cref="InMemoryProvisioningJournal"/>.</param>
    /// <param name="timeProvider">The clock; by default the system clock.</param>
    /// <param name="loggerFactory">The loggers; by default none.</param>
    /// <param name="runLock">The lock that allows one run per connector; by default <see cref="InMemoryConnectorRunLock.Shared"/>.</param>
    /// <param name="history">Where the results of runs are kept; by default a new <see cref="InMemoryJobHistory"/>.</param>
    public SynchronizationJob(
        Connector connector,
        IResourceStore? store = null,
        IIdentityRepository? repository = null,
        IWorkflowLauncher? launcher = null,
        IProvisioningJournal? journal = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IConnectorRunLock? runLock = null,
        IJobHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        _connector = connector;
        _store = store ?? new InMemoryResourceStore();
        _repository = repository ?? new InMemoryIdentityRepository();
        _launcher = launcher ?? new RepositoryWorkflowLauncher(_repository);
        _journal = journal ?? new InMemoryProvisioningJournal();
        _clock = timeProvider ?? TimeProvider.System;
        _runLock = runLock ?? InMemoryConnectorRunLock.Shared;
        _history = history ?? new InMemoryJobHistory();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("HrConnector.Jobs.SynchronizationJob");
        _synchronizer = new Synchronizer(connector.Model, _store, _clock);
    }

    /// <summary>Gets the connector.</summary>
    public Connector Connector => _connector;

    /// <summary>Gets where the results of runs are kept.</summary>
    public IJobHistory History => _history;

    /// <summary>The default of <see cref="ObserverTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultObserverTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets the observers called after every run that produced a result (see <see cref="IJobObserver"/>).</summary>
    /// <value>The default value is empty; <c>AddHrConnector</c> gives the registered <see cref="IJobObserver"/> services (a logging one by default).</value>
    public IReadOnlyList<IJobObserver> Observers
    {
        get => _observers;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _observers = [.. value];
        }
    }

    /// <summary>Gets how long each observer may take before it is left behind (its token is cancelled and the run returns).</summary>
    /// <value>The default value is <see cref="DefaultObserverTimeout"/>; it must be positive or <see cref="Timeout.InfiniteTimeSpan"/>.</value>
    public TimeSpan ObserverTimeout
    {
        get => _observerTimeout;
        init
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The observer timeout must be positive, or infinite.");
            }

            _observerTimeout = value;
        }
    }

    /// <summary>Gets the instruments the job counts on: those of the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> when dependency injection gives one.</summary>
    internal HrConnectorMetrics Metrics { get; init; } = HrConnectorMetrics.Default;

    /// <summary>Gets what a run works with.</summary>
    private JobServices Services => new(_connector.Model, _connector.Provisioning, _store, _repository, _launcher, _journal, _clock, _logger, _synchronizer, Metrics);

    /// <summary>
    /// Gets the review of the correlation cases of the connector (matches below the automatic threshold, or ambiguous
    /// ones): list them, then confirm or reject each; the next run acts on the decisions.
    /// </summary>
    /// <returns>The review, on the job's journal, identity repository, resource store and clock.</returns>
    /// <exception cref="CorrelationReviewException">The connector provisions nothing, or the journal keeps no decisions.</exception>
    public CorrelationReview GetCorrelationReview() => new(_connector.Identifier, _connector.Provisioning, _journal, _repository, _store, _clock);

    /// <summary>Gets a read-only view of the HR resources the resource store holds (what HR said at the last committed run).</summary>
    public ResourceBrowser Resources => new(_connector.Model, _store);

    /// <summary>Runs the job once.</summary>
    /// <param name="request">What to do; by default <see cref="JobRequest.Apply"/>.</param>
    /// <param name="progress">Receives the progress of each step, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run at the next step or order; what was written stays consistent and the next run resumes it.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ConnectorBusyException">Another run of the connector is in progress.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<JobResult> RunAsync(JobRequest? request = null, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        request ??= JobRequest.Apply;
        var handle = await _runLock.TryAcquireAsync(_connector.Identifier, cancellationToken).ConfigureAwait(false);
        if (handle is null)
        {
            JobLog.ConnectorBusy(_logger, _connector.Identifier);
            throw new ConnectorBusyException(_connector.Identifier);
        }

        JobResult result;
        await using (handle.ConfigureAwait(false))
        {
            result = await RunLockedAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }

        // Outside the lock: a slow observer does not hold the connector.
        await NotifyAsync(result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<JobResult> RunLockedAsync(JobRequest request, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new JobRun(Services, request, progress);
        using var activity = HrConnectorDiagnostics.ActivitySource.StartActivity("hrconnector.run");
        activity?.SetTag("hrconnector.connector", _connector.Identifier);
        var result = await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        if (!request.PreviewOnly)
        {
            await _history.AddAsync(result, CancellationToken.None).ConfigureAwait(false);
        }

        activity?.SetTag("hrconnector.run_id", result.RunId);
        activity?.SetTag("hrconnector.status", result.Status.ToString());
        var tags = new TagList { { "hrconnector.connector", _connector.Identifier }, { "hrconnector.status", result.Status.ToString() } };
        Metrics.Runs.Add(1, tags);
        Metrics.RunDuration.Record((result.FinishedAt - result.StartedAt).TotalSeconds, tags);
        return result;
    }

    /// <summary>Calls every observer at once, each bounded by <see cref="ObserverTimeout"/>; none can fail the run.</summary>
    private Task NotifyAsync(JobResult result, CancellationToken cancellationToken)
        => Observers.Count == 0 ? Task.CompletedTask : Task.WhenAll(Observers.Select(o => NotifyAsync(o, result, cancellationToken)));

    private async Task NotifyAsync(IJobObserver observer, JobResult result, CancellationToken cancellationToken)
    {
        using var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? call = null;
        try
        {
            // On the thread pool: an observer that blocks before its first await holds neither the others nor the run.
            token.CancelAfter(ObserverTimeout);
            call = Task.Run(() => observer.OnRunCompletedAsync(result, token.Token) ?? Task.CompletedTask, CancellationToken.None);

            // Bounded even when the observer ignores its token.
            await call.WaitAsync(ObserverTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException) when (call is { IsCompleted: false })
        {
            await token.CancelAsync().ConfigureAwait(false);
            JobLog.ObserverTimedOut(_logger, result.Connector, result.RunId, observer.GetType().Name, ObserverTimeout);
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (Exception exception)
        {
            JobLog.ObserverFailed(_logger, result.Connector, result.RunId, observer.GetType().Name, exception.GetType().Name);
        }
    }

    /// <summary>Compares the HR records of the resource store with the identity repository and lists the drift. Changes nothing.</summary>
    /// <param name="includeValues">Whether mismatches show both values (never for sensitive properties).</param>
    /// <param name="cancellationToken">Stops the comparison.</param>
    /// <returns>The report.</returns>
    /// <exception cref="HrConnectorException">The connector provisions nothing.</exception>
    public Task<ConsistencyReport> ReportAsync(bool includeValues = false, CancellationToken cancellationToken = default)
    {
        var model = _connector.Provisioning ?? throw new HrConnectorException($"The connector '{_connector.Identifier}' provisions nothing (no Provisioning settings): there is nothing to compare.");
        return ConsistencyReporter.ReportAsync(_connector.Model, model, _store, _repository, _journal, _clock, includeValues, cancellationToken);
    }

    /// <summary>
    /// Gives stuck orders (<see cref="OrderState.Stuck"/>: their retry budget is spent) one more chance: the next run
    /// issues them again if HR still asks for them; each failure after that makes them stuck again.
    /// </summary>
    /// <param name="orderIds">The orders to retry (<see cref="StuckOrder.OrderId"/>), or <see langword="null"/> for every stuck order of the connector.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The number of orders that will be retried.</returns>
    /// <exception cref="ConnectorBusyException">A run of the connector is in progress.</exception>
    public async Task<int> RetryAsync(IEnumerable<string>? orderIds = null, CancellationToken cancellationToken = default)
    {
        var wanted = orderIds?.ToHashSet(StringComparer.Ordinal);
        var handle = await _runLock.TryAcquireAsync(_connector.Identifier, cancellationToken).ConfigureAwait(false) ?? throw new ConnectorBusyException(_connector.Identifier);
        await using (handle.ConfigureAwait(false))
        {
            var batch = new JournalBatch(_connector.Identifier);
            await foreach (var entry in _journal.ReadAsync(_connector.Identifier, openOnly: true, cancellationToken).ConfigureAwait(false))
            {
                if (entry.State == OrderState.Stuck && (wanted is null || wanted.Contains(entry.Order.Id)))
                {
                    // An order in doubt goes back to the dispatcher, which asks the host before sending it again.
                    batch.Entries.Add(entry with { State = entry.InDoubt ? OrderState.Pending : OrderState.Errored, UpdatedAt = _clock.GetUtcNow() });
                }
            }

            if (!batch.IsEmpty)
            {
                await _journal.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            return batch.Entries.Count;
        }
    }
}
