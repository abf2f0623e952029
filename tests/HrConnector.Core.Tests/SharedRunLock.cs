namespace HrConnector.Tests;

/// <summary>
/// The test classes whose jobs take the process-wide default run lock (<see cref="HrConnector.Jobs.InMemoryConnectorRunLock.Shared"/>),
/// as the README's snippets do: one at a time, or a run of one would find the connector of the same name busy in another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedRunLock
{
    /// <summary>The collection's name.</summary>
    public const string Name = "The process-wide default run lock";
}
