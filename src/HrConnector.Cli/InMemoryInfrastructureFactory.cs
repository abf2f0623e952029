using System.Collections.Concurrent;

namespace HrConnector.Cli;

/// <summary>
/// The services on the in-memory defaults of HrConnector.Core, one set per database path for the life of the process:
/// nothing is written to disk, so a run of the tool starts from an empty store every time. Commands run one after
/// the other in one process (the tests) see each other's state. The SQLite factory of HrConnector.Sqlite replaces
/// it as the tool's default; this one stays for tests.
/// </summary>
internal sealed class InMemoryInfrastructureFactory : IInfrastructureFactory
{
    private readonly ConcurrentDictionary<string, Infrastructure> _databases = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    public Infrastructure Open(string databasePath, bool create = true)
        => _databases.GetOrAdd(Path.GetFullPath(databasePath), _ => Infrastructure.InMemory());
}
