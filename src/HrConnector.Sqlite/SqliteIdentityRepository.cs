using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using HrConnector.Provisioning;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// <see cref="IIdentityRepository"/> on SQLite, behaving like <see cref="InMemoryIdentityRepository"/>: identifiers
/// <c>I000001</c>, <c>I000002</c>… in creation order (never reused), values as typed JSON, property names compared
/// ignoring case, and every write recorded with its operation id in the same transaction, so a repeated operation id
/// is not applied twice, even after a crash.
/// </summary>
/// <remarks>
/// <see cref="FindAsync"/> answers exactly like <see cref="IdentityValues.AreEqual"/>: candidates come from an index of
/// every string value under a key coarser than any <see cref="MatchNormalization"/> (upper case, no diacritics, no white
/// space), and each candidate is then checked with <see cref="IdentityValues.AreEqual"/>. A query without a string
/// criterion reads every identity.
/// </remarks>
internal sealed class SqliteIdentityRepository : IIdentityRepository
{
    private const string IdPrefix = "I";

    private readonly SqliteStore _store;

    public SqliteIdentityRepository(SqliteStore store) => _store = store;

    public Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        var indexed = query.Criteria.FirstOrDefault(c => c.Value is string text && CoarseKey(text).Length > 0);
        if (indexed is null)
        {
            command.CommandText = "SELECT seq, state, properties FROM identity ORDER BY seq;";
        }
        else
        {
            command.CommandText = """
                SELECT i.seq, i.state, i.properties FROM identity_key k JOIN identity i ON i.seq = k.identity_seq
                WHERE k.property = $p AND k.key = $k ORDER BY i.seq;
                """;
            command.Parameters.AddWithValue("$p", Schema.Key(indexed.Property));
            command.Parameters.AddWithValue("$k", CoarseKey((string)indexed.Value!));
        }

        var found = new List<Identity>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var identity = ReadIdentity(reader);
            if (query.Criteria.All(c => IdentityValues.AreEqual(identity.GetValue(c.Property), c.Value, query.Normalization)))
            {
                found.Add(identity);
            }
        }

        return Task.FromResult<IReadOnlyList<Identity>>(found);
    }

    public Task<Identity?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (ParseId(id) is not { } seq)
        {
            return Task.FromResult<Identity?>(null);
        }

        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, state, properties FROM identity WHERE seq = $s;";
        command.Parameters.AddWithValue("$s", seq);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadIdentity(reader) : null);
    }

    public async IAsyncEnumerable<Identity> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, state, properties FROM identity ORDER BY seq;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadIdentity(reader);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<string> CreateAsync(IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        var values = Copy(properties);
        var json = TypedValues.WriteProperties(values);
        return _store.WriteAsync(transaction =>
        {
            if (transaction.Scalar("SELECT identity_id FROM identity_operation WHERE operation_id = $p0;", operationId) is string done)
            {
                return done;
            }

            var seq = (long)transaction.Scalar("INSERT INTO identity (state, properties) VALUES ($p0, $p1) RETURNING seq;", (int)IdentityState.Active, json)!;
            WriteKeys(transaction, seq, values);
            var id = FormatId(seq);
            transaction.Execute("INSERT INTO identity_operation (operation_id, identity_id) VALUES ($p0, $p1);", operationId, id);
            return id;
        }, cancellationToken);
    }

    public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return WriteAsync(id, operationId, (transaction, seq, state, values) =>
        {
            foreach (var (property, value) in properties)
            {
                values[property] = value;
            }

            transaction.Execute("UPDATE identity SET properties = $p1 WHERE seq = $p0;", seq, TypedValues.WriteProperties(values));
            transaction.Execute("DELETE FROM identity_key WHERE identity_seq = $p0;", seq);
            WriteKeys(transaction, seq, values);
        }, cancellationToken);
    }

    public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default)
        => WriteAsync(id, operationId, (transaction, seq, _, _) => transaction.Execute("UPDATE identity SET state = $p1 WHERE seq = $p0;", seq, (int)state), cancellationToken);

    public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return _store.WriteAsync(transaction =>
        {
            if (transaction.Scalar("SELECT 1 FROM identity_operation WHERE operation_id = $p0;", operationId) is not null)
            {
                return;
            }

            if (ParseId(id) is { } seq)
            {
                transaction.Execute("DELETE FROM identity WHERE seq = $p0;", seq);
                transaction.Execute("DELETE FROM identity_key WHERE identity_seq = $p0;", seq);
            }

            transaction.Execute("INSERT INTO identity_operation (operation_id, identity_id) VALUES ($p0, $p1);", operationId, id ?? string.Empty);
        }, cancellationToken);
    }

    /// <summary>
    /// The index key of a string: upper case, without diacritics, without any white space. Two strings equal under any
    /// <see cref="MatchNormalization"/> have the same key (it removes more than each normalization does), so the key
    /// finds every candidate and <see cref="IdentityValues.AreEqual"/> decides.
    /// </summary>
    internal static string CoarseKey(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().ToUpperInvariant();
    }

    private Task WriteAsync(string id, string operationId, Action<SqliteStore.Transaction, long, IdentityState, Dictionary<string, object?>> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return _store.WriteAsync(transaction =>
        {
            if (transaction.Scalar("SELECT 1 FROM identity_operation WHERE operation_id = $p0;", operationId) is not null)
            {
                return;
            }

            long seq;
            IdentityState state;
            Dictionary<string, object?> values;
            using (var reader = transaction.Bind("SELECT seq, state, properties FROM identity WHERE seq = $p0;", ParseId(id) ?? -1L).ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw new KeyNotFoundException($"The identity '{id}' does not exist.");
                }

                seq = reader.GetInt64(0);
                state = (IdentityState)reader.GetInt32(1);
                values = TypedValues.ReadProperties(reader.GetString(2));
            }

            change(transaction, seq, state, values);
            transaction.Execute("INSERT INTO identity_operation (operation_id, identity_id) VALUES ($p0, $p1);", operationId, id);
        }, cancellationToken);
    }

    private static void WriteKeys(SqliteStore.Transaction transaction, long seq, Dictionary<string, object?> values)
    {
        foreach (var (property, value) in values)
        {
            if (value is string text && CoarseKey(text) is { Length: > 0 } key)
            {
                transaction.Execute("INSERT OR IGNORE INTO identity_key (property, key, identity_seq) VALUES ($p0, $p1, $p2);", Schema.Key(property), key, seq);
            }
        }
    }

    private static Identity ReadIdentity(SqliteDataReader reader)
        => new(FormatId(reader.GetInt64(0)), TypedValues.ReadProperties(reader.GetString(2)), (IdentityState)reader.GetInt32(1));

    private static Dictionary<string, object?> Copy(IReadOnlyDictionary<string, object?> properties)
        => new(properties, StringComparer.OrdinalIgnoreCase);

    private static string FormatId(long seq) => IdPrefix + seq.ToString("D6", CultureInfo.InvariantCulture);

    private static long? ParseId(string? id)
        => id is { Length: > 1 } && id.StartsWith(IdPrefix, StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            && string.Equals(FormatId(seq), id, StringComparison.Ordinal)
            ? seq
            : null;
}
