using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Synchronization;

/// <summary>Compares two payloads property by property: only properties whose encoded bytes differ are decoded.</summary>
internal static class PropertyChanges
{
    public static IReadOnlyList<PropertyChange> Describe(EntityType entityType, ReadOnlySpan<byte> oldPayload, ReadOnlySpan<byte> newPayload)
    {
        var changes = new List<PropertyChange>();
        Span<Range> oldRanges = new Range[entityType.Properties.Count];
        Span<Range> newRanges = new Range[entityType.Properties.Count];
        if (!oldPayload.IsEmpty)
        {
            ResourcePayload.GetPropertyRanges(oldPayload, entityType, oldRanges);
        }

        if (!newPayload.IsEmpty)
        {
            ResourcePayload.GetPropertyRanges(newPayload, entityType, newRanges);
        }

        foreach (var property in entityType.Properties)
        {
            var before = oldPayload.IsEmpty ? default : oldPayload[oldRanges[property.Index]];
            var after = newPayload.IsEmpty ? default : newPayload[newRanges[property.Index]];
            if (!oldPayload.IsEmpty && !newPayload.IsEmpty && before.SequenceEqual(after))
            {
                continue;
            }

            var oldValue = before.IsEmpty ? null : Decode(before, property);
            var newValue = after.IsEmpty ? null : Decode(after, property);
            if (oldValue is not null || newValue is not null)
            {
                changes.Add(new PropertyChange(property, oldValue, newValue));
            }
        }

        return changes;
    }

    private static object? Decode(ReadOnlySpan<byte> encoded, EntityProperty property) => new ResourcePayload.Reader(encoded).ReadProperty(property.Type);
}
