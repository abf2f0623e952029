using HrConnector.Jobs;
using HrConnector.Provisioning;
using static HrConnector.Testing.AssertText;

namespace HrConnector.Testing;

/// <summary>
/// Assertions on a <see cref="JobResult"/> of <see cref="SynchronizationJob.RunAsync"/>: how the run ended and which
/// provisioning orders it produced. Each throws <see cref="HrAssertionException"/> on failure.
/// </summary>
/// <example>
/// <code>
/// JobAssert.Status(result, JobStatus.Succeeded);
/// JobAssert.Orders(result, OrderKind.Added, "E1", "E2");
/// JobAssert.Orders(result, OrderKind.Deleted, 0);
/// </code>
/// </example>
public static class JobAssert
{
    /// <summary>Asserts how a run ended.</summary>
    /// <param name="result">The result.</param>
    /// <param name="status">The status expected.</param>
    /// <exception cref="HrAssertionException">The status differs; the message gives the run's messages (no personal data).</exception>
    public static void Status(JobResult result, JobStatus status)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != status)
        {
            var messages = result.Messages.Count > 0 ? " Messages: " + string.Join(" ", result.Messages) : string.Empty;
            throw new HrAssertionException(Invariant($"The run {result.RunId} is {result.Status}, expected {status}.{messages}"));
        }
    }

    /// <summary>Asserts the number of orders of a kind the run produced.</summary>
    /// <param name="result">The result.</param>
    /// <param name="kind">The kind of order.</param>
    /// <param name="count">The number expected.</param>
    /// <exception cref="HrAssertionException">The number differs; the message gives the count of every kind.</exception>
    public static void Orders(JobResult result, OrderKind kind, int count)
    {
        ArgumentNullException.ThrowIfNull(result);
        var actual = result.Orders.Count(o => o.Kind == kind);
        if (actual != count)
        {
            throw new HrAssertionException(Invariant($"The run {result.RunId} produced {actual} {kind} orders, expected {count}. Orders: {Summary(result)}."));
        }
    }

    /// <summary>Asserts the exact HR records, by key and in any order, for which the run produced orders of a kind.</summary>
    /// <param name="result">The result.</param>
    /// <param name="kind">The kind of order.</param>
    /// <param name="resourceKeys">The keys of the HR records expected; none to assert that there is no order of the kind.</param>
    /// <exception cref="HrAssertionException">The keys differ; the message lists the missing and the unexpected ones.</exception>
    public static void Orders(JobResult result, OrderKind kind, params string[] resourceKeys)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(resourceKeys);
        var actual = result.Orders.Where(o => o.Kind == kind).Select(o => o.ResourceKey).ToList();
        if (Difference(resourceKeys, actual) is { } difference)
        {
            throw new HrAssertionException(Invariant($"The run {result.RunId} produced {kind} orders for {List(actual)}; expected {List(resourceKeys)}: {difference} Orders: {Summary(result)}."));
        }
    }

    private static string Summary(JobResult result)
    {
        var counts = result.Orders.GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g => Invariant($"{g.Count()} {g.Key}"));
        return List(counts);
    }
}
