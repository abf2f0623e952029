namespace HrConnector.Synchronization;

/// <summary>What a synchronization writes for one entity type.</summary>
public sealed record EntityTypeCommit
{
    /// <summary>Creates the commit of an entity type.</summary>
    /// <param name="entityType">The identifier of the entity type.</param>
    /// <param name="schema">The schema of the payloads (properties, types); store it and give it back from <see cref="IResourceStore.GetSchemaAsync"/>.</param>
    /// <param name="replaceAll">Whether <paramref name="upserts"/> is the whole new state (the schema changed): every other stored resource of the entity type is removed.</param>
    /// <param name="upserts">The resources to insert or replace, by key.</param>
    /// <param name="deletes">The keys of the resources to remove.</param>
    public EntityTypeCommit(string entityType, string schema, bool replaceAll, IReadOnlyList<StoredResource> upserts, IReadOnlyList<string> deletes)
    {
        EntityType = entityType;
        Schema = schema;
        ReplaceAll = replaceAll;
        Upserts = upserts;
        Deletes = deletes;
    }

    /// <summary>Gets the identifier of the entity type.</summary>
    public string EntityType { get; init; }

    /// <summary>Gets the schema of the payloads (properties, types); store it and give it back from <see cref="IResourceStore.GetSchemaAsync"/>.</summary>
    public string Schema { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Upserts"/> is the whole new state (the schema changed): every other stored resource of the entity type is removed.</summary>
    public bool ReplaceAll { get; init; }

    /// <summary>Gets the resources to insert or replace, by key.</summary>
    public IReadOnlyList<StoredResource> Upserts { get; init; }

    /// <summary>Gets the keys of the resources to remove.</summary>
    public IReadOnlyList<string> Deletes { get; init; }
}

/// <summary>A synchronization run's changes to a resource store, applied all together or not at all.</summary>
public sealed record ResourceStoreCommit
{
    /// <summary>Creates a commit.</summary>
    /// <param name="connector">The identifier of the connector.</param>
    /// <param name="runId">The identifier of the run; the store remembers the last one (<see cref="IResourceStore.GetLastRunIdAsync"/>).</param>
    /// <param name="expectedLastRunId">The last run id the plan was computed against: a store whose last run id differs refuses the commit.</param>
    /// <param name="entityTypes">The changes, per entity type.</param>
    public ResourceStoreCommit(string connector, string runId, string? expectedLastRunId, IReadOnlyList<EntityTypeCommit> entityTypes)
    {
        Connector = connector;
        RunId = runId;
        ExpectedLastRunId = expectedLastRunId;
        EntityTypes = entityTypes;
    }

    /// <summary>Gets the identifier of the connector.</summary>
    public string Connector { get; init; }

    /// <summary>Gets the identifier of the run; the store remembers the last one (<see cref="IResourceStore.GetLastRunIdAsync"/>).</summary>
    public string RunId { get; init; }

    /// <summary>Gets the last run id the plan was computed against: a store whose last run id differs refuses the commit.</summary>
    public string? ExpectedLastRunId { get; init; }

    /// <summary>Gets the changes, per entity type.</summary>
    public IReadOnlyList<EntityTypeCommit> EntityTypes { get; init; }
}
