using HrConnector.Sqlite;

namespace HrConnector.Cli;

/// <summary>The tool's default: every service on one SQLite file (HrConnector.Sqlite).</summary>
internal sealed class SqliteInfrastructureFactory : IInfrastructureFactory
{
    public Infrastructure Open(string databasePath, bool create = true)
    {
        if (!create && !File.Exists(databasePath))
        {
            // Nothing synchronized yet: an empty state, and no file left behind by a command that only reads.
            return Infrastructure.InMemory();
        }

        var database = SqliteDatabase.Open(databasePath);
        return new Infrastructure(database.ResourceStore, database.IdentityRepository, database.Journal, database.History, database.RunLock, owner: database);
    }
}
