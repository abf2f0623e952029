using System.Runtime.CompilerServices;
using HrConnector.Jobs;

namespace HrConnector.Sqlite;

/// <summary><see cref="IJobHistory"/> on SQLite: one row per run, the result as <see cref="JobResult.ToJson"/> writes it.</summary>
internal sealed class SqliteJobHistory : IJobHistory
{
    private readonly SqliteStore _store;

    public SqliteJobHistory(SqliteStore store) => _store = store;

    public Task AddAsync(JobResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = result.ToJson();
        return _store.WriteAsync(
            transaction => transaction.Execute("INSERT INTO job_history (connector, run_id, result) VALUES ($p0, $p1, $p2);", Schema.Key(result.Connector), result.RunId, json),
            cancellationToken);
    }

    public async IAsyncEnumerable<JobResult> ListAsync(string connector, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT result FROM job_history WHERE connector = $c ORDER BY seq DESC;";
        command.Parameters.AddWithValue("$c", Schema.Key(connector));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return JobResult.FromJson(reader.GetString(0));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
