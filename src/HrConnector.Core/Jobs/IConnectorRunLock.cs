using System.Collections.Concurrent;

namespace HrConnector.Jobs;

/// <summary>Makes sure only one run per connector is in progress. Replace the default to lock across processes (a database lock, a lease).</summary>
public interface IConnectorRunLock
{
    /// <summary>Takes the lock of a connector, without waiting.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A handle that releases the lock when disposed, or <see langword="null"/> when another run holds it.</returns>
    Task<IAsyncDisposable?> TryAcquireAsync(string connector, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IConnectorRunLock"/>: one run per connector in this process.</summary>
public sealed class InMemoryConnectorRunLock : IConnectorRunLock
{
    private readonly ConcurrentDictionary<string, Releaser> _held = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the lock shared by every job of the process that was given none.</summary>
    public static InMemoryConnectorRunLock Shared { get; } = new();

    /// <inheritdoc/>
    public Task<IAsyncDisposable?> TryAcquireAsync(string connector, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connector);
        var releaser = new Releaser(this, connector);
        return Task.FromResult<IAsyncDisposable?>(_held.TryAdd(connector, releaser) ? releaser : null);
    }

    private sealed class Releaser(InMemoryConnectorRunLock owner, string connector) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner._held.TryRemove(new KeyValuePair<string, Releaser>(connector, this));
            return ValueTask.CompletedTask;
        }
    }
}
