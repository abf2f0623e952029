namespace HrConnector.Synchronization;

/// <summary>What a synchronization writes for one entity type.</summary>
/// <param name="EntityType">The identifier of the entity type.</param>
/// <param name="Schema">The schema of the payloads (properties, types); store it and give it back from <see cref="IResourceStore.GetSchemaAsync"/>.</param>
/// <param name="ReplaceAll">Whether <paramref name="Upserts"/> is the whole new state (the schema changed): every other stored resource of the entity type is removed.</param>
/// <param name="Upserts">The resources to insert or replace, by key.</param>
/// <param name="Deletes">The keys of the resources to remove.</param>
public sealed record EntityTypeCommit(string EntityType, string Schema, bool ReplaceAll, IReadOnlyList<StoredResource> Upserts, IReadOnlyList<string> Deletes);

/// <summary>A synchronization run's changes to a resource store, applied all together or not at all.</summary>
/// <param name="Connector">The identifier of the connector.</param>
/// <param name="RunId">The identifier of the run; the store remembers the last one (<see cref="IResourceStore.GetLastRunIdAsync"/>).</param>
/// <param name="ExpectedLastRunId">The last run id the plan was computed against: a store whose last run id differs refuses the commit.</param>
/// <param name="EntityTypes">The changes, per entity type.</param>
public sealed record ResourceStoreCommit(string Connector, string RunId, string? ExpectedLastRunId, IReadOnlyList<EntityTypeCommit> EntityTypes);
