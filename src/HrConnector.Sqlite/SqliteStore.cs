using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// The connections of one database file: one write connection whose prepared commands are reused, guarded by a
/// semaphore (SQLite has one writer at a time anyway), and pooled read connections that WAL lets run beside a write.
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private bool _disposed;
    private HashSet<string>? _indexedProperties;

    public SqliteStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Creates or migrates the schema and switches the file to WAL.</summary>
    public void Initialize()
    {
        _writer = Open();
        Schema.Migrate(_writer, Path);
    }

    /// <summary>Opens a connection for reads; the caller disposes it (back to the pool).</summary>
    public SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Open();
    }

    /// <summary>Runs <paramref name="work"/> in one immediate transaction of the write connection, committed when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<Transaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _writer!.BeginTransaction(deferred: false);
            _indexedProperties = null;
            var result = work(new Transaction(this, transaction));
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one immediate transaction of the write connection.</summary>
    public Task WriteAsync(Action<Transaction> work, CancellationToken cancellationToken)
        => WriteAsync(t =>
        {
            work(t);
            return true;
        }, cancellationToken);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _writeGate.Wait();
        try
        {
            _disposed = true;
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            if (_writer is not null)
            {
                SqliteConnection.ClearPool(_writer);
                _writer.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();

            // NORMAL with WAL: a commit is durable across a crash of the process (the WAL is in the OS's hands); an
            // OS crash or power loss may lose the last commits, not the file's consistency.
            // journal_size_limit: after the checkpoint of a big commit (a first load), the WAL file shrinks back to 64 MB.
            // cache_size 64 MB (a negative size is in KiB): a stage or release of a million orders touches the order-id
            // index at random places; with SQLite's default 2 MB cache those pages spill and are read back many times.
            // wal_autocheckpoint 16,384 pages (64 MB): a dispatch commits two small transactions per thousand orders, and
            // checkpointing every 4 MB (the default) copied the same journal and index pages into the file again and again.
            command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A write transaction and the cached commands of the write connection.</summary>
    internal readonly struct Transaction
    {
        private readonly SqliteStore _store;
        private readonly SqliteTransaction _transaction;

        public Transaction(SqliteStore store, SqliteTransaction transaction)
        {
            _store = store;
            _transaction = transaction;
        }

        /// <summary>Gets or sets the identity properties whose index keys are kept, as read in this transaction (read once per transaction).</summary>
        public HashSet<string>? Indexed
        {
            get => _store._indexedProperties;
            set => _store._indexedProperties = value;
        }

        /// <summary>Gets the prepared command of a SQL text, its parameters named <c>$p0</c>, <c>$p1</c>…, bound to the transaction.</summary>
        public SqliteCommand Command(string sql, int parameterCount = 0)
        {
            if (!_store._commands.TryGetValue(sql, out var command))
            {
                command = _store._writer!.CreateCommand();
                command.CommandText = sql;
                for (var i = 0; i < parameterCount; i++)
                {
                    command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
                }

                _store._commands.Add(sql, command);
            }

            command.Transaction = _transaction;
            return command;
        }

        /// <summary>Executes a cached command with the given parameter values; returns the number of rows changed.</summary>
        public int Execute(string sql, params object?[] values) => Bind(sql, values).ExecuteNonQuery();

        /// <summary>Executes a cached command and returns the first column of the first row.</summary>
        public object? Scalar(string sql, params object?[] values)
        {
            var result = Bind(sql, values).ExecuteScalar();
            return result is DBNull ? null : result;
        }

        /// <summary>Gets a cached command with the given parameter values.</summary>
        public SqliteCommand Bind(string sql, params object?[] values)
        {
            var command = Command(sql, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return command;
        }
    }
}
