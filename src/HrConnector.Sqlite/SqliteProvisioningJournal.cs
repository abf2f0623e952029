using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// <see cref="IProvisioningJournal"/> on SQLite, behaving like <see cref="InMemoryProvisioningJournal"/>: one row per
/// order (its state, attempts, failures, doubt, handle, error, and the order itself in <see cref="OrderBinary"/>), in
/// insertion order; the staged run per connector with its cancellations and the closed entries it reopened; the links;
/// the correlation cases and decisions (<see cref="ICorrelationJournal"/>). Each method is one transaction, a
/// <see cref="JournalBatch"/> included.
/// </summary>
/// <remarks>
/// A stage, a release and a discard are set-based on the run's rows (<c>run_id</c>, a partial index on the staged rows),
/// so that a run of a million orders is released by one statement, without reading a payload. Once an entry is verified
/// or cancelled its changes are dropped (they are only needed to dispatch it): its id, kind, keys and identity stay.
/// </remarks>
internal sealed class SqliteProvisioningJournal : IProvisioningJournal, ICorrelationJournal
{
    // A staged row is written with the state its release gives it; it reads as Staged while its run is the staged run,
    // so that releasing a million orders is one row deleted rather than a million rows rewritten (and re-indexed).
    private const string Columns = "id, CASE WHEN run_id = (SELECT run_id FROM journal_staged_run s WHERE s.connector = $c) THEN 0 ELSE state END, attempts, updated_at, handle, error, payload, changes, failures, in_doubt, seq";

    // The closed states a stage reopens, and the states a staged cancellation cancels (as InMemoryProvisioningJournal).
    private const string Reopenable = "(5, 7, 8)";
    private const string Cancellable = "(1, 2, 3, 5, 8)";

    private const string InsertOrder = """
        INSERT INTO journal_order (connector, id, state, attempts, updated_at, handle, error, payload, changes, not_before, run_id, failures, in_doubt)
        VALUES ($p0, $p1, CASE WHEN $p5 IS NULL THEN 2 ELSE 1 END, 0, $p2, NULL, NULL, $p3, $p4, $p5, $p6, 0, 0) ON CONFLICT (connector, id) DO NOTHING;
        """;

    private const string SaveReopened = $"""
        INSERT OR REPLACE INTO journal_reopened (seq, connector, staged_run_id, state, attempts, failures, updated_at, handle, error, in_doubt, payload, changes, not_before, run_id)
        SELECT seq, connector, $p2, state, attempts, failures, updated_at, handle, error, in_doubt, payload, changes, not_before, run_id
        FROM journal_order WHERE connector = $p0 AND id = $p1 AND state IN {Reopenable};
        """;

    private const string Reopen = """
        UPDATE journal_order SET state = CASE WHEN $p5 IS NULL THEN 2 ELSE 1 END, updated_at = $p2, handle = NULL, in_doubt = 0, payload = $p3, changes = $p4, not_before = $p5, run_id = $p6
        WHERE connector = $p0 AND id = $p1;
        """;

    private const string UpdateEntry = """
        UPDATE journal_order SET state = $p2, attempts = $p3, updated_at = $p4, handle = $p5, error = $p6, payload = $p7, changes = $p8, not_before = $p9, failures = $p10, in_doubt = $p11
        WHERE connector = $p0 AND id = $p1;
        """;

    private const string SetLink = """
        INSERT INTO journal_link (connector, entity_type_key, resource_key, entity_type, identity_id, state, applied, generation, since) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)
        ON CONFLICT (connector, entity_type_key, resource_key) DO UPDATE SET entity_type = excluded.entity_type, identity_id = excluded.identity_id, state = excluded.state,
            applied = excluded.applied, generation = excluded.generation, since = excluded.since;
        """;

    private const string RemoveLink = "DELETE FROM journal_link WHERE connector = $p0 AND entity_type_key = $p1 AND resource_key = $p2;";

    // An entry whose order is the very one read (or written) here: only its bookkeeping changed, found by its rowid.
    private const string UpdateBookkeeping = """
        UPDATE journal_order SET state = $p1, attempts = $p2, updated_at = $p3, handle = $p4, error = $p5, failures = $p6, in_doubt = $p7,
            changes = CASE WHEN $p8 THEN NULL ELSE changes END,
            payload = CASE WHEN $p8 AND substr(payload, 1, 1) = '{' THEN json_remove(payload, '$.changes') ELSE payload END
        WHERE seq = $p0;
        """;

    // An entry whose order is a copy of one read here with the same changes (an identity set): its header too.
    private const string UpdateHeader = """
        UPDATE journal_order SET state = $p1, attempts = $p2, updated_at = $p3, handle = $p4, error = $p5, failures = $p6, in_doubt = $p7,
            changes = CASE WHEN $p8 THEN NULL ELSE changes END, payload = $p9
        WHERE seq = $p0;
        """;

    private readonly SqliteStore _store;

    // The rows of the orders this journal read, by order and by changes list: a dispatch writes each entry twice (the
    // attempt, then the outcome), and re-encoding and rewriting its values each time was most of a first load's journal
    // cost. Weak: an order nobody holds is forgotten.
    // Not a ConditionalWeakTable: its million dependent handles made every full garbage collection of a first load slow
    // (a quarter of the run). An order is kept from its read to its last write in a run, then forgotten.
    private readonly Dictionary<string, (ProvisioningOrder Order, StoredRow Row)> _rows = new(StringComparer.Ordinal);

    public SqliteProvisioningJournal(SqliteStore store) => _store = store;

    /// <summary>A row as this journal last read or wrote it.</summary>
    private sealed record StoredRow(long Seq, OrderState State = OrderState.Pending, int Attempts = 0, int Failures = 0, bool InDoubt = false, string? Handle = null, string? Error = null)
    {
        public static StoredRow Of(long seq, JournalEntry entry) => new(seq, entry.State, entry.Attempts, entry.Failures, entry.InDoubt, entry.Handle, entry.Error);

        /// <summary>Whether an entry is this row with one more attempt in doubt, and nothing else changed: the first write of every dispatch.</summary>
        public bool IsAttemptOf(JournalEntry entry)
            => entry.State == State && entry.Attempts == Attempts + 1 && entry.InDoubt && entry.Failures == Failures
               && string.Equals(entry.Handle, Handle, StringComparison.Ordinal) && string.Equals(entry.Error, Error, StringComparison.Ordinal);
    }

    public Task StageAsync(string connector, string runId, IReadOnlyList<ProvisioningOrder> orders, IReadOnlyCollection<string> cancelledOrderIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(cancelledOrderIds);
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction =>
        {
            var staged = StagedRun(transaction, key);
            if (staged is not null && !string.Equals(staged, runId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The run '{staged}' has orders staged: release or discard them before staging the run '{runId}'.");
            }

            if (staged is not null)
            {
                RemoveStaged(transaction, key, runId);
            }

            var insert = transaction.Command(InsertOrder, 7);
            insert.Parameters[0].Value = key;
            insert.Parameters[6].Value = runId;
            foreach (var order in orders)
            {
                var createdAt = FormatTime(order.CreatedAt);
                var payload = OrderBinary.WriteHeader(order);
                var changes = (object?)OrderBinary.WriteChanges(order.Changes) ?? DBNull.Value;
                var notBefore = (object?)OrderBinary.NotBeforeColumn(order) ?? DBNull.Value;
                insert.Parameters[1].Value = order.Id;
                insert.Parameters[2].Value = createdAt;
                insert.Parameters[3].Value = payload;
                insert.Parameters[4].Value = changes;
                insert.Parameters[5].Value = notBefore;
                if (insert.ExecuteNonQuery() == 0
                    && transaction.Execute(SaveReopened, key, order.Id, runId) == 1)
                {
                    // A new attempt of a closed order: its history (attempts, failures, error) goes on; what it was is
                    // kept aside for a discard.
                    transaction.Execute(Reopen, key, order.Id, createdAt, payload, changes, notBefore, runId);
                }
            }

            var cancel = transaction.Command("INSERT OR IGNORE INTO journal_staged_cancel (connector, run_id, order_id) VALUES ($p0, $p1, $p2);", 3);
            cancel.Parameters[0].Value = key;
            cancel.Parameters[1].Value = runId;
            foreach (var id in cancelledOrderIds)
            {
                cancel.Parameters[2].Value = id;
                cancel.ExecuteNonQuery();
            }

            transaction.Execute(
                "INSERT INTO journal_staged_run (connector, run_id) VALUES ($p0, $p1) ON CONFLICT (connector) DO UPDATE SET run_id = excluded.run_id;",
                key,
                runId);
        }, cancellationToken);
    }

    public Task<string?> GetStagedRunAsync(string connector, CancellationToken cancellationToken = default)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id FROM journal_staged_run WHERE connector = $c;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task ReleaseAsync(string connector, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction =>
        {
            if (!string.Equals(StagedRun(transaction, key), runId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The run '{runId}' has no staged orders.");
            }

            // Cancellations, as InMemoryProvisioningJournal: an order staged by this very run is released, not
            // cancelled. A JSON payload of schema version 1 loses its changes the way a binary one does.
            transaction.Execute(
                $"""
                UPDATE journal_order SET state = 7, changes = NULL,
                    payload = CASE WHEN substr(payload, 1, 1) = '{"{"}' THEN json_remove(payload, '$.changes') ELSE payload END
                WHERE connector = $p0 AND state IN {Cancellable} AND run_id IS NOT $p1
                    AND id IN (SELECT order_id FROM journal_staged_cancel WHERE connector = $p0 AND run_id = $p1);
                """,
                key,
                runId);

            // The staged rows already hold their released state: the run stops being the staged run, and they are released.
            ClearStaging(transaction, key, runId);
        }, cancellationToken);
    }

    public Task DiscardAsync(string connector, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction =>
        {
            if (string.Equals(StagedRun(transaction, key), runId, StringComparison.Ordinal))
            {
                RemoveStaged(transaction, key, runId);
                transaction.Execute("DELETE FROM journal_staged_run WHERE connector = $p0;", key);
            }
        }, cancellationToken);
    }

    public async IAsyncEnumerable<JournalEntry> ReadAsync(string connector, bool openOnly, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Read a page at a time, each in its own short read: a dispatch writes while it reads, and one read held open
        // for a million entries kept SQLite from checkpointing, so the WAL grew and every write slowed (a first load's
        // dispatch took twice as long per order at 1M as at 100k).
        const int Page = 1_000;
        var after = long.MinValue;
        var page = new List<(JournalEntry Entry, long Seq)>(Page);
        do
        {
            page.Clear();
            using (var connection = _store.OpenReader())
            using (var command = connection.CreateCommand())
            {
                // The same literal list as the partial index journal_order_live, so that SQLite reads it in seq order.
                command.CommandText = openOnly
                    ? $"SELECT {Columns} FROM journal_order WHERE connector = $c AND state IN (0, 1, 2, 3, 4, 5, 8) AND seq > $after ORDER BY seq LIMIT {Page};"
                    : $"SELECT {Columns} FROM journal_order WHERE connector = $c AND seq > $after ORDER BY seq LIMIT {Page};";
                command.Parameters.AddWithValue("$c", Schema.Key(connector));
                command.Parameters.AddWithValue("$after", after);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add((ReadEntry(reader), reader.GetInt64(10)));
                }
            }

            foreach (var (entry, seq) in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Remember(entry, seq);

                after = seq;
                yield return entry;
            }
        }
        while (page.Count == Page);

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task UpdateAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var values = Plan(entry);
        var written = TryGetRow(entry.Order, out var row, out _) ? new List<(JournalEntry, long)> { (entry, row.Seq) } : [];
        return WriteBatchAsync(transaction => Update(transaction, entry, values), written, cancellationToken);
    }

    public async IAsyncEnumerable<IdentityLink> ReadLinksAsync(string connector, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entity_type, resource_key, identity_id, state, applied, generation, since FROM journal_link WHERE connector = $c;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new IdentityLink(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                (IdentityState)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : ParseTime(reader.GetString(6)));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task SetLinkAsync(string connector, IdentityLink link, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentNullException.ThrowIfNull(link);
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction => WriteLink(transaction, key, link), cancellationToken);
    }

    public Task RemoveLinkAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        return _store.WriteAsync(
            transaction => transaction.Execute(RemoveLink, Schema.Key(connector), Schema.Key(entityType), resourceKey),
            cancellationToken);
    }

    public Task WriteAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return Task.CompletedTask;
        }

        // The attempts of a chunk, recorded before its calls, are one statement: the rows read here gain one attempt
        // in doubt and nothing else (a statement per row cost a first load ten seconds per million orders).
        var attempts = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var written = new List<(JournalEntry Entry, long Seq)>();
        var entries = new List<(JournalEntry Entry, (string Sql, object?[] Values) Plan)>();
        foreach (var entry in batch.Entries)
        {
            if (TryGetRow(entry.Order, out var row, out var same) && same && row.IsAttemptOf(entry))
            {
                var time = FormatTime(entry.UpdatedAt);
                if (!attempts.TryGetValue(time, out var seqs))
                {
                    attempts[time] = seqs = [];
                }

                seqs.Add(row.Seq);
                written.Add((entry, row.Seq));
                continue;
            }

            // Encoded before the write lock is taken, so that the lock is held for the SQL only.
            entries.Add((entry, Plan(entry)));
            if (TryGetRow(entry.Order, out row, out _))
            {
                written.Add((entry, row.Seq));
            }
        }

        var key = Schema.Key(batch.Connector);
        return WriteBatchAsync(transaction =>
        {
            foreach (var (time, seqs) in attempts)
            {
                var changed = transaction.Execute(
                    "UPDATE journal_order SET attempts = attempts + 1, in_doubt = 1, updated_at = $p0 WHERE seq IN (SELECT value FROM json_each($p1));",
                    time,
                    "[" + string.Join(',', seqs) + "]");
                if (changed != seqs.Count)
                {
                    throw new KeyNotFoundException($"{seqs.Count - changed} of the orders of the batch are no longer in the journal.");
                }
            }

            foreach (var (entry, values) in entries)
            {
                Update(transaction, entry, values);
            }

            foreach (var link in batch.Links)
            {
                WriteLink(transaction, key, link);
            }

            foreach (var (entityType, resourceKey) in batch.RemovedLinks)
            {
                transaction.Execute(RemoveLink, key, Schema.Key(entityType), resourceKey);
            }
        }, written, cancellationToken);
    }

    /// <summary>Writes, then remembers the rows as written (so the next write of the same orders knows what changed).</summary>
    private async Task WriteBatchAsync(Action<SqliteStore.Transaction> work, List<(JournalEntry Entry, long Seq)> written, CancellationToken cancellationToken)
    {
        await _store.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        foreach (var (entry, seq) in written)
        {
            Remember(entry, seq);
        }
    }

    /// <summary>Keeps an entry's row while its order may be written again in the run (open), forgets it otherwise.</summary>
    private void Remember(JournalEntry entry, long seq)
    {
        lock (_rows)
        {
            if (!entry.IsOpen && entry.State != OrderState.Executed)
            {
                _rows.Remove(entry.Order.Id);
                return;
            }

            if (_rows.Count >= 100_000 && !_rows.ContainsKey(entry.Order.Id))
            {
                // Entries read and never written again (a report, a decision) are not kept forever.
                _rows.Clear();
            }

            _rows[entry.Order.Id] = (entry.Order, StoredRow.Of(seq, entry));
        }
    }

    /// <summary>The row of an order read or written here: the very same order, or a copy of it with the same changes (an identity set).</summary>
    private bool TryGetRow(ProvisioningOrder order, out StoredRow row, out bool sameOrder)
    {
        lock (_rows)
        {
            if (_rows.TryGetValue(order.Id, out var tracked)
                && (ReferenceEquals(tracked.Order, order) || (tracked.Order.Changes.Count > 0 && ReferenceEquals(tracked.Order.Changes, order.Changes))))
            {
                row = tracked.Row;
                sameOrder = ReferenceEquals(tracked.Order, order);
                return true;
            }
        }

        row = null!;
        sameOrder = false;
        return false;
    }

    private static JournalEntry ReadEntry(SqliteDataReader reader)
    {
        var id = reader.GetString(0);

        // Schema version 1 stored the payload as JSON text; version 2 stores bytes.
        var payload = reader.GetFieldType(6) == typeof(string)
            ? System.Text.Encoding.UTF8.GetBytes(reader.GetString(6))
            : reader.GetFieldValue<byte[]>(6);
        var changes = reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7);
        return new JournalEntry(
            OrderBinary.Read(id, payload, changes),
            (OrderState)reader.GetInt32(1),
            reader.GetInt32(2),
            ParseTime(reader.GetString(3)),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetInt32(8),
            reader.GetInt32(9) != 0);
    }

    /// <summary>The encoded columns of an entry; a verified or cancelled entry has no changes to keep.</summary>
    private static object?[] EntryValues(JournalEntry entry)
    {
        var order = entry.Order;
        var dropChanges = entry.State is OrderState.Verified or OrderState.Cancelled;
        return
        [
            Schema.Key(order.Connector),
            order.Id,
            (int)entry.State,
            entry.Attempts,
            FormatTime(entry.UpdatedAt),
            entry.Handle,
            entry.Error,
            OrderBinary.WriteHeader(order),
            dropChanges ? null : OrderBinary.WriteChanges(order.Changes),
            OrderBinary.NotBeforeColumn(order),
            entry.Failures,
            entry.InDoubt ? 1 : 0,
        ];
    }

    /// <summary>The statement and values that record an entry: its bookkeeping only, its header too, or the whole row.</summary>
    private (string Sql, object?[] Values) Plan(JournalEntry entry)
    {
        var order = entry.Order;
        var dropChanges = entry.State is OrderState.Verified or OrderState.Cancelled;
        if (TryGetRow(order, out var row, out var same))
        {
            object?[] values =
            [
                row.Seq, (int)entry.State, entry.Attempts, FormatTime(entry.UpdatedAt), entry.Handle, entry.Error, entry.Failures, entry.InDoubt ? 1 : 0, dropChanges ? 1 : 0,
            ];
            return same ? (UpdateBookkeeping, values) : (UpdateHeader, [.. values, OrderBinary.WriteHeader(order)]);
        }

        return (UpdateEntry, EntryValues(entry));
    }

    private static void Update(SqliteStore.Transaction transaction, JournalEntry entry, (string Sql, object?[] Values) plan)
    {
        if (transaction.Execute(plan.Sql, plan.Values) == 0)
        {
            throw new KeyNotFoundException($"The order '{entry.Order.Id}' is not in the journal.");
        }
    }

    private static void WriteLink(SqliteStore.Transaction transaction, string connector, IdentityLink link)
        => transaction.Execute(
            SetLink,
            connector,
            Schema.Key(link.EntityType),
            link.ResourceKey,
            link.EntityType,
            link.IdentityId,
            (int)link.State,
            link.Applied,
            link.Generation,
            link.Since is { } since ? FormatTime(since) : null);

    private static string? StagedRun(SqliteStore.Transaction transaction, string connector)
        => transaction.Scalar("SELECT run_id FROM journal_staged_run WHERE connector = $p0;", connector) as string;

    /// <summary>Puts back the entries the run reopened, deletes the orders it staged and its cancellations.</summary>
    private static void RemoveStaged(SqliteStore.Transaction transaction, string connector, string runId)
    {
        transaction.Execute(
            """
            UPDATE journal_order SET (state, attempts, failures, updated_at, handle, error, in_doubt, payload, changes, not_before, run_id) =
                (SELECT r.state, r.attempts, r.failures, r.updated_at, r.handle, r.error, r.in_doubt, r.payload, r.changes, r.not_before, r.run_id
                 FROM journal_reopened r WHERE r.seq = journal_order.seq)
            WHERE seq IN (SELECT seq FROM journal_reopened WHERE connector = $p0 AND staged_run_id = $p1);
            """,
            connector,
            runId);
        // After the reopened rows got their own run id back, the rows of this run are the ones it added.
        transaction.Execute("DELETE FROM journal_order WHERE connector = $p0 AND run_id = $p1;", connector, runId);
        ClearStaging(transaction, connector, runId);
    }

    private static void ClearStaging(SqliteStore.Transaction transaction, string connector, string runId)
    {
        transaction.Execute("DELETE FROM journal_reopened WHERE connector = $p0 AND staged_run_id = $p1;", connector, runId);
        transaction.Execute("DELETE FROM journal_staged_cancel WHERE connector = $p0 AND run_id = $p1;", connector, runId);
        transaction.Execute("DELETE FROM journal_staged_run WHERE connector = $p0 AND run_id = $p1;", connector, runId);
    }

    public Task ReplaceCasesAsync(string connector, string entityType, IReadOnlyList<CorrelationCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        ArgumentNullException.ThrowIfNull(cases);
        var key = Schema.Key(connector);
        return _store.WriteAsync(
            transaction =>
            {
                transaction.Execute("DELETE FROM journal_case WHERE connector = $p0 AND entity_type_key = $p1;", key, Schema.Key(entityType));
                foreach (var found in cases)
                {
                    transaction.Execute(
                        """
                        INSERT OR REPLACE INTO journal_case (connector, entity_type_key, resource_key, entity_type, rule, confidence, candidates)
                        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6);
                        """,
                        key,
                        Schema.Key(found.EntityType),
                        found.ResourceKey,
                        found.EntityType,
                        found.Rule,
                        found.Confidence,
                        WriteCandidates(found.Candidates));
                }
            },
            cancellationToken);
    }

    public IAsyncEnumerable<CorrelationCase> ReadCasesAsync(string connector, CancellationToken cancellationToken = default)
        => ReadRowsAsync(
            "SELECT entity_type, resource_key, rule, confidence, candidates FROM journal_case WHERE connector = $c ORDER BY entity_type_key, resource_key;",
            connector,
            reader => new CorrelationCase(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), ReadCandidates(reader.GetString(4))),
            cancellationToken);

    public Task SetDecisionAsync(string connector, CorrelationDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentNullException.ThrowIfNull(decision);
        var key = Schema.Key(connector);
        return _store.WriteAsync(
            transaction => transaction.Execute(
                """
                INSERT OR REPLACE INTO journal_decision (connector, entity_type_key, resource_key, entity_type, kind, identity_id, decided_at, decided_by)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7);
                """,
                key,
                Schema.Key(decision.EntityType),
                decision.ResourceKey,
                decision.EntityType,
                (int)decision.Kind,
                decision.IdentityId,
                FormatTime(decision.DecidedAt),
                decision.DecidedBy),
            cancellationToken);
    }

    public Task<bool> RemoveDecisionAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        return _store.WriteAsync(
            transaction => transaction.Execute("DELETE FROM journal_decision WHERE connector = $p0 AND entity_type_key = $p1 AND resource_key = $p2;", Schema.Key(connector), Schema.Key(entityType), resourceKey) > 0,
            cancellationToken);
    }

    public IAsyncEnumerable<CorrelationDecision> ReadDecisionsAsync(string connector, CancellationToken cancellationToken = default)
        => ReadRowsAsync(
            "SELECT entity_type, resource_key, kind, identity_id, decided_at, decided_by FROM journal_decision WHERE connector = $c ORDER BY entity_type_key, resource_key;",
            connector,
            reader => new CorrelationDecision(
                reader.GetString(0),
                reader.GetString(1),
                (CorrelationDecisionKind)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                ParseTime(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5)),
            cancellationToken);

    /// <summary>The rows of one connector that a query selects (its only parameter, <c>$c</c>), each made into a value.</summary>
    private async IAsyncEnumerable<T> ReadRowsAsync<T>(string sql, string connector, Func<SqliteDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return read(reader);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static string WriteCandidates(IReadOnlyList<string> candidates)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var candidate in candidates)
            {
                writer.WriteStringValue(candidate);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string[] ReadCandidates(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
    }

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
