using System.Diagnostics;
using System.Globalization;
using HrConnector.Jobs;

namespace HrConnector.Sqlite;

/// <summary>
/// <see cref="IConnectorRunLock"/> across processes, as a row of the database (<c>run_lock</c>): it is the same row
/// whatever path opened the file (a symbolic link, <c>dir/../file</c>), which a lock file beside the database could not
/// promise. The row names its holder (a random owner id, the host, the process id and the process's start time) and a
/// lease that the holder renews while the run lasts.
/// </summary>
/// <remarks>
/// A row is taken over when its lease expired, or when its holder is a process of this host that is gone (no process
/// of that id, or one that started at another time: the id was reused), so a killed run does not block the next one on
/// the same host for the length of the lease. A holder on another host is trusted until its lease expires.
/// </remarks>
internal sealed class SqliteConnectorRunLock : IConnectorRunLock
{
    /// <summary>How long a lease lasts without renewal: a run on another host that stopped renewing is presumed dead after it.</summary>
    internal static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How often a holder renews its lease: four renewals per lease, so a slow write or two does not lose it.</summary>
    internal static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    // Process start times are read from different clocks across calls on some systems: a small difference is the same process.
    private static readonly long StartTolerance = (long)TimeSpan.FromSeconds(2).TotalMilliseconds;

    private static readonly Lazy<(string Host, int Pid, long Start)> Self = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return (Environment.MachineName, Environment.ProcessId, new DateTimeOffset(process.StartTime).ToUnixTimeMilliseconds());
    });

    private readonly SqliteStore _store;
    private readonly TimeProvider _clock;

    public SqliteConnectorRunLock(SqliteStore store, TimeProvider? clock = null)
    {
        _store = store;
        _clock = clock ?? TimeProvider.System;
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string connector, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        var key = Schema.Key(connector);
        var owner = Guid.NewGuid().ToString("N");
        var (host, pid, start) = Self.Value;
        var taken = await _store.WriteAsync(transaction =>
        {
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            using (var reader = transaction.Bind("SELECT host, pid, process_start, expires_at FROM run_lock WHERE connector = $p0;", key).ExecuteReader())
            {
                if (reader.Read() && reader.GetInt64(3) > now
                    && !(string.Equals(reader.GetString(0), host, StringComparison.OrdinalIgnoreCase) && !IsRunning(reader.GetInt32(1), reader.GetInt64(2))))
                {
                    return false;
                }
            }

            transaction.Execute(
                """
                INSERT INTO run_lock (connector, owner, host, pid, process_start, expires_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)
                ON CONFLICT (connector) DO UPDATE SET owner = excluded.owner, host = excluded.host, pid = excluded.pid, process_start = excluded.process_start, expires_at = excluded.expires_at;
                """,
                key, owner, host, pid, start, now + (long)Lease.TotalMilliseconds);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return taken ? new Handle(this, key, owner) : null;
    }

    /// <summary>Whether the process of that id runs and is the one that started at that time (Unix milliseconds).</summary>
    internal static bool IsRunning(int pid, long start)
    {
        if (pid == Environment.ProcessId)
        {
            return Math.Abs(start - Self.Value.Start) <= StartTolerance;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (IsZombie(pid))
            {
                return false;
            }

            return Math.Abs(new DateTimeOffset(process.StartTime).ToUnixTimeMilliseconds() - start) <= StartTolerance;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // No such process, or it exited while it was looked at.
            return false;
        }
    }

    /// <summary>A killed process whose parent has not reaped it yet is still listed on Linux: it holds nothing any more.</summary>
    private static bool IsZombie(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private Task<int> RenewAsync(string connector, string owner)
        => _store.WriteAsync(
            transaction => transaction.Execute(
                "UPDATE run_lock SET expires_at = $p2 WHERE connector = $p0 AND owner = $p1;",
                connector, owner, _clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)Lease.TotalMilliseconds),
            CancellationToken.None);

    private Task<int> ReleaseAsync(string connector, string owner)
        => _store.WriteAsync(
            transaction => transaction.Execute("DELETE FROM run_lock WHERE connector = $p0 AND owner = $p1;", connector, owner),
            CancellationToken.None);

    /// <summary>The held lock: renews its lease until disposed, then deletes its row if it still owns it.</summary>
    private sealed class Handle : IAsyncDisposable
    {
        private readonly SqliteConnectorRunLock _owner;
        private readonly string _connector;
        private readonly string _id;
        private readonly ITimer _timer;
        private int _disposed;

        public Handle(SqliteConnectorRunLock owner, string connector, string id)
        {
            _owner = owner;
            _connector = connector;
            _id = id;
            _timer = owner._clock.CreateTimer(_ => Renew(), null, RenewEvery, RenewEvery);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await _timer.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _owner.ReleaseAsync(_connector, _id).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The database was closed first: the row stays, and is taken over as the row of a process that ended
                // (or of an expired lease).
            }
        }

        private async void Renew()
        {
            try
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    await _owner.RenewAsync(_connector, _id).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // A failed renewal must not crash the process from a timer; the next one tries again, and the lease is four renewals long.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
