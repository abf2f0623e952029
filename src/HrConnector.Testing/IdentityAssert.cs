using HrConnector.Provisioning;
using static HrConnector.Testing.AssertText;

namespace HrConnector.Testing;

/// <summary>
/// Assertions on an <see cref="Identity"/> of the identity repository (found with
/// <see cref="ConnectorTestBed.GetIdentityAsync"/> or <see cref="IIdentityRepository.GetAsync"/>). Each throws
/// <see cref="HrAssertionException"/> on failure. The messages never quote identity values: a repository does not say
/// which of its properties are sensitive.
/// </summary>
/// <example>
/// <code>
/// IdentityAssert.HasValue(await bed.GetIdentityAsync("E2"), "Title", "Manager");
/// IdentityAssert.HasState(await bed.GetIdentityAsync("E3"), IdentityState.Inactive);
/// </code>
/// </example>
public static class IdentityAssert
{
    /// <summary>Asserts that an identity exists and has a value: numbers compare by value, lists as sets, <see langword="null"/> equals an empty text.</summary>
    /// <param name="identity">The identity; <see langword="null"/> fails.</param>
    /// <param name="property">The identity property.</param>
    /// <param name="expected">The value expected.</param>
    /// <exception cref="HrAssertionException">There is no identity, or the value differs.</exception>
    public static void HasValue(Identity? identity, string property, object? expected)
    {
        ArgumentNullException.ThrowIfNull(property);
        var actual = Require(identity);
        if (!actual.Properties.ContainsKey(property) && expected is not null)
        {
            throw new HrAssertionException(Invariant($"Identity {actual.Id}: there is no property '{property}'. The properties are: {List(actual.Properties.Keys)}."));
        }

        var value = actual.GetValue(property);
        if (!IdentityValues.AreEqual(value, expected))
        {
            var what = value is null ? "has no value" : expected is null ? "has a value" : "has another value (" + value.GetType().Name + ")";
            throw new HrAssertionException(Invariant($"Identity {actual.Id}: {property} {what}; expected {(expected is null ? "none" : "a " + expected.GetType().Name)}. Values are not quoted: the repository does not say which properties are sensitive."));
        }
    }

    /// <summary>Asserts that an identity exists and is active or inactive.</summary>
    /// <param name="identity">The identity; <see langword="null"/> fails.</param>
    /// <param name="state">The state expected.</param>
    /// <exception cref="HrAssertionException">There is no identity, or its state differs.</exception>
    public static void HasState(Identity? identity, IdentityState state)
    {
        var actual = Require(identity);
        if (actual.State != state)
        {
            throw new HrAssertionException(Invariant($"Identity {actual.Id} is {actual.State}, expected {state}."));
        }
    }

    private static Identity Require(Identity? identity)
        => identity ?? throw new HrAssertionException("Expected an identity, found none: the HR record was never provisioned, or its identity was deleted.");
}
