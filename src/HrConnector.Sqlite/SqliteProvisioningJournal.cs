using System.Globalization;
using System.Runtime.CompilerServices;
using HrConnector.Provisioning;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// <see cref="IProvisioningJournal"/> on SQLite, behaving like <see cref="InMemoryProvisioningJournal"/>: one row per
/// order (its state, attempts, handle, error, and the order itself as typed JSON), in insertion order; the staged run
/// per connector; the links. Each method is one transaction.
/// </summary>
internal sealed class SqliteProvisioningJournal : IProvisioningJournal
{
    private const string Columns = "state, attempts, updated_at, handle, error, payload";

    private readonly SqliteStore _store;

    public SqliteProvisioningJournal(SqliteStore store) => _store = store;

    public Task StageAsync(string connector, string runId, IReadOnlyList<ProvisioningOrder> orders, IReadOnlyCollection<string> cancelledOrderIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(orders);
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction =>
        {
            transaction.Execute("DELETE FROM journal_order WHERE connector = $p0 AND state = $p1;", key, (int)OrderState.Staged);
            var insert = transaction.Command(
                $"INSERT INTO journal_order (connector, id, {Columns}) VALUES ($p0, $p1, $p2, 0, $p3, NULL, NULL, $p4) ON CONFLICT (connector, id) DO NOTHING;", 5);
            insert.Parameters[0].Value = key;
            insert.Parameters[2].Value = (int)OrderState.Staged;
            foreach (var order in orders)
            {
                insert.Parameters[1].Value = order.Id;
                insert.Parameters[3].Value = FormatTime(order.CreatedAt);
                insert.Parameters[4].Value = OrderJson.Write(order);
                insert.ExecuteNonQuery();
            }

            SetStagedRun(transaction, key, runId);
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
        IReadOnlyCollection<string> cancelledOrderIds = [];
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction =>
        {
            var staged = transaction.Scalar("SELECT run_id FROM journal_staged_run WHERE connector = $p0;", key) as string;
            if (!string.Equals(staged, runId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The run '{runId}' has no staged orders.");
            }

            // Orders to dispatch later (a delayed delete) carry a NotBefore; it is inside the order's JSON.
            var staging = new List<(long Seq, bool Scheduled)>();
            using (var reader = transaction.Bind("SELECT seq, payload FROM journal_order WHERE connector = $p0 AND state = $p1;", key, (int)OrderState.Staged).ExecuteReader())
            {
                while (reader.Read())
                {
                    staging.Add((reader.GetInt64(0), OrderJson.Read(reader.GetString(1)).NotBefore is not null));
                }
            }

            foreach (var (seq, scheduled) in staging)
            {
                transaction.Execute("UPDATE journal_order SET state = $p1 WHERE seq = $p0;", seq, (int)(scheduled ? OrderState.Scheduled : OrderState.Pending));
            }

            foreach (var id in cancelledOrderIds)
            {
                transaction.Execute(
                    "UPDATE journal_order SET state = $p2 WHERE connector = $p0 AND id = $p1 AND state IN ($p3, $p4, $p5, $p6);",
                    key, id, (int)OrderState.Cancelled, (int)OrderState.Staged, (int)OrderState.Scheduled, (int)OrderState.Pending, (int)OrderState.Transmitted);
            }

            transaction.Execute("DELETE FROM journal_staged_run WHERE connector = $p0;", key);
        }, cancellationToken);
    }

    public Task DiscardAsync(string connector, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        var key = Schema.Key(connector);
        return _store.WriteAsync(transaction =>
        {
            var staged = transaction.Scalar("SELECT run_id FROM journal_staged_run WHERE connector = $p0;", key) as string;
            if (string.Equals(staged, runId, StringComparison.Ordinal))
            {
                transaction.Execute("DELETE FROM journal_order WHERE connector = $p0 AND state = $p1;", key, (int)OrderState.Staged);
                transaction.Execute("DELETE FROM journal_staged_run WHERE connector = $p0;", key);
            }
        }, cancellationToken);
    }

    public async IAsyncEnumerable<JournalEntry> ReadAsync(string connector, bool openOnly, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = openOnly
            ? $"SELECT {Columns} FROM journal_order WHERE connector = $c AND state IN (0, 1, 2, 3, 4) ORDER BY seq;"
            : $"SELECT {Columns} FROM journal_order WHERE connector = $c ORDER BY seq;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new JournalEntry(
                OrderJson.Read(reader.GetString(5)),
                (OrderState)reader.GetInt32(0),
                reader.GetInt32(1),
                ParseTime(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task UpdateAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var order = entry.Order;
        var payload = OrderJson.Write(order);
        return _store.WriteAsync(transaction =>
        {
            var changed = transaction.Execute(
                "UPDATE journal_order SET state = $p2, attempts = $p3, updated_at = $p4, handle = $p5, error = $p6, payload = $p7 WHERE connector = $p0 AND id = $p1;",
                Schema.Key(order.Connector), order.Id, (int)entry.State, entry.Attempts, FormatTime(entry.UpdatedAt), entry.Handle, entry.Error, payload);
            if (changed == 0)
            {
                throw new KeyNotFoundException($"The order '{order.Id}' is not in the journal.");
            }
        }, cancellationToken);
    }

    public async IAsyncEnumerable<IdentityLink> ReadLinksAsync(string connector, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entity_type, resource_key, identity_id, state FROM journal_link WHERE connector = $c;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new IdentityLink(reader.GetString(0), reader.GetString(1), reader.GetString(2), (IdentityState)reader.GetInt32(3));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task SetLinkAsync(string connector, IdentityLink link, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        ArgumentNullException.ThrowIfNull(link);
        return _store.WriteAsync(
            transaction => transaction.Execute(
                """
                INSERT INTO journal_link (connector, entity_type_key, resource_key, entity_type, identity_id, state) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
                ON CONFLICT (connector, entity_type_key, resource_key) DO UPDATE SET entity_type = excluded.entity_type, identity_id = excluded.identity_id, state = excluded.state;
                """,
                Schema.Key(connector), Schema.Key(link.EntityType), link.ResourceKey, link.EntityType, link.IdentityId, (int)link.State),
            cancellationToken);
    }

    public Task RemoveLinkAsync(string connector, string entityType, string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        return _store.WriteAsync(
            transaction => transaction.Execute(
                "DELETE FROM journal_link WHERE connector = $p0 AND entity_type_key = $p1 AND resource_key = $p2;",
                Schema.Key(connector), Schema.Key(entityType), resourceKey),
            cancellationToken);
    }

    private static void SetStagedRun(SqliteStore.Transaction transaction, string connector, string runId)
        => transaction.Execute(
            "INSERT INTO journal_staged_run (connector, run_id) VALUES ($p0, $p1) ON CONFLICT (connector) DO UPDATE SET run_id = excluded.run_id;",
            connector,
            runId);

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
