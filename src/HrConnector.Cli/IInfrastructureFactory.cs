namespace HrConnector.Cli;

/// <summary>Opens the services a connector runs on, all kept in one database file.</summary>
internal interface IInfrastructureFactory
{
    /// <summary>Opens (or creates) the database at a path.</summary>
    /// <param name="databasePath">The full path of the database file.</param>
    /// <param name="create">Whether to create a missing database; commands that only read pass <see langword="false"/> and see an empty one, so that they write nothing.</param>
    /// <returns>The services; disposing them closes the database.</returns>
    Infrastructure Open(string databasePath, bool create = true);
}
