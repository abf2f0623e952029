using System.Runtime.CompilerServices;

namespace HrConnector.Jobs;

/// <summary>The results of past runs, written by <see cref="SynchronizationJob"/> at the end of every run that was not a preview (like the run history of identity suites).</summary>
public interface IJobHistory
{
    /// <summary>Records the result of a run.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>A task.</returns>
    Task AddAsync(JobResult result, CancellationToken cancellationToken = default);

    /// <summary>Reads the results of a connector's runs, newest first.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The results (without plan and orders).</returns>
    IAsyncEnumerable<JobResult> ListAsync(string connector, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IJobHistory"/>: results in memory, thread-safe.</summary>
public sealed class InMemoryJobHistory : IJobHistory
{
    private readonly object _lock = new();
    private readonly List<JobResult> _results = [];

    /// <inheritdoc/>
    public Task AddAsync(JobResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            // Kept as its JSON form would be read back: no plan or orders held in memory for every past run.
            _results.Add(JobResult.FromJson(result.ToJson()));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<JobResult> ListAsync(string connector, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JobResult[] results;
        lock (_lock)
        {
            results = [.. _results.Where(r => string.Equals(r.Connector, connector, StringComparison.OrdinalIgnoreCase)).Reverse()];
        }

        foreach (var result in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return result;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
