namespace HrConnector.Provisioning;

/// <summary>Applies an order to an identity repository, an operation id being the idempotency key of every write.</summary>
public static class IdentityWrites
{
    /// <summary>Applies an order under its own id: creates, updates, (re)activates or deletes its identity.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="order">The order; every kind but <see cref="OrderKind.Added"/> needs <see cref="ProvisioningOrder.IdentityId"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity the order applied to.</returns>
    /// <exception cref="InvalidOperationException">The order needs an identity and has none.</exception>
    public static Task<string> ApplyAsync(IIdentityRepository repository, ProvisioningOrder order, CancellationToken cancellationToken = default)
        => ApplyWithOperationIdAsync(repository, order, order?.Id!, cancellationToken);

    /// <summary>Applies an order under an operation id (<see cref="JournalEntry.OperationId"/>): creates, updates, (re)activates or deletes its identity.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="order">The order; every kind but <see cref="OrderKind.Added"/> needs <see cref="ProvisioningOrder.IdentityId"/>.</param>
    /// <param name="operationId">The idempotency key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity the order applied to.</returns>
    /// <exception cref="InvalidOperationException">The order needs an identity and has none.</exception>
    public static async Task<string> ApplyWithOperationIdAsync(IIdentityRepository repository, ProvisioningOrder order, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        string? identityId = order.IdentityId;
        foreach (var write in Writes(order, operationId))
        {
            identityId = await ApplyWriteAsync(repository, write, cancellationToken).ConfigureAwait(false);
        }

        return identityId!;
    }

    /// <summary>
    /// Applies one write through the repository's single-item methods: what a batch does for each of its writes when the
    /// repository has no cheaper way (<see cref="IBatchIdentityRepository.WriteBatchAsync"/>).
    /// </summary>
    /// <param name="repository">The repository.</param>
    /// <param name="write">The write.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity written: the one created for a create.</returns>
    public static async Task<string> ApplyWriteAsync(IIdentityRepository repository, IdentityWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(write);
        switch (write.Kind)
        {
            case IdentityWriteKind.Create:
                return await repository.CreateAsync(write.Properties!, write.OperationId, cancellationToken).ConfigureAwait(false);
            case IdentityWriteKind.Update:
                await repository.UpdateAsync(write.IdentityId!, write.Properties!, write.OperationId, cancellationToken).ConfigureAwait(false);
                break;
            case IdentityWriteKind.SetState:
                await repository.SetStateAsync(write.IdentityId!, write.State, write.OperationId, cancellationToken).ConfigureAwait(false);
                break;
            case IdentityWriteKind.Delete:
                await repository.DeleteAsync(write.IdentityId!, write.OperationId, cancellationToken).ConfigureAwait(false);
                break;
        }

        return write.IdentityId!;
    }

    /// <summary>The repository writes an order makes, in order, each with its own operation id.</summary>
    /// <param name="order">The order.</param>
    /// <param name="operationId">The idempotency key of the order's attempt.</param>
    /// <returns>The writes (none for a modification without values).</returns>
    /// <exception cref="InvalidOperationException">The order needs an identity and has none.</exception>
    public static IReadOnlyList<IdentityWrite> Writes(ProvisioningOrder order, string operationId)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Kind == OrderKind.Added)
        {
            return [new IdentityWrite(IdentityWriteKind.Create, operationId, null, order.GetValues())];
        }

        var id = order.IdentityId ?? throw new InvalidOperationException($"The order {order.Id} ({order.Kind}) has no identity.");
        return order.Kind switch
        {
            OrderKind.Modified or OrderKind.Linked => order.Changes.Count > 0 ? [new IdentityWrite(IdentityWriteKind.Update, operationId, id, order.GetValues())] : [],
            OrderKind.Deactivated => [new IdentityWrite(IdentityWriteKind.SetState, operationId, id, null, IdentityState.Inactive)],

            // One operation id per write: the values and the state change are two writes of the same order. The values
            // go first: a host that refuses them leaves the identity inactive, so that a refused reactivation has not
            // activated anyone (activated first, a refused order would leave an active identity the connector
            // believes inactive, which nothing would deactivate once HR no longer wants it).
            OrderKind.Reactivated => order.Changes.Count > 0
                ? [new IdentityWrite(IdentityWriteKind.Update, operationId + ":values", id, order.GetValues()), new IdentityWrite(IdentityWriteKind.SetState, operationId, id, null, IdentityState.Active)]
                : [new IdentityWrite(IdentityWriteKind.SetState, operationId, id, null, IdentityState.Active)],
            OrderKind.Deleted => [new IdentityWrite(IdentityWriteKind.Delete, operationId, id, null)],
            _ => [],
        };
    }
}
