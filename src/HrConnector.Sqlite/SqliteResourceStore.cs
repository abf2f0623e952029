using System.Runtime.CompilerServices;
using HrConnector.Synchronization;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// <see cref="IResourceStore"/> on SQLite: one row per resource (key, source hash, payload blob) clustered by entity type
/// and key, the schema and the resource count per entity type, the last run id per connector. A commit is one
/// transaction on prepared commands; a read is one statement, which WAL keeps on one snapshot.
/// </summary>
internal sealed class SqliteResourceStore : IResourceStore
{
    private const string InsertResource = "INSERT INTO store_resource (entity_type_id, key, source_hash, payload) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO NOTHING;";
    private const string UpdateResource = "UPDATE store_resource SET source_hash = $p2, payload = $p3 WHERE entity_type_id = $p0 AND key = $p1;";
    private const string DeleteResource = "DELETE FROM store_resource WHERE entity_type_id = $p0 AND key = $p1;";

    private readonly SqliteStore _store;

    public SqliteResourceStore(SqliteStore store) => _store = store;

    public ValueTask<string?> GetSchemaAsync(string connector, string entityType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(entityType);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT schema FROM store_entity_type WHERE connector = $c AND entity_type = $e;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        command.Parameters.AddWithValue("$e", Schema.Key(entityType));
        return ValueTask.FromResult(command.ExecuteScalar() as string);
    }

    public ValueTask<long> CountAsync(string connector, string entityType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(entityType);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT resource_count FROM store_entity_type WHERE connector = $c AND entity_type = $e;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        command.Parameters.AddWithValue("$e", Schema.Key(entityType));
        return ValueTask.FromResult(command.ExecuteScalar() is long count ? count : 0L);
    }

    public async IAsyncEnumerable<StoredResource> ReadAsync(string connector, string entityType, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(entityType);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.key, r.source_hash, r.payload FROM store_resource r
            WHERE r.entity_type_id = (SELECT id FROM store_entity_type WHERE connector = $c AND entity_type = $e);
            """;
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        command.Parameters.AddWithValue("$e", Schema.Key(entityType));
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var payload = (byte[])reader.GetValue(2);
            yield return new StoredResource(reader.GetString(0), payload, unchecked((ulong)reader.GetInt64(1)));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<string?> GetLastRunIdAsync(string connector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_run_id FROM store_connector WHERE connector = $c;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        return ValueTask.FromResult(command.ExecuteScalar() as string);
    }

    public Task CommitAsync(ResourceStoreCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return _store.WriteAsync(transaction => Commit(transaction, commit), cancellationToken);
    }

    private static void Commit(SqliteStore.Transaction transaction, ResourceStoreCommit commit)
    {
        var connector = Schema.Key(commit.Connector);

        // Checked inside the write transaction: no other commit can slip in between the check and the writes.
        var current = transaction.Scalar("SELECT last_run_id FROM store_connector WHERE connector = $p0;", connector) as string;
        if (!string.Equals(current, commit.ExpectedLastRunId, StringComparison.Ordinal))
        {
            throw new ResourceStoreConcurrencyException(commit.Connector, commit.ExpectedLastRunId, current);
        }

        foreach (var change in commit.EntityTypes)
        {
            var entityTypeId = (long)transaction.Scalar(
                """
                INSERT INTO store_entity_type (connector, entity_type, schema, resource_count) VALUES ($p0, $p1, $p2, 0)
                ON CONFLICT (connector, entity_type) DO UPDATE SET schema = excluded.schema
                RETURNING id;
                """, connector, Schema.Key(change.EntityType), change.Schema)!;
            long count;
            if (change.ReplaceAll)
            {
                transaction.Execute("DELETE FROM store_resource WHERE entity_type_id = $p0;", entityTypeId);
                count = 0;
            }
            else
            {
                count = (long)transaction.Scalar("SELECT resource_count FROM store_entity_type WHERE id = $p0;", entityTypeId)!;
            }

            count -= Delete(transaction, entityTypeId, change.Deletes);
            count += Upsert(transaction, entityTypeId, change.Upserts);
            transaction.Execute("UPDATE store_entity_type SET resource_count = $p1 WHERE id = $p0;", entityTypeId, count);
        }

        transaction.Execute(
            "INSERT INTO store_connector (connector, last_run_id) VALUES ($p0, $p1) ON CONFLICT (connector) DO UPDATE SET last_run_id = excluded.last_run_id;",
            connector,
            commit.RunId);
    }

    private static long Delete(SqliteStore.Transaction transaction, long entityTypeId, IReadOnlyList<string> keys)
    {
        var command = transaction.Command(DeleteResource, 2);
        command.Parameters[0].Value = entityTypeId;
        var deleted = 0L;
        foreach (var key in keys)
        {
            command.Parameters[1].Value = key;
            deleted += command.ExecuteNonQuery();
        }

        return deleted;
    }

    /// <summary>Inserts or replaces resources; returns how many were new.</summary>
    private static long Upsert(SqliteStore.Transaction transaction, long entityTypeId, IReadOnlyList<StoredResource> resources)
    {
        var insert = transaction.Command(InsertResource, 4);
        var update = transaction.Command(UpdateResource, 4);
        insert.Parameters[0].Value = entityTypeId;
        update.Parameters[0].Value = entityTypeId;
        var inserted = 0L;
        foreach (var resource in resources)
        {
            var key = resource.Key;
            var hash = unchecked((long)resource.SourceHash);
            var payload = resource.Payload.ToArray();
            SetValues(insert, key, hash, payload);
            if (insert.ExecuteNonQuery() == 1)
            {
                inserted++;
                continue;
            }

            SetValues(update, key, hash, payload);
            update.ExecuteNonQuery();
        }

        return inserted;
    }

    private static void SetValues(SqliteCommand command, string key, long hash, byte[] payload)
    {
        command.Parameters[1].Value = key;
        command.Parameters[2].Value = hash;
        command.Parameters[3].Value = payload;
    }
}
