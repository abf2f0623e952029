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
/// criterion reads every identity. <see cref="WriteBatchAsync"/> applies a batch in one transaction, each write in a
/// savepoint of its own, so that a write that fails leaves the others.
/// </remarks>
internal sealed class SqliteIdentityRepository : IBatchIdentityRepository, IUniqueValueLookup
{
    private const string IdPrefix = "I";

    private readonly SqliteStore _store;

    // The indexed properties as this instance last read them; every write reads them again in its transaction, since
    // another process may have indexed one since.
    private HashSet<string> _indexed = new(StringComparer.Ordinal);

    public SqliteIdentityRepository(SqliteStore store) => _store = store;

    public async Task<IReadOnlyList<Identity>> FindAsync(IdentityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var indexed = query.Criteria.FirstOrDefault(c => c.Value is string text && CoarseKey(text).Length > 0);
        if (indexed is not null)
        {
            await EnsureIndexedAsync(Schema.Key(indexed.Property), cancellationToken).ConfigureAwait(false);
        }

        return Find(query, indexed);
    }

    /// <summary>
    /// Index keys are kept only for the properties correlation queries (a first load of a million identities paid six
    /// key rows each for nothing): the first query on a property indexes it, every identity at once, in one transaction.
    /// </summary>
    private Task EnsureIndexedAsync(string property, CancellationToken cancellationToken)
    {
        if (_indexed.Contains(property))
        {
            return Task.CompletedTask;
        }

        return _store.WriteAsync(transaction =>
        {
            if (transaction.Execute("INSERT OR IGNORE INTO identity_indexed (property) VALUES ($p0);", property) == 1)
            {
                var rows = new List<(long Seq, string Key)>();
                using (var reader = transaction.Bind("SELECT seq, properties FROM identity;").ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var values = TypedValues.ReadProperties(reader.GetString(1));
                        if (values.FirstOrDefault(v => string.Equals(v.Key, property, StringComparison.OrdinalIgnoreCase)).Value is string text && CoarseKey(text) is { Length: > 0 } key)
                        {
                            rows.Add((reader.GetInt64(0), key));
                        }
                    }
                }

                foreach (var (seq, key) in rows)
                {
                    transaction.Execute("INSERT OR IGNORE INTO identity_key (property, key, identity_seq) VALUES ($p0, $p1, $p2);", property, key, seq);
                }
            }

            _indexed = IndexedProperties(transaction);
        }, cancellationToken);
    }

    private static HashSet<string> IndexedProperties(SqliteStore.Transaction transaction)
    {
        var properties = new HashSet<string>(StringComparer.Ordinal);
        using var reader = transaction.Bind("SELECT property FROM identity_indexed;").ExecuteReader();
        while (reader.Read())
        {
            properties.Add(reader.GetString(0));
        }

        return properties;
    }

    /// <summary>
    /// Which candidates some identity holds (ignoring case), in one read: each candidate is looked up in the index of its
    /// coarse key, and the few identities found are compared exactly. A generated login or e-mail address of a joiner
    /// costs one call, however many candidates its templates give.
    /// </summary>
    public async Task<IReadOnlySet<string>> TakenAsync(string identityProperty, IReadOnlyCollection<string> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityProperty);
        ArgumentNullException.ThrowIfNull(candidates);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keyed = candidates.Where(c => CoarseKey(c).Length > 0).ToList();
        if (keyed.Count > 0)
        {
            await EnsureIndexedAsync(Schema.Key(identityProperty), cancellationToken).ConfigureAwait(false);
            using var connection = _store.OpenReader();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT i.seq, i.state, i.properties FROM identity_key k JOIN identity i ON i.seq = k.identity_seq
                WHERE k.property = $p AND k.key = $k;
                """;
            command.Parameters.AddWithValue("$p", Schema.Key(identityProperty));
            var key = command.Parameters.Add("$k", SqliteType.Text);
            foreach (var candidate in keyed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                key.Value = CoarseKey(candidate);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (ReadIdentity(reader).GetValue(identityProperty) is string held && string.Equals(held, candidate, StringComparison.OrdinalIgnoreCase))
                    {
                        taken.Add(candidate);
                    }
                }
            }
        }

        // A candidate without any letter or digit has no index key: the identities are read once for all of them.
        var unkeyed = candidates.Where(c => CoarseKey(c).Length == 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (unkeyed.Count > 0)
        {
            await foreach (var identity in ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (identity.GetValue(identityProperty) is string held && unkeyed.TryGetValue(held, out var candidate))
                {
                    taken.Add(candidate);
                }
            }
        }

        return taken;
    }

    private List<Identity> Find(IdentityQuery query, IdentityCriterion? indexed)
    {
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
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

        return found;
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
        return _store.WriteAsync(transaction => Create(transaction, values, json, operationId), cancellationToken);
    }

    public Task UpdateAsync(string id, IReadOnlyDictionary<string, object?> properties, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return _store.WriteAsync(transaction => Update(transaction, id, properties, operationId), cancellationToken);
    }

    public Task SetStateAsync(string id, IdentityState state, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return _store.WriteAsync(transaction => SetState(transaction, id, state, operationId), cancellationToken);
    }

    public Task DeleteAsync(string id, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return _store.WriteAsync(transaction => Delete(transaction, id, operationId), cancellationToken);
    }

    public Task<IReadOnlyList<IdentityWriteResult>> WriteBatchAsync(IReadOnlyList<IdentityWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);

        // Values are serialized before the write lock is taken; one that cannot be stored fails its write only.
        var prepared = writes.Select(Prepare).ToList();
        return _store.WriteAsync<IReadOnlyList<IdentityWriteResult>>(transaction =>
        {
            var results = new IdentityWriteResult[prepared.Count];
            for (var i = 0; i < prepared.Count; i++)
            {
                var (write, values, json, error) = prepared[i];
                if (error is not null)
                {
                    results[i] = new IdentityWriteResult(null, error);
                    continue;
                }

                // A savepoint per write that may fail (one that fails half-way leaves nothing behind, and the others
                // stay); a create has nothing to check, and a savepoint per create cost a fifth of a first load.
                var guarded = write.Kind != IdentityWriteKind.Create;
                if (guarded)
                {
                    transaction.Execute("SAVEPOINT identity_write;");
                }

                try
                {
                    var id = write.Kind switch
                    {
                        IdentityWriteKind.Create => Create(transaction, values!, json!, write.OperationId),
                        IdentityWriteKind.Update => Update(transaction, write.IdentityId!, write.Properties!, write.OperationId),
                        IdentityWriteKind.SetState => SetState(transaction, write.IdentityId!, write.State, write.OperationId),
                        _ => Delete(transaction, write.IdentityId!, write.OperationId),
                    };
                    if (guarded)
                    {
                        transaction.Execute("RELEASE identity_write;");
                    }

                    results[i] = new IdentityWriteResult(id);
                }
                catch (Exception exception) when (guarded && exception is KeyNotFoundException or ArgumentException or NotSupportedException or InvalidOperationException)
                {
                    transaction.Execute("ROLLBACK TO identity_write;");
                    transaction.Execute("RELEASE identity_write;");
                    results[i] = new IdentityWriteResult(null, exception);
                }
            }

            return results;
        }, cancellationToken);
    }

    /// <summary>
    /// The index key of a string: upper case, without diacritics, without any white space. Two strings equal under any
    /// <see cref="MatchNormalization"/> have the same key (it removes more than each normalization does), so the key
    /// finds every candidate and <see cref="IdentityValues.AreEqual"/> decides.
    /// </summary>
    internal static string CoarseKey(string value)
    {
        // Most HR values are ASCII: no diacritic to strip, so no Unicode decomposition (it dominated first loads).
        if (System.Text.Ascii.IsValid(value))
        {
            Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
            var length = 0;
            foreach (var c in value)
            {
                if (!char.IsWhiteSpace(c))
                {
                    buffer[length++] = char.ToUpperInvariant(c);
                }
            }

            return new string(buffer[..length]);
        }

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

    /// <summary>Checks a write of a batch and serializes its values, as the single-item methods do before they write.</summary>
    private static (IdentityWrite Write, Dictionary<string, object?>? Values, string? Json, Exception? Error) Prepare(IdentityWrite write)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(write);
            ArgumentException.ThrowIfNullOrEmpty(write.OperationId);
            if (write.Kind != IdentityWriteKind.Create)
            {
                ArgumentException.ThrowIfNullOrEmpty(write.IdentityId);
            }

            if (write.Kind is IdentityWriteKind.Create or IdentityWriteKind.Update)
            {
                ArgumentNullException.ThrowIfNull(write.Properties);
            }

            if (write.Kind == IdentityWriteKind.Create)
            {
                var values = Copy(write.Properties!);
                return (write, values, TypedValues.WriteProperties(values), null);
            }

            return (write, null, null, null);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return (write, null, null, exception);
        }
    }

    private static string Create(SqliteStore.Transaction transaction, Dictionary<string, object?> values, string json, string operationId)
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
    }

    private static string Update(SqliteStore.Transaction transaction, string id, IReadOnlyDictionary<string, object?> properties, string operationId)
        => Write(transaction, id, operationId, (seq, values) =>
        {
            foreach (var (property, value) in properties)
            {
                values[property] = value;
            }

            transaction.Execute("UPDATE identity SET properties = $p1 WHERE seq = $p0;", seq, TypedValues.WriteProperties(values));
            transaction.Execute("DELETE FROM identity_key WHERE identity_seq = $p0;", seq);
            WriteKeys(transaction, seq, values);
        });

    private static string SetState(SqliteStore.Transaction transaction, string id, IdentityState state, string operationId)
        => Write(transaction, id, operationId, (seq, _) => transaction.Execute("UPDATE identity SET state = $p1 WHERE seq = $p0;", seq, (int)state));

    private static string Delete(SqliteStore.Transaction transaction, string id, string operationId)
    {
        if (transaction.Scalar("SELECT 1 FROM identity_operation WHERE operation_id = $p0;", operationId) is not null)
        {
            return id;
        }

        if (ParseId(id) is { } seq)
        {
            transaction.Execute("DELETE FROM identity WHERE seq = $p0;", seq);
            transaction.Execute("DELETE FROM identity_key WHERE identity_seq = $p0;", seq);
        }

        transaction.Execute("INSERT INTO identity_operation (operation_id, identity_id) VALUES ($p0, $p1);", operationId, id ?? string.Empty);
        return id!;
    }

    private static string Write(SqliteStore.Transaction transaction, string id, string operationId, Action<long, Dictionary<string, object?>> change)
    {
        if (transaction.Scalar("SELECT 1 FROM identity_operation WHERE operation_id = $p0;", operationId) is not null)
        {
            return id;
        }

        long seq;
        Dictionary<string, object?> values;
        using (var reader = transaction.Bind("SELECT seq, properties FROM identity WHERE seq = $p0;", ParseId(id) ?? -1L).ExecuteReader())
        {
            if (!reader.Read())
            {
                throw new KeyNotFoundException($"The identity '{id}' does not exist.");
            }

            seq = reader.GetInt64(0);
            values = TypedValues.ReadProperties(reader.GetString(1));
        }

        change(seq, values);
        transaction.Execute("INSERT INTO identity_operation (operation_id, identity_id) VALUES ($p0, $p1);", operationId, id);
        return id;
    }

    private static void WriteKeys(SqliteStore.Transaction transaction, long seq, Dictionary<string, object?> values)
    {
        var indexed = transaction.Indexed ??= IndexedProperties(transaction);
        if (indexed.Count == 0)
        {
            return;
        }

        foreach (var (property, value) in values)
        {
            var name = Schema.Key(property);
            if (indexed.Contains(name) && value is string text && CoarseKey(text) is { Length: > 0 } key)
            {
                transaction.Execute("INSERT OR IGNORE INTO identity_key (property, key, identity_seq) VALUES ($p0, $p1, $p2);", name, key, seq);
            }
        }
    }

    private static Identity ReadIdentity(SqliteDataReader reader)
        => new(FormatId(reader.GetInt64(0)), TypedValues.ReadProperties(reader.GetFieldValue<byte[]>(2)), (IdentityState)reader.GetInt32(1));

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
