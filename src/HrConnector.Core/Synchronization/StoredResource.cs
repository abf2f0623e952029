using System.IO.Hashing;

namespace HrConnector.Synchronization;

/// <summary>
/// A resource as a resource store keeps it: the primary key and the encoded values (an opaque, canonical byte
/// array written by this library; store it as a blob). Payloads are only meaningful with the schema they were
/// committed with (<see cref="EntityTypeCommit.Schema"/>).
/// </summary>
/// <param name="Key">The primary key.</param>
/// <param name="Payload">The encoded values.</param>
/// <param name="SourceHash">
/// The hash of the raw HR record the payload was mapped from (0 when unknown). Store it with the payload: the next
/// synchronization maps again only the rows whose raw record changed.
/// </param>
public readonly record struct StoredResource(string Key, ReadOnlyMemory<byte> Payload, ulong SourceHash = 0)
{
    /// <summary>Gets the 64-bit hash (XxHash3) of the payload, equal to <see cref="Mapping.Resource.ContentHash"/> of a resource with the same values.</summary>
    public ulong ContentHash => XxHash3.HashToUInt64(Payload.Span);

    /// <summary>A mapped resource as a resource store keeps it (here, so that Mapping does not know the store's types).</summary>
    internal static StoredResource From(Mapping.Resource resource) => new(resource.Key, resource.PayloadMemory, resource.SourceHash);
}
