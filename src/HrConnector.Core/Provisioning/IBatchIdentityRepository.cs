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
/// <param name="Kind">What it does.</param>
/// <param name="OperationId">The idempotency key, as for the single-item methods.</param>
/// <param name="IdentityId">The identity; <see langword="null"/> for <see cref="IdentityWriteKind.Create"/>.</param>
/// <param name="Properties">The values to set (create, update), or <see langword="null"/>.</param>
/// <param name="State">The new state (set state).</param>
public sealed record IdentityWrite(IdentityWriteKind Kind, string OperationId, string? IdentityId, IReadOnlyDictionary<string, object?>? Properties, IdentityState State = IdentityState.Active);

/// <summary>The outcome of one <see cref="IdentityWrite"/>.</summary>
/// <param name="IdentityId">The identity written (the one created for a create), or <see langword="null"/> when the write failed.</param>
/// <param name="Error">Why it failed, or <see langword="null"/>: an exception of the kinds the single-item methods throw.</param>
public sealed record IdentityWriteResult(string? IdentityId, Exception? Error = null);

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
