using HrConnector.Modeling;

namespace HrConnector.Provisioning;

// The correlator: a record with no identity yet is linked to an identity that existed before the HR feed (one
// candidate by a correlation rule, or the person's decision in the review), waits for a review (several candidates),
// or gets a new identity.
internal sealed partial class Provisioner
{
    private sealed partial class Context
    {
        /// <summary>The order of a record with no identity: a link to the one candidate of a correlation rule, nothing while a case waits for review, or a new identity.</summary>
        private async Task<ProvisioningOrder?> NewIdentityAsync(string key, object?[] values, byte[] fingerprint, int generation, bool rehire, CancellationToken cancellationToken)
        {
            foreach (var rule in Model.Correlation)
            {
                var criteria = new List<IdentityCriterion>(rule.Conditions.Count);
                foreach (var condition in rule.Conditions)
                {
                    if (values[condition.Source.Index] is { } value)
                    {
                        criteria.Add(new IdentityCriterion(condition.Identity, value));
                    }
                }

                if (criteria.Count < rule.Conditions.Count)
                {
                    continue;
                }

                var found = await _owner._repository.FindAsync(new IdentityQuery(criteria, rule.Normalization), cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
                var candidates = found.Where(i => !_claimed.Contains(i.Id)).ToList();
                if (candidates.Count == 0)
                {
                    continue;
                }

                if (candidates.Count == 1 && rule.Confidence >= 100)
                {
                    _situations[CorrelationSituation.Unlinked]++;
                    _claimed.Add(candidates[0].Id);
                    return Order(key, OrderKind.Linked, rehire ? OrderReason.Rehire : OrderReason.Correlation, candidates[0].Id, Differences(values, candidates[0], p => p.Policy == OwnershipPolicy.Authoritative), generation, fingerprint, force: true);
                }

                _situations[CorrelationSituation.Disputed]++;
                _review.Add(new CorrelationCase(Model.EntityType.Identifier, key, rule.Name, rule.Confidence, [.. candidates.Select(c => c.Id).Order(StringComparer.Ordinal)]));
                return null;
            }

            return Added(key, values, fingerprint, generation, rehire);
        }

        /// <summary>What a person decided in the correlation review for a record never linked: link, create, or nothing.</summary>
        private async Task<ProvisioningOrder?> DecidedAsync(string key, CorrelationDecision decision, object?[] values, byte[] fingerprint, CancellationToken cancellationToken)
        {
            switch (decision.Kind)
            {
                case CorrelationDecisionKind.Create:
                    return Added(key, values, fingerprint, 0);
                case CorrelationDecisionKind.Link when decision.IdentityId is { } id:
                    var identity = await _owner._repository.GetAsync(id, cancellationToken).WaitAsync(Model.Timeout, cancellationToken).ConfigureAwait(false);
                    // The record's own open Linked order (issued by an earlier run, not dispatched yet) claims the identity too.
                    var own = _live.GetValueOrDefault(key)?.Any(e => e.IsOpen && e.Order.Kind == OrderKind.Linked && string.Equals(e.Order.IdentityId, id, StringComparison.Ordinal)) == true;
                    if (identity is null || (!_claimed.Add(id) && !own))
                    {
                        _warnings.Add($"The record '{key}' of '{Model.EntityType.Identifier}' was decided to be linked to the identity '{id}', which {(identity is null ? "no longer exists" : "is linked to another record")}: decide again.");
                        return null;
                    }

                    _situations[CorrelationSituation.Unlinked]++;
                    return Order(key, OrderKind.Linked, OrderReason.Correlation, id, Differences(values, identity, p => p.Policy == OwnershipPolicy.Authoritative), 0, fingerprint, force: true);
                default:
                    // Ignored: never provisioned until the decision is cleared.
                    return null;
            }
        }
    }
}
