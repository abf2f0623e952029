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
    /// <summary>The encoding of a property without value, for the properties of a contract a person does not have.</summary>
    private static readonly byte[] NoValue = [ResourcePayload.NoValue];

    public static byte[] Compute(ReadOnlySpan<byte> payload, ProvisioningModel model) => Compute(payload, default, model);

    /// <summary>
    /// The fingerprint of a person's record and of their current contract (<paramref name="contract"/>, empty when none).
    /// When some property takes its value from the contract, the first hash covers both payloads; a property's hash is
    /// that of its encoded value wherever it comes from, so that moving a property from the person to the contract with
    /// equal values changes nothing but the first hash. The length is unchanged.
    /// </summary>
    /// <param name="payload">The person's record.</param>
    /// <param name="contract">Their current contract, empty when none.</param>
    /// <param name="model">The provisioning model.</param>
    /// <param name="references">Resolves the references to other identities (their hash is that of the identity identifier, and they are mixed into the first hash), or <see langword="null"/> when the model has none.</param>
    public static byte[] Compute(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> contract, ProvisioningModel model, References? references = null)
    {
        var properties = model.Properties;
        var fingerprint = new byte[8 * (1 + properties.Count)];
        BinaryPrimitives.WriteUInt64LittleEndian(fingerprint, RecordHash(payload, contract, model, references));
        var entityType = model.EntityType;
        Span<Range> ranges = entityType.Properties.Count <= 64 ? stackalloc Range[entityType.Properties.Count] : new Range[entityType.Properties.Count];
        ResourcePayload.GetPropertyRanges(payload, entityType, ranges);
        Range[]? contractRanges = null;
        if (model.HasContractValues && !contract.IsEmpty)
        {
            contractRanges = new Range[model.Contracts!.EntityType.Properties.Count];
            ResourcePayload.GetPropertyRanges(contract, model.Contracts.EntityType, contractRanges);
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (references is not null && properties[i].IsReference)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(fingerprint.AsSpan(8 * (i + 1)), references.Hash(properties[i], payload, contract));
                continue;
            }

            if (properties[i].Generator is { } generator)
            {
                // A generated value depends on every HR property its templates read.
                var inputs = new XxHash3();
                foreach (var input in generator.Inputs)
                {
                    inputs.Append(payload[ranges[input.Index]]);
                }

                BinaryPrimitives.WriteUInt64LittleEndian(fingerprint.AsSpan(8 * (i + 1)), inputs.GetCurrentHashAsUInt64());
                continue;
            }

            var value = properties[i].Contract is { } fromContract
                ? contractRanges is null ? NoValue : contract[contractRanges[fromContract.Index]]
                : payload[ranges[properties[i].Source.Index]];
            BinaryPrimitives.WriteUInt64LittleEndian(fingerprint.AsSpan(8 * (i + 1)), XxHash3.HashToUInt64(value));
        }

        return fingerprint;
    }

    /// <summary>Whether the fingerprint was made of this very payload (the usual day: nothing changed since it was applied).</summary>
    public static bool IsOf(byte[]? fingerprint, ReadOnlySpan<byte> payload, ProvisioningModel model) => IsOf(fingerprint, payload, default, model);

    /// <summary>Whether the fingerprint was made of this very payload and current contract.</summary>
    public static bool IsOf(byte[]? fingerprint, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> contract, ProvisioningModel model, References? references = null)
        => fingerprint is not null
            && fingerprint.Length == 8 * (1 + model.Properties.Count)
            && BinaryPrimitives.ReadUInt64LittleEndian(fingerprint) == RecordHash(payload, contract, model, references);

    /// <summary>The hash of the record, seeded with the person's for the contract's when values come from the contract (the person's alone otherwise, as before contracts).</summary>
    private static ulong RecordHash(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> contract, ProvisioningModel model, References? references)
    {
        var hash = XxHash3.HashToUInt64(payload);
        hash = model.HasContractValues ? XxHash3.HashToUInt64(contract, unchecked((long)hash)) : hash;
        return references is null ? hash : references.Mix(hash, payload, contract);
    }

    /// <summary>Whether property <paramref name="index"/> (of <see cref="ProvisioningModel.Properties"/>) has the same value in both fingerprints; a fingerprint of another model shape knows nothing, and is taken as equal.</summary>
    public static bool SameProperty(byte[]? applied, byte[] current, int index)
        => applied is null
            || applied.Length != current.Length
            || applied.AsSpan(8 * (index + 1), 8).SequenceEqual(current.AsSpan(8 * (index + 1), 8));
}
