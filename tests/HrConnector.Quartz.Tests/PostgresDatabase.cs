using Npgsql;

namespace HrConnector.Quartz.Tests;

/// <summary>
/// A database of its own for one test, created on the PostgreSQL server of <c>.ci/start-postgres</c> (or the one
/// <c>HRCONNECTOR_TEST_POSTGRES</c> names) and dropped when the test ends, so that tests are independent and reruns
/// start clean.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The connection string of <c>.ci/start-postgres</c>'s role and database.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=hrconnector;Password=hrconnector;Database=hrconnector_quartz";

    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Gets the name of the database, unique to the test.</summary>
    public string Name { get; }

    /// <summary>Gets the connection string of the test's database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database of its own for the test (the role needs CREATEDB); fails, never skips, when the server is not there.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("HRCONNECTOR_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;
        var database = new PostgresDatabase(server, "hrconnector_test_" + Guid.NewGuid().ToString("N"));
        await using var connection = await Open(server);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Drops the test's database, with the connections the schedulers may still hold in their pools.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await Open(_server);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync();
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"The Quartz cluster tests need PostgreSQL, which could not be reached at {target.Host}:{target.Port} as '{target.Username}' " +
                $"(database '{target.Database}'): {exception.Message.TrimEnd('.')}. Run .ci/start-postgres (as root: it installs, starts and sets up the server), " +
                "or set HRCONNECTOR_TEST_POSTGRES to the connection string of a server where the role may create databases.",
                exception);
        }
    }
}
