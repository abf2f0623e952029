using System.Net.Http;
using HrConnector.Diagnostics;
using HrConnector.Modeling;
using Microsoft.Extensions.Logging;

namespace HrConnector.Provisioning;

// What the host answered, recorded: executed, refused, in doubt, failed for good; the links of completed orders; the
// verification that an order in doubt or transmitted took effect.
internal sealed partial class Dispatcher
{
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
}
