using HrConnector.Mapping;
using HrConnector.Provisioning;
using HrConnector.Csv;
using static HrConnector.Testing.AssertText;

namespace HrConnector.Testing;

/// <summary>
/// Assertions on a <see cref="MappingResult"/> (from <see cref="HrConnector.Connector.MapText"/>,
/// <see cref="HrConnector.Connector.MapRow"/> or <see cref="HrConnector.Connector.Read(string, ReadOptions?, CancellationToken)"/>):
/// which resources came out, with which values, and which rows were rejected. Each throws
/// <see cref="HrAssertionException"/> on failure.
/// </summary>
/// <example>
/// <code>
/// var people = connector.MapText("Person", "Id,Last,Hired\nE1,Doe,06/01/2025\nE2,,x\n");
/// MappingAssert.HasValue(people, "E1", "HireDate", new DateOnly(2025, 1, 6));
/// MappingAssert.Rejected(people, 3, RejectReason.InvalidValue);
/// </code>
/// </example>
public static class MappingAssert
{
    /// <summary>Asserts that a resource has a key.</summary>
    /// <param name="result">The mapping result.</param>
    /// <param name="key">The primary key.</param>
    /// <returns>The resource, for further checks.</returns>
    /// <exception cref="HrAssertionException">No resource has the key (the message says whether its row was rejected).</exception>
    public static Resource HasResource(MappingResult result, string key)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(key);
        if (result.TryGetResource(key, out var resource))
        {
            return resource;
        }

        var rejects = result.Rejects.Where(r => string.Equals(r.Key, key, StringComparison.Ordinal)).ToList();
        var why = rejects.Count > 0
            ? " Its row was rejected: " + string.Join(" ", rejects.Select(r => r.Message))
            : Invariant($" Resources: {List(result.Resources.Select(r => r.Key))}.");
        throw new HrAssertionException(Invariant($"{result.EntityType.Identifier}: no resource has the key '{key}'.{why}"));
    }

    /// <summary>Asserts that a resource has a value: numbers compare by value, multi-valued properties as sets, <see langword="null"/> equals an empty text.</summary>
    /// <param name="result">The mapping result.</param>
    /// <param name="key">The primary key of the resource.</param>
    /// <param name="property">The property.</param>
    /// <param name="expected">The value expected: a string, a number, a Boolean, a <see cref="DateOnly"/>, a <see cref="DateTime"/>, a <see cref="Guid"/>, the key referred to by a navigation property, or a list of those.</param>
    /// <exception cref="HrAssertionException">No resource has the key, the entity type has no such property, or the value differs.</exception>
    public static void HasValue(MappingResult result, string key, string property, object? expected)
    {
        ArgumentNullException.ThrowIfNull(property);
        var resource = HasResource(result, key);
        if (!resource.EntityType.TryGetProperty(property, out var entityProperty))
        {
            throw new HrAssertionException(Invariant($"{resource.EntityType.Identifier}: there is no property '{property}'. The properties are: {List(resource.EntityType.Properties.Select(p => p.Identifier))}."));
        }

        var actual = resource.GetValue(entityProperty);
        if (!IdentityValues.AreEqual(actual, expected))
        {
            throw new HrAssertionException(Invariant($"{resource.EntityType.Identifier} '{key}' (line {resource.Line}): {entityProperty.Identifier} is {Value(actual, entityProperty)}, expected {Value(expected, entityProperty)}."));
        }
    }

    /// <summary>Asserts that no row was rejected.</summary>
    /// <param name="result">The mapping result.</param>
    /// <exception cref="HrAssertionException">There are rejects; the message lists them (without values unless the host opted in).</exception>
    public static void NoRejects(MappingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.HasRejects)
        {
            throw new HrAssertionException(Invariant($"{result.EntityType.Identifier}: expected no rejects, found {result.Rejects.Count}: {List(result.Rejects.Select(r => r.Message))}"));
        }
    }

    /// <summary>Asserts that the row starting at a line was rejected for a reason.</summary>
    /// <param name="result">The mapping result.</param>
    /// <param name="line">The 1-based physical line where the row starts (the header is line 1).</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The reject, for further checks (its column or message).</returns>
    /// <exception cref="HrAssertionException">The row was not rejected for that reason; the message lists the rejects found.</exception>
    public static Reject Rejected(MappingResult result, long line, RejectReason reason)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reject = result.Rejects.FirstOrDefault(r => r.Line == line && r.Reason == reason);
        if (reject is not null)
        {
            return reject;
        }

        var found = result.Rejects.Select(r => Invariant($"line {r.Line} {r.Reason}{(r.Column is null ? string.Empty : " (" + r.Column + ")")}"));
        throw new HrAssertionException(Invariant($"{result.EntityType.Identifier}: expected the row at line {line} to be rejected as {reason}; the rejects are: {List(found)}."));
    }
}
