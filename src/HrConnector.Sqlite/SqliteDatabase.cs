using System.Globalization;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Data.Sqlite;

namespace HrConnector.Sqlite;

/// <summary>
/// The embedded default of HrConnector.Core on one SQLite file: the resource store, the identity repository, the
/// provisioning journal, the job history and a run lock that holds across processes. The schema is created and
/// migrated when the file is opened; the file is in WAL mode.
/// </summary>
/// <remarks>
/// <para>
/// Every write is one transaction: a plan commit (<see cref="IResourceStore.CommitAsync"/>), a stage, a release or a
/// discard of the journal, an identity write together with its operation id. Writes run with
/// <c>PRAGMA synchronous=NORMAL</c>: in WAL mode a committed transaction survives the crash or the kill of the process
/// (what the crash tests check); only a power loss or an operating-system crash may take back the last transactions,
/// never corrupt the file.
/// </para>
/// <para>Thread-safe; several processes may open the same file (SQLite's locks and a busy time-out serialize their writes).</para>
/// </remarks>
public sealed class SqliteDatabase : IDisposable, IAsyncDisposable
{
    private readonly SqliteStore _store;

    private SqliteDatabase(SqliteStore store)
    {
        _store = store;
        ResourceStore = new SqliteResourceStore(store);
        IdentityRepository = new SqliteIdentityRepository(store);
        Journal = new SqliteProvisioningJournal(store);
        History = new SqliteJobHistory(store);
        RunLock = new SqliteConnectorRunLock(store);
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path => _store.Path;

    /// <summary>Gets the resource store (HR's last synchronized state per connector and entity type).</summary>
    public IResourceStore ResourceStore { get; }

    /// <summary>Gets the identity repository: identities with typed values, idempotent writes per operation id.</summary>
    public IIdentityRepository IdentityRepository { get; }

    /// <summary>Gets the provisioning journal (the outbox of orders, and the links between HR records and identities).</summary>
    public IProvisioningJournal Journal { get; }

    /// <summary>Gets the history of job results.</summary>
    public IJobHistory History { get; }

    /// <summary>
    /// Gets the run lock: one run per connector across every process that opens this file, whatever path it opens it
    /// by. It is a row of the database naming its holder, with a lease of two minutes that the holder renews every 30
    /// seconds while the run lasts. A run that crashed never blocks the next one for long: its row is taken over at once
    /// by a process of the same host (the holder's process is gone), and after the lease by a process of another host.
    /// </summary>
    public IConnectorRunLock RunLock { get; }

    /// <summary>
    /// Opens a database file: creates the file and its schema when they do not exist, migrates the schema of an older
    /// version (<c>PRAGMA user_version</c>), and switches the file to WAL mode. On Unix a new file (and so its
    /// <c>-wal</c> and <c>-shm</c> files) is readable and writable by its owner only: it holds personal data.
    /// </summary>
    /// <param name="path">The path of the file.</param>
    /// <returns>The database.</returns>
    /// <exception cref="SqliteDatabaseException">
    /// The file was written by a newer version of this package (its schema version is unknown; the inner exception is a
    /// <see cref="NotSupportedException"/>), or it is not a SQLite database or cannot be opened (the inner exception is
    /// the <see cref="SqliteException"/>). The message names the file.
    /// </exception>
    public static SqliteDatabase Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        CreateOwnerOnly(fullPath);
        var store = new SqliteStore(fullPath);
        try
        {
            store.Initialize();
            return new SqliteDatabase(store);
        }
        catch (NotSupportedException exception)
        {
            store.Dispose();
            throw new SqliteDatabaseException(fullPath, exception.Message, exception);
        }
        catch (SqliteException exception)
        {
            store.Dispose();
            throw new SqliteDatabaseException(
                fullPath,
                string.Create(CultureInfo.InvariantCulture, $"The database '{fullPath}' cannot be opened: {Reason(exception)}"),
                exception);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a new database file readable and writable by its owner only, on Unix, before SQLite opens it: the file
    /// holds personal data, and SQLite gives its <c>-wal</c> and <c>-shm</c> files the permissions of the database file.
    /// An existing file keeps its permissions; a missing folder is left for SQLite to report.
    /// </summary>
    private static void CreateOwnerOnly(string fullPath)
    {
        if (OperatingSystem.IsWindows() || File.Exists(fullPath) || !System.IO.Directory.Exists(System.IO.Path.GetDirectoryName(fullPath)))
        {
            return;
        }

        try
        {
            using (File.Create(fullPath))
            {
            }

            File.SetUnixFileMode(fullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // SQLite reports a file it cannot create or open, naming the path (see Open).
        }
    }

    /// <summary>Says why SQLite refused the file, in words a person can act on.</summary>
    private static string Reason(SqliteException exception) => exception.SqliteErrorCode switch
    {
        14 => "SQLite cannot open the file (error 14); does its folder exist, and may this user read and write it?",
        26 => "it is not a SQLite database (error 26).",
        _ => exception.Message,
    };

    /// <summary>Closes the connections of the database.</summary>
    public void Dispose() => _store.Dispose();

    /// <summary>Closes the connections of the database.</summary>
    /// <returns>A task.</returns>
    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
