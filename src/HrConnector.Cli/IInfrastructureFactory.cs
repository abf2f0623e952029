namespace HrConnector.Cli;

/// <summary>Opens the services a connector runs on, all kept in one database file.</summary>
internal interface IInfrastructureFactory
{
    /// <summary>Opens (or creates) the database at a path.</summary>
    /// <param name="databasePath">The full path of the database file.</param>
    /// <returns>The services; disposing them closes the database.</returns>
    Infrastructure Open(string databasePath);
}
