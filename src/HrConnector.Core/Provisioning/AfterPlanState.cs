using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>The HR state of an entity type after a plan, as payloads: the stored resources with the plan's changes laid over them.</summary>
internal static class AfterPlanState
{
    public static async IAsyncEnumerable<(string Key, ReadOnlyMemory<byte> Payload)> ReadAsync(IResourceStore store, string connector, EntityType entityType, EntityTypePlan? typePlan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (typePlan is { ReplaceAll: true, FullState: { } fullState })
        {
            foreach (var stored in fullState)
            {
                yield return (stored.Key, stored.Payload);
            }

            yield break;
        }

        var changed = new Dictionary<string, Resource?>(StringComparer.Ordinal);
        if (typePlan is not null)
        {
            foreach (var change in typePlan.Updates.Concat(typePlan.Deletes))
            {
                changed[change.Key] = change.NewResource;
            }
        }

        await foreach (var stored in store.ReadAsync(connector, entityType.Identifier, cancellationToken).ConfigureAwait(false))
        {
            if (!changed.TryGetValue(stored.Key, out var resource))
            {
                yield return (stored.Key, stored.Payload);
            }
            else if (resource is not null)
            {
                yield return (stored.Key, resource.PayloadMemory);
            }
        }

        foreach (var insert in typePlan?.Inserts ?? [])
        {
            yield return (insert.Key, insert.NewResource!.PayloadMemory);
        }
    }

    /// <summary>The day of a Date or DateTime value, or <see langword="null"/>.</summary>
    public static DateOnly? Day(object? value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => null,
    };
}
