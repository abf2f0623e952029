using System.IO.Hashing;
using System.Text;
using HrConnector.Jobs;

namespace HrConnector.Sqlite;

/// <summary>
/// <see cref="IConnectorRunLock"/> across processes: an exclusive lock on a file beside the database, one per
/// connector, held while the run lasts. The operating system releases it when the process ends, however it ends, so a
/// crashed run never blocks the next one (no lease to expire, no heartbeat). The files stay: removing one while another
/// process opens it would let two runs lock two different files.
/// </summary>
internal sealed class FileConnectorRunLock : IConnectorRunLock
{
    private readonly string _databasePath;

    public FileConnectorRunLock(string databasePath) => _databasePath = databasePath;

    public Task<IAsyncDisposable?> TryAcquireAsync(string connector, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        cancellationToken.ThrowIfCancellationRequested();

        // The connector's name is hashed: it may hold characters a file name cannot, and is compared ignoring case.
        var hash = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(Schema.Key(connector)));
        var path = FormattableString.Invariant($"{_databasePath}.{hash:x16}.lock");
        try
        {
            // FileShare.None is an exclusive lock: flock(LOCK_EX | LOCK_NB) on Unix, a sharing mode on Windows; it
            // holds against other processes and against other handles of this process.
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Task.FromResult<IAsyncDisposable?>(file);
        }
        catch (IOException) when (File.Exists(path))
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }
}
