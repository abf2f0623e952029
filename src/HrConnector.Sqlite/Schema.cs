using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// The tables and their versions. <c>PRAGMA user_version</c> holds the version of the schema in the file; opening a
/// file runs, in one transaction, the migrations from its version to <see cref="CurrentVersion"/>.
/// </summary>
/// <remarks>
/// Connector and entity-type identifiers are compared case-insensitively by Core; they are stored upper-cased
/// (invariant) in the key columns. Resource keys, order ids and identity ids are compared ordinally.
/// </remarks>
internal static class Schema
{
    /// <summary>The migrations: element <c>i</c> takes a file from version <c>i</c> to version <c>i + 1</c>.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE store_connector (
            connector TEXT NOT NULL PRIMARY KEY,
            last_run_id TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE store_entity_type (
            id INTEGER PRIMARY KEY,
            connector TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            schema TEXT NOT NULL,
            resource_count INTEGER NOT NULL,
            UNIQUE (connector, entity_type)
        );
        CREATE TABLE store_resource (
            entity_type_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            source_hash INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (entity_type_id, key)
        ) WITHOUT ROWID;

        CREATE TABLE identity (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            state INTEGER NOT NULL,
            properties TEXT NOT NULL
        );
        CREATE TABLE identity_key (
            property TEXT NOT NULL,
            key TEXT NOT NULL,
            identity_seq INTEGER NOT NULL,
            PRIMARY KEY (property, key, identity_seq)
        ) WITHOUT ROWID;
        CREATE INDEX identity_key_by_identity ON identity_key (identity_seq);
        CREATE TABLE identity_operation (
            operation_id TEXT NOT NULL PRIMARY KEY,
            identity_id TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE journal_order (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            connector TEXT NOT NULL,
            id TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            handle TEXT,
            error TEXT,
            payload TEXT NOT NULL,
            UNIQUE (connector, id)
        );
        CREATE INDEX journal_order_by_state ON journal_order (connector, state, seq);
        CREATE TABLE journal_staged_run (
            connector TEXT NOT NULL PRIMARY KEY,
            run_id TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE journal_link (
            connector TEXT NOT NULL,
            entity_type_key TEXT NOT NULL,
            resource_key TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            identity_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            PRIMARY KEY (connector, entity_type_key, resource_key)
        ) WITHOUT ROWID;

        CREATE TABLE job_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            connector TEXT NOT NULL,
            run_id TEXT NOT NULL,
            result TEXT NOT NULL
        );
        CREATE INDEX job_history_by_connector ON job_history (connector, seq);
        """,
        """
        -- Version 2: staging per run (run_id of the staged orders, cancellations staged with them, closed entries
        -- reopened by a stage and restored by a discard), failures and doubt per entry, the not-before time as a column
        -- (a release needs no payload), changes apart from the payload (dropped once an entry is verified or cancelled),
        -- links with what was applied, and the run lock.
        ALTER TABLE journal_order ADD COLUMN run_id TEXT;
        ALTER TABLE journal_order ADD COLUMN not_before INTEGER;
        ALTER TABLE journal_order ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE journal_order ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE journal_order ADD COLUMN changes BLOB;
        UPDATE journal_order SET run_id = (SELECT s.run_id FROM journal_staged_run s WHERE s.connector = journal_order.connector) WHERE state = 0;
        UPDATE journal_order SET not_before = coalesce(CAST(strftime('%s', json_extract(payload, '$.notBefore')) AS INTEGER) * 1000, 0)
            WHERE json_extract(payload, '$.notBefore') IS NOT NULL;
        -- A staged row holds the state its release gives it; it reads as Staged while its run is the staged run.
        UPDATE journal_order SET state = CASE WHEN not_before IS NULL THEN 2 ELSE 1 END WHERE state = 0;
        DROP INDEX journal_order_by_state;
        CREATE INDEX journal_order_live ON journal_order (connector, seq) WHERE state IN (0, 1, 2, 3, 4, 5, 8);
        CREATE TABLE journal_reopened (
            seq INTEGER NOT NULL PRIMARY KEY,
            connector TEXT NOT NULL,
            staged_run_id TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            handle TEXT,
            error TEXT,
            in_doubt INTEGER NOT NULL,
            payload BLOB NOT NULL,
            changes BLOB,
            not_before INTEGER,
            run_id TEXT
        );
        CREATE INDEX journal_reopened_by_run ON journal_reopened (connector, staged_run_id);
        CREATE TABLE journal_staged_cancel (
            connector TEXT NOT NULL,
            run_id TEXT NOT NULL,
            order_id TEXT NOT NULL,
            PRIMARY KEY (connector, run_id, order_id)
        ) WITHOUT ROWID;
        -- Index keys only for the properties correlation asks for (indexed on first query), not for every string value.
        CREATE TABLE identity_indexed (
            property TEXT NOT NULL PRIMARY KEY
        ) WITHOUT ROWID;
        INSERT INTO identity_indexed (property) SELECT DISTINCT property FROM identity_key;
        ALTER TABLE journal_link ADD COLUMN applied BLOB;
        ALTER TABLE journal_link ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE journal_link ADD COLUMN since TEXT;
        CREATE TABLE run_lock (
            connector TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            process_start INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        -- Version 3: the correlation review: the cases the last run left for a person to decide (candidates as a JSON
        -- array of identity ids), and the decisions taken (kind 0 link, 1 create, 2 ignore).
        CREATE TABLE journal_case (
            connector TEXT NOT NULL,
            entity_type_key TEXT NOT NULL,
            resource_key TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            rule TEXT NOT NULL,
            confidence INTEGER NOT NULL,
            candidates TEXT NOT NULL,
            PRIMARY KEY (connector, entity_type_key, resource_key)
        ) WITHOUT ROWID;
        CREATE TABLE journal_decision (
            connector TEXT NOT NULL,
            entity_type_key TEXT NOT NULL,
            resource_key TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            kind INTEGER NOT NULL,
            identity_id TEXT,
            decided_at TEXT NOT NULL,
            decided_by TEXT,
            PRIMARY KEY (connector, entity_type_key, resource_key)
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>Gets the schema version this package writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Gets the key form of a connector or entity-type identifier (Core compares them ignoring case).</summary>
    public static string Key(string identifier) => identifier.ToUpperInvariant();

    /// <summary>Switches the file to WAL and brings its schema to <see cref="CurrentVersion"/>.</summary>
    /// <exception cref="NotSupportedException">The file's schema is newer than this package.</exception>
    public static void Migrate(SqliteConnection connection, string path) => Migrate(connection, path, CurrentVersion);

    /// <summary>Brings the schema to <paramref name="target"/> (tests make files of older versions with it).</summary>
    internal static void Migrate(SqliteConnection connection, string path, int target)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        // Checked first outside a transaction (cheap for the usual case), then again under the write lock, since
        // another process may be migrating the same file at the same time.
        if (ReadVersion(connection, null) == target)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"The database '{path}' has schema version {version}, newer than version {CurrentVersion} which this version of HrConnector.Sqlite knows: open it with a newer HrConnector.Sqlite, or use another file."));
        }

        for (; version < target; version++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version = {version + 1};");
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
