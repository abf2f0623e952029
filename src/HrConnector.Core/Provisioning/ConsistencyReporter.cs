using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>Computes a <see cref="ConsistencyReport"/>: reads the store, the links and the repository; writes nothing.</summary>
internal static class ConsistencyReporter
{
    public static async Task<ConsistencyReport> ReportAsync(ConnectorModel connector, ProvisioningModel model, IResourceStore store, IIdentityRepository repository, IProvisioningJournal journal, TimeProvider clock, bool includeValues, CancellationToken cancellationToken)
    {
        var entityType = model.EntityType;
        var links = new Dictionary<string, IdentityLink>(StringComparer.Ordinal);
        var linkedIdentities = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var link in journal.ReadLinksAsync(connector.Identifier, cancellationToken).ConfigureAwait(false))
        {
            if (link.State == IdentityState.Deleted)
            {
                continue;
            }

            if (string.Equals(link.EntityType, entityType.Identifier, StringComparison.OrdinalIgnoreCase))
            {
                links[link.ResourceKey] = link;
            }

            linkedIdentities.Add(link.IdentityId);
        }

        var contracts = await ContractIndex.ReadAsync(connector, model, store, null, cancellationToken).ConfigureAwait(false);
        var references = References.Of(model, links);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var drifts = new List<Drift>();
        var inHr = new HashSet<string>(StringComparer.Ordinal);
        long records = 0, linked = 0;
        await foreach (var stored in store.ReadAsync(connector.Identifier, entityType.Identifier, cancellationToken).ConfigureAwait(false))
        {
            records++;
            if (model.Scope is { } scope && !scope.Contains(stored.Payload.Span, today))
            {
                // Out of scope: no identity wanted, so none missing and no value to compare; a linked one still
                // active is reported below like the links of records gone from HR.
                continue;
            }

            inHr.Add(stored.Key);
            if (!links.TryGetValue(stored.Key, out var link))
            {
                drifts.Add(new Drift(DriftKind.HrRecordWithoutIdentity, stored.Key, null));
                continue;
            }

            linked++;
            var identity = await repository.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
            if (identity is null)
            {
                drifts.Add(new Drift(DriftKind.IdentityMissing, stored.Key, link.IdentityId));
                continue;
            }

            if (identity.State != IdentityState.Active)
            {
                drifts.Add(new Drift(DriftKind.StateMismatch, stored.Key, identity.Id));
            }

            var contract = contracts?.Of(stored.Key, today, model.PreStartDays, model.GraceDays).Current ?? default;
            var values = ContractIndex.Values(model, stored.Payload.Span, contract.Span);
            references?.Resolve(values);
            foreach (var property in model.Properties.Where(p => p.Generator is null))
            {
                // A generated value is the identity's own: HR has nothing to compare it with.
                var hrValue = values[property.Source.Index];
                var identityValue = identity.GetValue(property.Identity);
                if (!IdentityValues.AreEqual(hrValue, identityValue))
                {
                    var show = includeValues && !property.Source.IsSensitive;
                    drifts.Add(new Drift(DriftKind.PropertyMismatch, stored.Key, identity.Id, property.Identity, property.Policy, show ? hrValue : null, show ? identityValue : null));
                }
            }
        }

        foreach (var link in links.Values.Where(l => !inHr.Contains(l.ResourceKey) && l.State == IdentityState.Active))
        {
            if (await repository.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false) is { State: IdentityState.Active })
            {
                drifts.Add(new Drift(DriftKind.StateMismatch, link.ResourceKey, link.IdentityId));
            }
        }

        long identities = 0;
        await foreach (var identity in repository.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            identities++;
            if (!linkedIdentities.Contains(identity.Id))
            {
                drifts.Add(new Drift(DriftKind.IdentityWithoutHrRecord, null, identity.Id));
            }
        }

        var stuck = new List<Provisioning.StuckOrder>();
        await foreach (var entry in journal.ReadAsync(connector.Identifier, openOnly: true, cancellationToken).ConfigureAwait(false))
        {
            if (entry.State == OrderState.Stuck)
            {
                stuck.Add(new Provisioning.StuckOrder(entry.Order.Id, entry.Order.EntityType, entry.Order.ResourceKey, entry.Order.Kind, entry.Failures, entry.Attempts, entry.Error));
            }
        }

        return new ConsistencyReport
        {
            Stuck = stuck,
            Connector = connector.Identifier,
            EntityType = entityType.Identifier,
            CreatedAt = clock.GetUtcNow(),
            HrRecords = records,
            Identities = identities,
            Linked = linked,
            Drifts = [.. drifts.OrderBy(d => d.Kind).ThenBy(d => d.ResourceKey, StringComparer.Ordinal).ThenBy(d => d.IdentityId, StringComparer.Ordinal).ThenBy(d => d.Property, StringComparer.OrdinalIgnoreCase)],
        };
    }
}
