using HrConnector.Modeling;
namespace HrConnector.Sqlite;

/// <summary>
/// Thrown when a database file cannot be used: it cannot be opened (a missing folder, no permission, not a SQLite
/// file), or it was written by a newer version of this package. The message names the file and the reason; the
/// original exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class SqliteDatabaseException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The full path of the database file.</param>
    /// <param name="message">What went wrong, naming the file.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteDatabaseException(string path, string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string Path { get; }
}
