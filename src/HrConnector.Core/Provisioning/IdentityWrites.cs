namespace HrConnector.Provisioning;

/// <summary>Applies an order to an identity repository, the order id being the idempotency key of every write.</summary>
public static class IdentityWrites
{
    /// <summary>Applies an order: creates, updates, (re)activates or deletes its identity.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="order">The order; every kind but <see cref="OrderKind.Added"/> needs <see cref="ProvisioningOrder.IdentityId"/>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The identity the order applied to.</returns>
    /// <exception cref="InvalidOperationException">The order needs an identity and has none.</exception>
    public static async Task<string> ApplyAsync(IIdentityRepository repository, ProvisioningOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Kind == OrderKind.Added)
        {
            return await repository.CreateAsync(order.GetValues(), order.Id, cancellationToken).ConfigureAwait(false);
        }

        var id = order.IdentityId ?? throw new InvalidOperationException($"The order {order.Id} ({order.Kind}) has no identity.");
        switch (order.Kind)
        {
            case OrderKind.Modified or OrderKind.Linked:
                if (order.Changes.Count > 0)
                {
                    await repository.UpdateAsync(id, order.GetValues(), order.Id, cancellationToken).ConfigureAwait(false);
                }

                break;
            case OrderKind.Deactivated:
                await repository.SetStateAsync(id, IdentityState.Inactive, order.Id, cancellationToken).ConfigureAwait(false);
                break;
            case OrderKind.Reactivated:
                // One operation id per write: the state change and the values are two writes of the same order.
                await repository.SetStateAsync(id, IdentityState.Active, order.Id, cancellationToken).ConfigureAwait(false);
                if (order.Changes.Count > 0)
                {
                    await repository.UpdateAsync(id, order.GetValues(), order.Id + ":values", cancellationToken).ConfigureAwait(false);
                }

                break;
            case OrderKind.Deleted:
                await repository.DeleteAsync(id, order.Id, cancellationToken).ConfigureAwait(false);
                break;
        }

        return id;
    }
}
