using HrConnector.Mapping;

namespace HrConnector.Synchronization;

/// <summary>
/// A resource store that holds its payloads in memory behind a key index (<see cref="InMemoryResourceStore"/>): the
/// read, the diff and the commit use that index instead of streaming copies of a million entries. The engines ask for
/// this capability, as the dispatcher asks a repository for <c>IBatchIdentityRepository</c>; any other store is
/// streamed through <see cref="IResourceStore"/>.
/// </summary>
internal interface IIndexedResourceStore : IResourceStore
{
    /// <summary>Gets the stored resources of an entity type by key, never changed once published; <see langword="null"/> when none are stored.</summary>
    ResourceTable? Snapshot(string connector, string entityType);

    /// <summary>Commits, keeping where the navigation properties start in each upserted payload (parallel to the upserts of each entity type; -1 when unknown).</summary>
    Task CommitAsync(ResourceStoreCommit commit, IReadOnlyList<int[]?>? navigationStarts, CancellationToken cancellationToken);
}
