using HrConnector.Jobs;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The contract of <see cref="IConnectorRunLock"/>: the case HrConnector runs against <see cref="InMemoryConnectorRunLock"/>
/// and the SQLite lock, to run against yours.
/// </summary>
/// <remarks>
/// One run per connector, ignoring case; disposing the handle releases the lock. Cases that need two processes or
/// hosts are the implementation's own (the SQLite lock has them).
/// </remarks>
public static class ConnectorRunLockContract
{
    /// <summary>The cases, each on new subjects of a factory.</summary>
    /// <param name="createLock">Returns a new lock, held by nobody, at each call; called only when a case runs.</param>
    /// <returns>The cases.</returns>
    public static ContractSuite Cases(Func<IConnectorRunLock> createLock)
    {
        ArgumentNullException.ThrowIfNull(createLock);
        return new ContractSuite(nameof(IConnectorRunLock),
        [
            Case(nameof(TryAcquireAsync_OnePerConnector_IgnoringCase_ReleasedOnDispose), () => TryAcquireAsync_OnePerConnector_IgnoringCase_ReleasedOnDispose(createLock), null, null),
        ]);

        static ContractCase Case(string name, Func<Task> run, string? category, Type? requires) => new(nameof(IConnectorRunLock), name, run, category, requires);
    }

    private static async Task TryAcquireAsync_OnePerConnector_IgnoringCase_ReleasedOnDispose(Func<IConnectorRunLock> create)
    {
        var runLock = create();
        var first = await runLock.TryAcquireAsync("HR");
        Check.NotNull(first);
        Check.Null(await runLock.TryAcquireAsync("HR"));
        Check.Null(await runLock.TryAcquireAsync("hr"));

        var other = await runLock.TryAcquireAsync("Payroll");
        Check.NotNull(other);
        await first.DisposeAsync();

        var again = await runLock.TryAcquireAsync("HR");
        Check.NotNull(again);
        await again.DisposeAsync();
        await other.DisposeAsync();
    }
}
