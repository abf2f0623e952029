using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

// The order builder: the desired identity of one record against what is known to be applied, as an order (or none).
internal sealed partial class Provisioner
{
    private sealed partial class Context
    {
        /// <summary>Whether every authoritative property of the identity equals HR's value (the identity missing counts as drift).</summary>
        private async Task<bool> HasNoDriftAsync(IdentityLink link, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> contract, CancellationToken cancellationToken)
        {
            var identity = await _identities.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
            if (identity is null)
            {
                return false;
            }

            foreach (var property in Model.Properties)
            {
                if (property.Policy == OwnershipPolicy.Authoritative
                    && !IdentityValues.AreEqual(identity.GetValue(property.Identity), Resolved(property, ContractIndex.ValueOf(Model, property, payload.Span, contract.Span))))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The order a record needs, if any; <paramref name="cause"/> is why its life is what it is (a leaver by status, by end date…).</summary>
        private async Task<ProvisioningOrder?> WantAsync(string key, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> contract, Life life, OrderReason cause, IdentityLink? link, ResourceChange? update, CancellationToken cancellationToken)
        {
            var linked = link is not null && link.State != IdentityState.Deleted;
            if (linked)
            {
                _situations[CorrelationSituation.Linked]++;
            }

            switch (life)
            {
                case Life.Left:
                    return linked ? Leave(key, link!, cause) : null;
                case Life.Suspended:
                    if (link is { State: IdentityState.Inactive, Since: not null })
                    {
                        // Away, not gone: the delay of DeleteAfterDays starts when the person leaves, not now.
                        _refreshedLinks.Add(link with { Since = null });
                        return null;
                    }

                    return link is { State: IdentityState.Active } ? Order(key, OrderKind.Deactivated, OrderReason.Suspension, link.IdentityId, [], link.Generation, null) : null;
                case Life.NotYet:
                    if (!linked)
                    {
                        _deferred++;
                    }

                    return null;
            }

            var values = ContractIndex.Values(Model, payload.Span, contract.Span);
            _references?.Resolve(values);
            var fingerprint = Fingerprint.Compute(payload.Span, contract.Span, Model, _references);
            if (!linked)
            {
                // A link of a deleted identity: a leaver is back, and gets an identity again.
                var rehire = link is { State: IdentityState.Deleted };
                return link is null && _owner.Decisions?.GetValueOrDefault(key) is { } decided
                    ? await DecidedAsync(key, decided, values, fingerprint, cancellationToken).ConfigureAwait(false)
                    : await NewIdentityAsync(key, values, fingerprint, link?.Generation ?? 0, rehire, cancellationToken).ConfigureAwait(false);
            }

            if (link!.State == IdentityState.Inactive)
            {
                // A rehire, or a person back from a suspension: reactivate, and bring every HR-owned value back.
                var identity = await _owner._repository.GetAsync(link.IdentityId, cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
                var changes = Differences(values, identity, p => p.Policy is OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative);

                // A leaver's deactivation starts the delay of a delete (Since); a suspension that lasted clears it.
                var reason = link.Since is null ? OrderReason.Reactivation : OrderReason.Rehire;
                return Order(key, OrderKind.Reactivated, reason, link.IdentityId, changes, link.Generation, fingerprint);
            }

            var wanted = new List<IdentityValueChange>();

            // A mover when HR changed a provisioned value in this run (or the current contract, which a date can change
            // too); otherwise the identity lags behind HR for another cause (an order lost or cancelled, a hand edit).
            var moved = false;
            var regenerate = new List<IdentityPropertyModel>();
            for (var i = 0; i < Model.Properties.Count; i++)
            {
                var property = Model.Properties[i];
                if (property.Policy is OwnershipPolicy.OnChange or OwnershipPolicy.Authoritative && !Fingerprint.SameProperty(link.Applied, fingerprint, i))
                {
                    if (property.Generator is { } generator)
                    {
                        // A property its templates read changed: generated again once every record is visited, in key order.
                        regenerate.Add(property);
                        moved |= update?.Changes.Any(c => generator.Inputs.Any(p => ReferenceEquals(p, c.Property))) == true;
                        continue;
                    }

                    var change = update?.Changes.FirstOrDefault(c => ReferenceEquals(c.Property, property.Source));
                    moved |= change is not null || property.Contract is not null;
                    wanted.Add(new IdentityValueChange(property.Identity, Resolved(property, change?.OldValue), values[property.Source.Index], property.Policy) { IsSensitive = property.Source.IsSensitive });
                }
            }

            // HR changed nothing this order sets, and every value it sets is a reference whose target's identity is new
            // (or another one): the reference resolves now, to be told apart from a drift.
            var resolves = !moved && wanted.Count > 0 && wanted.All(c => Model.Properties.Any(p => p.IsReference && string.Equals(p.Identity, c.Property, StringComparison.OrdinalIgnoreCase)));
            if (_owner._hasAuthoritative)
            {
                var identity = await _identities.GetAsync(link.IdentityId, cancellationToken).ConfigureAwait(false);
                if (identity is null)
                {
                    _warnings.Add($"The identity '{link.IdentityId}' linked to a record of '{Model.EntityType.Identifier}' no longer exists in the repository.");
                    return null;
                }

                foreach (var drift in Differences(values, identity, p => p.Policy == OwnershipPolicy.Authoritative))
                {
                    if (!wanted.Any(c => string.Equals(c.Property, drift.Property, StringComparison.OrdinalIgnoreCase)))
                    {
                        wanted.Add(drift);
                        resolves = false;
                    }
                }
            }

            if (regenerate.Count > 0)
            {
                _generating.Add((key, c => RenameAsync(key, link, values, fingerprint, wanted, moved, regenerate, c)));
                _joinerDeferred = true;
                return null;
            }

            return Modified(key, link, fingerprint, wanted, moved ? OrderReason.Mover : resolves ? OrderReason.ReferenceResolved : OrderReason.DriftCorrection);
        }

        private ProvisioningOrder? Modified(string key, IdentityLink link, byte[] fingerprint, List<IdentityValueChange> wanted, OrderReason reason)
        {
            var order = Order(key, OrderKind.Modified, reason, link.IdentityId, wanted, link.Generation, fingerprint);
            if (order is null && (link.Applied is null || !link.Applied.AsSpan().SequenceEqual(fingerprint)))
            {
                // Nothing to send (the values HR changed are not provisioned, or equal already): remember them as applied.
                _refreshedLinks.Add(link with { Applied = fingerprint });
            }

            return order;
        }

        /// <summary>The Modified order of a linked record whose generated properties (policy OnChange) are generated again, the identity's own value counting as free.</summary>
        private async Task<ProvisioningOrder?> RenameAsync(string key, IdentityLink link, object?[] values, byte[] fingerprint, List<IdentityValueChange> wanted, bool moved, List<IdentityPropertyModel> regenerate, CancellationToken cancellationToken)
        {
            var identity = await _owner._repository.GetAsync(link.IdentityId, cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
            foreach (var property in regenerate)
            {
                var own = identity?.GetValue(property.Identity) as string;
                var generator = property.Generator!;
                var generated = await generator.GenerateAsync(property.Identity, values, Generated(property.Identity), _owner._repository, Model.Timeout, cancellationToken, link.IdentityId, own).ConfigureAwait(false);
                if (generated is null)
                {
                    _warnings.Add($"The record '{key}' of '{Model.EntityType.Identifier}' is not updated in this run: no candidate of the generated identity property '{property.Identity}' is free (each is empty, held by another identity or claimed by another record). It is tried again at the next run; add a template or raise MaxN.");
                    return null;
                }

                if (!string.Equals(generated, own, StringComparison.OrdinalIgnoreCase))
                {
                    wanted.Add(new IdentityValueChange(property.Identity, own, generated, property.Policy) { IsSensitive = generator.Inputs.Any(p => p.IsSensitive) });
                }
            }

            return Modified(key, link, fingerprint, wanted, moved ? OrderReason.Mover : OrderReason.DriftCorrection);
        }

        /// <summary>What a leaver's identity needs: deactivation (or deletion), then the delayed delete when it is due.</summary>
        /// <param name="key">The key of the HR record.</param>
        /// <param name="link">The link of the identity.</param>
        /// <param name="cause">Why the person is a leaver (gone from the file, end date, status, contracts).</param>
        private ProvisioningOrder? Leave(string key, IdentityLink link, OrderReason cause)
        {
            switch (link.State)
            {
                case IdentityState.Active:
                    return Order(key, Model.Leavers == LeaverAction.Delete ? OrderKind.Deleted : OrderKind.Deactivated, cause, link.IdentityId, [], link.Generation, null);
                case IdentityState.Inactive when Model.DeleteAfterDays is { } days:
                    if (link.Since is not { } since)
                    {
                        // A link of an older version, or one deactivated by a suspension: the delay starts now.
                        _refreshedLinks.Add(link with { Since = _now });
                        _scheduled++;
                        return null;
                    }

                    if (since.AddDays(days) > _now)
                    {
                        _scheduled++;
                        return null;
                    }

                    return Order(key, OrderKind.Deleted, OrderReason.DeleteDue, link.IdentityId, [], link.Generation, null);
                default:
                    return null;
            }
        }

        private ProvisioningOrder? Added(string key, object?[] values, byte[] fingerprint, int generation, bool rehire = false)
        {
            _situations[CorrelationSituation.Unmatched]++;
            if (Model.HasGeneratedValues)
            {
                // Generated once every record is visited, in key order (VisitRestAsync).
                var joiner = new Joiner(key, values, fingerprint, generation, rehire);
                _generating.Add((key, c => GenerateAsync(joiner, c)));
                _joinerDeferred = true;
                return null;
            }

            var changes = Model.Properties
                .Where(p => p.Policy != OwnershipPolicy.Ignored && values[p.Source.Index] is not null)
                .Select(p => new IdentityValueChange(p.Identity, null, values[p.Source.Index], p.Policy) { IsSensitive = p.Source.IsSensitive })
                .ToList();
            return Order(key, OrderKind.Added, rehire ? OrderReason.Rehire : OrderReason.Joiner, null, changes, generation, fingerprint, force: true);
        }

        /// <summary>The HR values of the selected properties that differ from the identity's.</summary>
        private List<IdentityValueChange> Differences(object?[] values, Identity? identity, Func<IdentityPropertyModel, bool> select)
        {
            var changes = new List<IdentityValueChange>();
            foreach (var property in Model.Properties.Where(p => p.Generator is null).Where(select))
            {
                var current = identity?.GetValue(property.Identity);
                var value = values[property.Source.Index];
                if (!IdentityValues.AreEqual(current, value))
                {
                    changes.Add(new IdentityValueChange(property.Identity, current, value, property.Policy) { IsSensitive = property.Source.IsSensitive });
                }
            }

            return changes;
        }

        private ProvisioningOrder? Order(string key, OrderKind kind, OrderReason reason, string? identityId, List<IdentityValueChange> changes, int generation, byte[]? desired, bool force = false)
        {
            string? workflow = null;
            if (Model.Target == ProvisioningTarget.Workflows)
            {
                var (name, carried) = Model.Workflows[kind];
                workflow = name;
                if (carried.Count > 0)
                {
                    changes = [.. changes.Where(c => carried.Contains(c.Property))];
                }
            }

            if (changes.Count == 0 && kind == OrderKind.Modified && !force)
            {
                return null;
            }

            var connector = _owner._connector.Identifier;
            var entityType = Model.EntityType.Identifier;
            var id = OrderIds.Create(_idScope, key, kind, generation.ToString(CultureInfo.InvariantCulture), changes, null);
            return new ProvisioningOrder(id, connector, entityType, key, kind, identityId, workflow, changes, RunId, _now, null, desired) { Reason = reason };
        }
    }
}
