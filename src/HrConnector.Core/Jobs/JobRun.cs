using System.Diagnostics;
using System.Globalization;
using HrConnector.Diagnostics;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HrConnector.Jobs;

/// <summary>One run: the steps in order, their timings and what the result needs.</summary>
internal sealed partial class JobRun
{
    private readonly JobServices _job;
    private readonly JobRequest _request;
    private readonly IProgress<JobProgress>? _progress;
    private readonly List<StepTiming> _steps = [];
    private readonly List<string> _messages = [];
    private readonly DateTimeOffset _startedAt;
    private readonly long _started;
    private SyncPlan? _plan;

    // The encoding each entity type's file was read with, by entity type identifier.
    private readonly Dictionary<string, string> _encodings = new(StringComparer.OrdinalIgnoreCase);
    private ProvisioningDecision? _decision;
    private DispatchSummary? _dispatch;
    private DispatchSummary? _settled;
    private Dictionary<string, IdentityLink>? _links;
    private IReadOnlyList<OrderThresholdBreach> _orderBreaches = [];
    private Dictionary<OrderKind, int>? _orderCounts;
    private List<ProvisioningOrder>? _listedOrders;
    private string _runId = string.Empty;
    private List<PlanInput>? _inputs;
    private PlanBasis? _basis;
    private PlannedOrders? _plannedOrders;

    public JobRun(JobServices job, JobRequest request, IProgress<JobProgress>? progress)
    {
        _job = job;
        _request = request;
        _progress = progress;
        _startedAt = job.Clock.GetUtcNow();
        _started = job.Clock.GetTimestamp();
    }

    private string Connector => _job.Connector.Identifier;

    private ProvisioningModel? Model => _job.Provisioning;

    public async Task<JobResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!_request.PreviewOnly && Model is not null)
        {
            await StepAsync(JobStep.Resume, ResumeAsync, cancellationToken).ConfigureAwait(false);
        }

        List<MappingResult>? snapshot = null;
        List<string> failures = [];
        await StepAsync(JobStep.Read, async ct =>
        {
            if (_request.Snapshot is { } given)
            {
                snapshot = [.. given];
            }
            else
            {
                (snapshot, failures) = await _job.Synchronizer.ReadAsync(_request.Mode, _request.ReadOptions, ct).ConfigureAwait(false);
            }

            // A preview and an approved run hash the files they read: the basis on which a plan is approved.
            if (failures.Count == 0 && (_request.PreviewOnly || _request.Approval is not null))
            {
                var read = snapshot!;
                _inputs = await Task.Run(() => PlanBases.Inputs(read, ct), ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        foreach (var read in snapshot ?? [])
        {
            _encodings[read.EntityType.Identifier] = read.Encoding.WebName;
        }

        await StepAsync(JobStep.Plan, async ct =>
        {
            _plan = failures.Count > 0
                ? await _job.Synchronizer.FailedAsync(_request.Mode, failures, ct).ConfigureAwait(false)
                : await _job.Synchronizer.PlanAsync(snapshot!, _request.Mode, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var plan = _plan!;
        _runId = plan.RunId;
        JobLog.RunStarted(_job.Logger, Connector, _runId, _request.Mode, _request.PreviewOnly, _request.Force);
        _messages.AddRange(plan.Reasons);
        if (plan.Status == PlanStatus.Failed)
        {
            JobLog.RunFailed(_job.Logger, Connector, _runId, "Plan");
            return Finish(JobStatus.Failed);
        }

        // A preview goes on past a block so that the reviewer sees the orders; an approved plan is checked below.
        var blocked = plan.Status == PlanStatus.Blocked && _request.Approval is null && !Accepts(plan);
        if (blocked && !_request.PreviewOnly)
        {
            ExplainFirstLoad(plan);
            JobLog.RunBlocked(_job.Logger, Connector, _runId, plan.Reasons.Count);
            return Finish(JobStatus.Blocked);
        }

        if (Model is { } model)
        {
            await StepAsync(JobStep.Provision, ct => DecideAsync(model, plan, ct), cancellationToken).ConfigureAwait(false);

            // The orders for review, in the result and in the plan's JSON (plan.json): all counted, the first ones listed.
            var planned = PlannedOrders.Of(model.EntityType.Identifier, _decision!.Orders, JobResult.MaxListedOrders, model.GetIdentitySource);
            _plannedOrders = planned;
            plan.WriteAttachments = (writer, includeSensitiveValues) => PlannedOrdersJson.Write(writer, planned, includeSensitiveValues);
            _orderBreaches = OrderThresholds.Check(model, _job.Connector.Thresholds, _decision!, plan.Mode);
            foreach (var breach in _orderBreaches)
            {
                JobLog.OrderThresholdExceeded(_job.Logger, Connector, _runId, (int)breach.Count, breach.Kind, breach.Limit, breach.Setting);
                _messages.Add(string.Create(CultureInfo.InvariantCulture, $"{breach.EntityType}: {breach.Count} {breach.Kind} orders exceed the threshold of {breach.Limit} ({breach.Setting}). Review the orders, then accept them if they are right (--accept {AcceptName(Covering(breach.Kind))})."));
            }

            blocked |= _request.Approval is null && _orderBreaches.Any(b => !_request.Accepted.HasFlag(Covering(b.Kind)));
        }

        if (_inputs is not null)
        {
            _basis = new PlanBasis
            {
                BaseRunId = plan.BaseRunId,
                Definition = _job.Connector.DefinitionHash,
                Inputs = _inputs,
                Digest = PlanBases.Digest(plan, _decision?.Orders ?? [], _decision?.Cancelled ?? []),
            };
            plan.Basis = _basis;
            if (_request.Approval is { } approval && PlanBases.Difference(approval.Basis, _basis) is { } difference)
            {
                _messages.Add(difference);
                JobLog.RunFailed(_job.Logger, Connector, _runId, "Approval");
                return Finish(JobStatus.Failed);
            }
        }

        if (blocked)
        {
            ExplainFirstLoad(plan);
            JobLog.RunBlocked(_job.Logger, Connector, _runId, plan.Reasons.Count + _orderBreaches.Count);
            return Finish(JobStatus.Blocked);
        }

        if (_request.PreviewOnly)
        {
            return Finish(Verdict());
        }

        if (_decision is { } staging)
        {
            await StepAsync(JobStep.Stage, ct => _job.Journal.StageAsync(Connector, _runId, staging.Orders, staging.Cancelled, ct), cancellationToken).ConfigureAwait(false);

            // Staged, the orders are the journal's: the run keeps their counts and the first ones for its result, so
            // that a first load does not dispatch a million orders with a million more held in memory.
            KeepOrderCounts();
            _decision = staging with { Orders = [] };
        }

        try
        {
            await StepAsync(JobStep.Commit, ct => _job.Synchronizer.ApplyAsync(plan, force: true, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceStoreConcurrencyException exception)
        {
            if (_decision is not null)
            {
                await _job.Journal.DiscardAsync(Connector, _runId, CancellationToken.None).ConfigureAwait(false);
            }

            _messages.Add(exception.Message);
            JobLog.RunFailed(_job.Logger, Connector, _runId, "Commit");
            return Finish(JobStatus.Failed);
        }

        CountChanges(plan);
        if (_decision is { } decision)
        {
            // The commit happened: from here on the orders must reach the host, in this run or the next.
            await StepAsync(JobStep.Release, async _ =>
            {
                await _job.Journal.ReleaseAsync(Connector, _runId, CancellationToken.None).ConfigureAwait(false);
                await WriteRefreshedLinksAsync(decision).ConfigureAwait(false);
                if (_job.Journal is ICorrelationJournal review)
                {
                    // The cases of this run replace the last run's: a record gone from HR or decided is no longer listed.
                    await review.ReplaceCasesAsync(Connector, Model!.EntityType.Identifier, decision.Review, CancellationToken.None).ConfigureAwait(false);
                }
            }, CancellationToken.None).ConfigureAwait(false);
            await StepAsync(JobStep.Dispatch, async ct =>
            {
                var dispatcher = new Dispatcher(Connector, Model!, _job.Repository, _job.Launcher, _job.Journal, _job.Clock, _job.Logger) { Metrics = _job.Metrics };
                _dispatch = await dispatcher.DispatchAsync(_runId, _links, _progress, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (!_dispatch!.StoppedByErrors && decision.PendingKeys.Count > 0 && _dispatch.Executed > 0)
            {
                await StepAsync(JobStep.References, FollowUpAsync, cancellationToken).ConfigureAwait(false);
            }

            if (_dispatch!.StoppedByErrors)
            {
                JobLog.RunFailed(_job.Logger, Connector, _runId, "Dispatch");
                _messages.Add($"Dispatch stopped after {_dispatch.Errored} failed orders (MaxErrors {Model!.MaxErrors}); the other orders wait for the next run.");
                return Finish(JobStatus.Failed);
            }
        }

        return Finish(Verdict());
    }

    private async Task StepAsync(JobStep name, Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = HrConnectorDiagnostics.ActivitySource.StartActivity("hrconnector." + name.ToString().ToLowerInvariant());
        _progress?.Report(new JobProgress(name, 0, null));
        var started = _job.Clock.GetTimestamp();
        try
        {
            await step(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _steps.Add(new StepTiming(name, _job.Clock.GetElapsedTime(started)));
        }
    }

    private JobStatus Verdict()
    {
        var plan = _plan!;
        var warnings = plan.RejectCount > 0
            || plan.EntityTypes.Any(e => e.DanglingReferences.Count > 0)
            || plan.Status == PlanStatus.Blocked
            || _orderBreaches.Count > 0
            || _decision is { Review.Count: > 0 } or { Warnings.Count: > 0 } or { Stuck.Count: > 0 }
            || _dispatch is { Errored: > 0 } or { InDoubt: > 0 } or { Stuck: > 0 }
            || _settled is { Errored: > 0 } or { Stuck: > 0 };
        return warnings ? JobStatus.SucceededWithWarnings : JobStatus.Succeeded;
    }

    private JobResult Finish(JobStatus status)
    {
        var plan = _plan!;
        var provisioning = _decision is null ? null : new ProvisioningSummary
        {
            Orders = _orderCounts ?? CountOrders(_decision.Orders),
            Situations = _decision.Situations,
            Review = _decision.Review,
            Deferred = _decision.Deferred,
            Scheduled = _decision.ScheduledDeletes,
            Cancelled = _decision.Cancelled.Count,
            Dispatched = _dispatch?.Dispatched ?? 0,
            Resumed = _dispatch?.Resumed ?? 0,
            Executed = (_dispatch?.Executed ?? 0) + (_settled?.Executed ?? 0),
            Transmitted = _dispatch?.Transmitted ?? 0,
            Errored = (_dispatch?.Errored ?? 0) + (_settled?.Errored ?? 0),
            Retries = _dispatch?.Retries ?? 0,
            Verified = _dispatch?.Verified ?? 0,
            Waiting = (_dispatch?.Waiting ?? 0) + _decision.Waiting,
            InDoubt = _dispatch?.InDoubt ?? 0,
            Stuck = [.. _decision.Stuck.Select(e => new StuckOrder(e.Order.Id, e.Order.EntityType, e.Order.ResourceKey, e.Order.Kind, e.Failures, e.Attempts, e.Error))],
            Breaches = _orderBreaches,
        };
        var result = new JobResult
        {
            Connector = Connector,
            RunId = _runId,
            Mode = _request.Mode,
            Preview = _request.PreviewOnly,
            Forced = status != JobStatus.Blocked && (plan.Status == PlanStatus.Blocked || _orderBreaches.Count > 0),
            Basis = _basis,
            Approval = _request.Approval,
            Status = status,
            Messages = [.. _messages],
            StartedAt = _startedAt,
            FinishedAt = _startedAt + _job.Clock.GetElapsedTime(_started),
            EntityTypes = [.. plan.EntityTypes.Select(e => new EntityTypeCounts(e.EntityType.Identifier, e.RowCount, e.Inserts.Count, e.Updates.Count, e.Deletes.Count, e.UnchangedCount, e.RejectedRowCount, e.KeptKeys.Count) { Encoding = _encodings.GetValueOrDefault(e.EntityType.Identifier) })],
            Breaches = [.. plan.EntityTypes.SelectMany(e => e.Breaches)],
            Rejects = [.. plan.EntityTypes.SelectMany(e => e.Rejects)],
            Provisioning = provisioning,
            Steps = [.. _steps],
            Plan = plan,
            PlannedOrders = _plannedOrders,
            Orders = _listedOrders ?? (_decision is null ? [] : [.. _decision.Orders.Take(JobResult.MaxListedOrders)]),
        };
        JobLog.RunEnded(_job.Logger, Connector, _runId, status, (long)(result.FinishedAt - result.StartedAt).TotalMilliseconds, plan.InsertCount, plan.UpdateCount, plan.DeleteCount, plan.RejectCount, provisioning?.Orders.Values.Sum() ?? 0);
        return result;
    }
}
