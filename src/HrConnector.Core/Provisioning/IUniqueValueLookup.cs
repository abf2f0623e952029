namespace HrConnector.Provisioning;

/// <summary>
/// An optional capability of an <see cref="IIdentityRepository"/>: which of many candidate values of a property some
/// identity holds already, in one call. A generated identity value (see <see cref="GeneratedValueOptions"/>) asks it
/// once per joiner when the repository implements it, and <see cref="IIdentityRepository.FindAsync"/> once per
/// candidate otherwise.
/// </summary>
public interface IUniqueValueLookup : IIdentityRepository
{
    /// <summary>Finds the candidate values that some identity, active or not, holds for a property.</summary>
    /// <param name="identityProperty">The identity property.</param>
    /// <param name="candidates">The candidate values.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The candidates taken, as given; values are compared ignoring case.</returns>
    Task<IReadOnlySet<string>> TakenAsync(string identityProperty, IReadOnlyCollection<string> candidates, CancellationToken cancellationToken = default);
}
