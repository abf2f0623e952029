using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

// Generated values: a joiner's Added order waits for values free in the repository and among the run's other joiners.
internal sealed partial class Provisioner
{
    /// <summary>A joiner whose Added order waits for its generated values.</summary>
    private sealed record Joiner(string Key, object?[] Values, byte[] Fingerprint, int Generation, bool Rehire);

    private sealed partial class Context
    {
        /// <summary>The Added order of a joiner with generated values, or <see langword="null"/> (reported) when some generated property has no free candidate.</summary>
        private async Task<ProvisioningOrder?> GenerateAsync(Joiner joiner, CancellationToken cancellationToken)
        {
            var changes = new List<IdentityValueChange>();
            var chosen = new List<(string Property, string Value)>();
            var failed = false;
            foreach (var property in Model.Properties.Where(p => p.Policy != OwnershipPolicy.Ignored))
            {
                if (property.Generator is not { } generator)
                {
                    if (joiner.Values[property.Source.Index] is { } value)
                    {
                        changes.Add(new IdentityValueChange(property.Identity, null, value, property.Policy) { IsSensitive = property.Source.IsSensitive });
                    }

                    continue;
                }

                if (failed)
                {
                    continue;
                }

                var claimed = Generated(property.Identity);
                var generated = await generator.GenerateAsync(property.Identity, joiner.Values, claimed, _owner._repository, Model.Timeout, cancellationToken).ConfigureAwait(false);
                if (generated is null)
                {
                    // The joiner gets an order that fails without reaching the host (ProvisioningModel.MissingGenerated):
                    // it carries no generated value, so that it claims none. No value is named: the record and the
                    // property say which joiner waits, and why.
                    _warnings.Add($"The record '{joiner.Key}' of '{Model.EntityType.Identifier}' gets no identity in this run: no candidate of the generated identity property '{property.Identity}' is free (each is empty, held by an identity or claimed by another joiner). Its Added order fails without reaching the host, and is decided again at the next run; add a template or raise MaxN.");
                    foreach (var (name, value) in chosen)
                    {
                        Generated(name).Remove(value);
                        changes.RemoveAll(c => string.Equals(c.Property, name, StringComparison.OrdinalIgnoreCase));
                    }

                    failed = true;
                    continue;
                }

                chosen.Add((property.Identity, generated));
                changes.Add(new IdentityValueChange(property.Identity, null, generated, property.Policy) { IsSensitive = generator.Inputs.Any(p => p.IsSensitive) });
            }

            return Order(joiner.Key, OrderKind.Added, joiner.Rehire ? OrderReason.Rehire : OrderReason.Joiner, null, changes, joiner.Generation, joiner.Fingerprint, force: true);
        }

        /// <summary>The values of a generated identity property claimed in this run (compared ignoring case).</summary>
        private HashSet<string> Generated(string property)
        {
            if (!_generated.TryGetValue(property, out var claimed))
            {
                _generated[property] = claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            return claimed;
        }
    }
}
