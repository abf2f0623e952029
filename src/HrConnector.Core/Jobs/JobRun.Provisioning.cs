using System.Globalization;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Jobs;

/// <summary>The provisioning steps of a run: resume what an earlier run staged, settle the workflows, decide, and the follow-up pass of references.</summary>
internal sealed partial class JobRun
{
    /// <summary>
    /// The follow-up of a dispatch that created identities: the records whose references were pending get the orders
    /// that set them (a manager who joined with their reports), staged, released and dispatched in this run. They are
    /// consequences of orders already decided (and reviewed), so no threshold applies; they count in the run's orders.
    /// </summary>
    private async Task FollowUpAsync(CancellationToken cancellationToken)
    {
        var model = Model!;
        var links = await JournalReads.LinksAsync(_job.Journal, Connector, model.EntityType.Identifier, cancellationToken).ConfigureAwait(false);
        var open = await JournalReads.OpenEntriesAsync(_job.Journal, Connector, cancellationToken).ConfigureAwait(false);
        var provisioner = new Provisioner(_job.Connector, model, _job.Store, _job.Repository, _job.Clock);
        var pending = _decision!.PendingKeys;
        var followUp = await provisioner.FollowUpAsync(_runId, pending, links, open, cancellationToken).ConfigureAwait(false);
        await WriteRefreshedLinksAsync(followUp).ConfigureAwait(false);

        // The warning of the decision counted every pending reference; what is left pending is what it says now.
        var entityType = model.EntityType.Identifier;
        var before = Provisioner.PendingMessage(entityType, pending, _ => false);
        var after = Provisioner.PendingMessage(entityType, pending, target => links.TryGetValue(target, out var link) && link.State != IdentityState.Deleted);
        if (before is not null && !string.Equals(before, after, StringComparison.Ordinal))
        {
            var index = _messages.IndexOf(before);
            var warnings = _decision.Warnings.Where(w => !string.Equals(w, before, StringComparison.Ordinal)).ToList();
            if (index >= 0)
            {
                _messages.RemoveAt(index);
            }

            if (after is not null)
            {
                _messages.Insert(Math.Max(index, 0), after);
                warnings.Add(after);
            }

            _decision = _decision with { Warnings = warnings };
        }

        if (followUp.Orders.Count == 0)
        {
            return;
        }

        await _job.Journal.StageAsync(Connector, _runId, followUp.Orders, [], cancellationToken).ConfigureAwait(false);
        await _job.Journal.ReleaseAsync(Connector, _runId, CancellationToken.None).ConfigureAwait(false);
        foreach (var order in followUp.Orders)
        {
            _orderCounts![order.Kind]++;
            if (_listedOrders!.Count < JobResult.MaxListedOrders)
            {
                _listedOrders.Add(order);
            }
        }

        var dispatcher = new Dispatcher(Connector, model, _job.Repository, _job.Launcher, _job.Journal, _job.Clock, _job.Logger) { Metrics = _job.Metrics };
        _dispatch = _dispatch!.Then(await dispatcher.DispatchAsync(_runId, links, _progress, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Settles the orders a run staged before it stopped: released when its commit happened, discarded otherwise.</summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var journal = _job.Journal;
        if (await journal.GetStagedRunAsync(Connector, cancellationToken).ConfigureAwait(false) is { } staged)
        {
            await ResolveStagedAsync(staged, cancellationToken).ConfigureAwait(false);
        }

        // What the workflows of earlier runs did is learnt before this run compares desired and applied.
        var dispatcher = new Dispatcher(Connector, Model!, _job.Repository, _job.Launcher, journal, _job.Clock, _job.Logger) { Metrics = _job.Metrics };
        _settled = await dispatcher.SettleAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ResolveStagedAsync(string staged, CancellationToken cancellationToken)
    {
        var journal = _job.Journal;

        var committed = string.Equals(await _job.Store.GetLastRunIdAsync(Connector, cancellationToken).ConfigureAwait(false), staged, StringComparison.Ordinal);
        if (committed)
        {
            await journal.ReleaseAsync(Connector, staged, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await journal.DiscardAsync(Connector, staged, cancellationToken).ConfigureAwait(false);
        }

        JobLog.StagedRunResolved(_job.Logger, Connector, staged, committed ? "released" : "discarded");
    }

    /// <summary>Learns what the workflows of earlier runs did, before this run compares desired and applied.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var dispatcher = new Dispatcher(Connector, Model!, _job.Repository, _job.Launcher, _job.Journal, _job.Clock, _job.Logger) { Metrics = _job.Metrics };
        _settled = await dispatcher.SettleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links brought up to date without an order (values HR changed that are not provisioned, a delete delay that starts now), in batches.</summary>
    private async Task WriteRefreshedLinksAsync(ProvisioningDecision decision)
    {
        var batch = new JournalBatch(Connector);
        foreach (var link in decision.RefreshedLinks)
        {
            batch.Links.Add(link);
            if (_links is not null)
            {
                _links[link.ResourceKey] = link;
            }

            if (batch.Links.Count >= Dispatcher.ChunkSize)
            {
                await _job.Journal.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                batch = new JournalBatch(Connector);
            }
        }

        if (!batch.IsEmpty)
        {
            await _job.Journal.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task DecideAsync(ProvisioningModel model, SyncPlan plan, CancellationToken cancellationToken)
    {
        var links = await JournalReads.LinksAsync(_job.Journal, Connector, model.EntityType.Identifier, cancellationToken).ConfigureAwait(false);
        _links = links;
        var open = await JournalReads.OpenEntriesAsync(_job.Journal, Connector, cancellationToken).ConfigureAwait(false);

        var provisioner = new Provisioner(_job.Connector, model, _job.Store, _job.Repository, _job.Clock)
        {
            Decisions = await CorrelationReview.ReadAsync(_job.Journal, Connector, model.EntityType.Identifier, cancellationToken).ConfigureAwait(false),
        };
        _decision = await provisioner.DecideAsync(plan, links, open, _progress, cancellationToken).ConfigureAwait(false);
        _messages.AddRange(_decision.Warnings);
        if (_decision.Stuck.Count > 0)
        {
            JobLog.OrdersStuck(_job.Logger, Connector, _decision.Stuck.Count);
            _messages.Add(string.Create(CultureInfo.InvariantCulture, $"{_decision.Stuck.Count} orders are stuck (their retry budget is spent): see Provisioning.Stuck, then retry them."));
        }
    }
}
