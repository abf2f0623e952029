using System.Buffers.Binary;
using System.IO.Hashing;
using HrConnector.Mapping;

namespace HrConnector.Provisioning;

/// <summary>
/// What a link remembers of the HR values applied to its identity (<see cref="IdentityLink.Applied"/>): the hash of the
/// whole HR record, then one hash per provisioned property, 8 bytes each. A run compares today's record with it: an
/// unchanged person costs one hash of the payload; a changed one, one hash per property — no value is decoded to find
/// which properties HR changed since they were applied, whatever day that was.
/// </summary>
internal static class Fingerprint
{
    public static byte[] Compute(ReadOnlySpan<byte> payload, ProvisioningModel model)
    {
        var properties = model.Properties;
        var fingerprint = new byte[8 * (1 + properties.Count)];
        BinaryPrimitives.WriteUInt64LittleEndian(fingerprint, XxHash3.HashToUInt64(payload));
        var entityType = model.EntityType;
        Span<Range> ranges = entityType.Properties.Count <= 64 ? stackalloc Range[entityType.Properties.Count] : new Range[entityType.Properties.Count];
        ResourcePayload.GetPropertyRanges(payload, entityType, ranges);
        for (var i = 0; i < properties.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(fingerprint.AsSpan(8 * (i + 1)), XxHash3.HashToUInt64(payload[ranges[properties[i].Source.Index]]));
        }

        return fingerprint;
    }

    /// <summary>Whether the fingerprint was made of this very payload (the usual day: nothing changed since it was applied).</summary>
    public static bool IsOf(byte[]? fingerprint, ReadOnlySpan<byte> payload, ProvisioningModel model)
        => fingerprint is not null
            && fingerprint.Length == 8 * (1 + model.Properties.Count)
            && BinaryPrimitives.ReadUInt64LittleEndian(fingerprint) == XxHash3.HashToUInt64(payload);

    /// <summary>Whether property <paramref name="index"/> (of <see cref="ProvisioningModel.Properties"/>) has the same value in both fingerprints; a fingerprint of another model shape knows nothing, and is taken as equal.</summary>
    public static bool SameProperty(byte[]? applied, byte[] current, int index)
        => applied is null
            || applied.Length != current.Length
            || applied.AsSpan(8 * (index + 1), 8).SequenceEqual(current.AsSpan(8 * (index + 1), 8));
}
