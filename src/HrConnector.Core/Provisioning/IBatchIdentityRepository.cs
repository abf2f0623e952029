namespace HrConnector.Provisioning;

/// <summary>What an <see cref="IdentityWrite"/> does.</summary>
public enum IdentityWriteKind
{
    /// <summary>Creates an active identity (<see cref="IIdentityRepository.CreateAsync"/>).</summary>
    Create = 0,

    /// <summary>Sets values (<see cref="IIdentityRepository.UpdateAsync"/>).</summary>
    Update,

    /// <summary>Activates or deactivates (<see cref="IIdentityRepository.SetStateAsync"/>).</summary>
    SetState,

    /// <summary>Deletes (<see cref="IIdentityRepository.DeleteAsync"/>).</summary>
    Delete,
}

/// <summary>One write of a batch: the arguments of one call of <see cref="IIdentityRepository"/>.</summary>
public sealed record IdentityWrite
{
    /// <summary>Creates a write.</summary>
    /// <param name="kind">What it does.</param>
    /// <param name="operationId">The idempotency key, as for the single-item methods.</param>
    /// <param name="identityId">The identity; <see langword="null"/> for <see cref="IdentityWriteKind.Create"/>.</param>
    /// <param name="properties">The values to set (create, update), or <see langword="null"/>.</param>
    /// <param name="state">The new state (set state).</param>
    public IdentityWrite(IdentityWriteKind kind, string operationId, string? identityId, IReadOnlyDictionary<string, object?>? properties, IdentityState state = IdentityState.Active)
    {
        Kind = kind;
        OperationId = operationId;
        IdentityId = identityId;
        Properties = properties;
        State = state;
    }

    /// <summary>Gets what it does.</summary>
    public IdentityWriteKind Kind { get; init; }

    /// <summary>Gets the idempotency key, as for the single-item methods.</summary>
    public string OperationId { get; init; }

    /// <summary>Gets the identity; <see langword="null"/> for <see cref="IdentityWriteKind.Create"/>.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets the values to set (create, update), or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    /// <summary>Gets the new state (set state).</summary>
    public IdentityState State { get; init; }
}

/// <summary>The outcome of one <see cref="IdentityWrite"/>.</summary>
public sealed record IdentityWriteResult
{
    /// <summary>Creates the result of a write.</summary>
    /// <param name="identityId">The identity written (the one created for a create), or <see langword="null"/> when the write failed.</param>
    /// <param name="error">Why it failed, or <see langword="null"/>: an exception of the kinds the single-item methods throw.</param>
    public IdentityWriteResult(string? identityId, Exception? error = null)
    {
        IdentityId = identityId;
        Error = error;
    }

    /// <summary>Gets the identity written (the one created for a create), or <see langword="null"/> when the write failed.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets why it failed, or <see langword="null"/>: an exception of the kinds the single-item methods throw.</summary>
    public Exception? Error { get; init; }
}

/// <summary>
/// An optional capability of an <see cref="IIdentityRepository"/>: many writes in one call (one transaction in a
/// database). The dispatcher uses it when the repository implements it, and the single-item methods otherwise.
/// </summary>
/// <remarks>
/// Each write keeps the contract of its single-item method, idempotency per operation id included. A write that fails
/// is reported in its own result and does not stop the others; an exception thrown by the call itself leaves every write
/// of the batch in doubt (the connector replays them under the same operation ids).
/// </remarks>
public interface IBatchIdentityRepository : IIdentityRepository
{
    /// <summary>Applies writes in order.</summary>
    /// <param name="writes">The writes.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>One result per write, in the same order.</returns>
    Task<IReadOnlyList<IdentityWriteResult>> WriteBatchAsync(IReadOnlyList<IdentityWrite> writes, CancellationToken cancellationToken = default);
}
