using System.Collections;
using System.Runtime.CompilerServices;
using static HrConnector.Testing.AssertText;

namespace HrConnector.Testing.Contracts;

/// <summary>
/// The assertions of the contract cases. Each throws <see cref="HrAssertionException"/> naming the expression checked
/// and, for comparisons, what was expected and found (the cases' own test data, never a host's records). Collections
/// compare item by item, recursively; other values with <see cref="object.Equals(object, object)"/>.
/// </summary>
internal static class Check
{
    public static void Equal<T>(T expected, T actual, [CallerArgumentExpression(nameof(actual))] string? what = null)
    {
        if (!AreEqual(expected, actual))
        {
            throw Failure(what, $"expected {Value(expected)}, found {Value(actual)}");
        }
    }

    public static void Equal<T>(IEnumerable<T> expected, IEnumerable<T> actual, [CallerArgumentExpression(nameof(actual))] string? what = null)
    {
        if (!AreEqual(expected, actual))
        {
            throw Failure(what, $"expected {Value(expected)}, found {Value(actual)}");
        }
    }

    public static void NotEqual<T>(T unexpected, T actual, [CallerArgumentExpression(nameof(actual))] string? what = null)
    {
        if (AreEqual(unexpected, actual))
        {
            throw Failure(what, $"expected anything but {Value(unexpected)}");
        }
    }

    public static void True(bool condition, [CallerArgumentExpression(nameof(condition))] string? what = null)
    {
        if (!condition)
        {
            throw Failure(what, "expected true, found false");
        }
    }

    public static void False(bool condition, [CallerArgumentExpression(nameof(condition))] string? what = null)
    {
        if (condition)
        {
            throw Failure(what, "expected false, found true");
        }
    }

    public static void Null(object? value, [CallerArgumentExpression(nameof(value))] string? what = null)
    {
        if (value is not null)
        {
            throw Failure(what, $"expected null, found {Value(value)}");
        }
    }

    public static T NotNull<T>([System.Diagnostics.CodeAnalysis.NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? what = null)
        where T : class
        => value ?? throw Failure(what, "expected a value, found null");

    public static void Empty(IEnumerable items, [CallerArgumentExpression(nameof(items))] string? what = null)
    {
        var all = items.Cast<object?>().ToList();
        if (all.Count > 0)
        {
            throw Failure(what, $"expected nothing, found {all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} items: {Value(all)}");
        }
    }

    public static T Single<T>(IEnumerable<T> items, [CallerArgumentExpression(nameof(items))] string? what = null)
    {
        var all = items.ToList();
        return all.Count == 1 ? all[0] : throw Failure(what, $"expected exactly one item, found {all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    public static void All<T>(IEnumerable<T> items, Action<T> check, [CallerArgumentExpression(nameof(items))] string? what = null)
    {
        var index = 0;
        foreach (var item in items)
        {
            try
            {
                check(item);
            }
            catch (HrAssertionException failure)
            {
                throw new HrAssertionException(Invariant($"{what}, item {index}: {failure.Message}"), failure);
            }

            index++;
        }
    }

    public static void Contains(string expected, string? actual, StringComparison comparison, [CallerArgumentExpression(nameof(actual))] string? what = null)
    {
        if (actual is null || !actual.Contains(expected, comparison))
        {
            throw Failure(what, $"expected text containing {Value(expected)}, found {Value(actual)}");
        }
    }

    public static T IsAssignableFrom<T>(object? value, [CallerArgumentExpression(nameof(value))] string? what = null)
        => value is T typed ? typed : throw Failure(what, $"expected an instance of {typeof(T).Name}, found {value?.GetType().Name ?? "null"}");

    public static T IsType<T>(object? value, [CallerArgumentExpression(nameof(value))] string? what = null)
        => value is not null && value.GetType() == typeof(T) ? (T)value : throw Failure(what, $"expected exactly {typeof(T).Name}, found {value?.GetType().Name ?? "null"}");

    /// <summary>Expects the task to throw exactly <typeparamref name="T"/>.</summary>
    public static async Task<T> ThrowsAsync<T>(Func<Task> action, [CallerArgumentExpression(nameof(action))] string? what = null)
        where T : Exception
    {
        var thrown = await CatchAsync(action).ConfigureAwait(false);
        return thrown is not null && thrown.GetType() == typeof(T)
            ? (T)thrown
            : throw Failure(what, $"expected {typeof(T).Name} to be thrown, found {Thrown(thrown)}", thrown);
    }

    /// <summary>Expects the task to throw <typeparamref name="T"/> or an exception derived from it.</summary>
    public static async Task<T> ThrowsAnyAsync<T>(Func<Task> action, [CallerArgumentExpression(nameof(action))] string? what = null)
        where T : Exception
    {
        var thrown = await CatchAsync(action).ConfigureAwait(false);
        return thrown as T ?? throw Failure(what, $"expected {typeof(T).Name} or a derived exception to be thrown, found {Thrown(thrown)}", thrown);
    }

    private static async Task<Exception?> CatchAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return null;
        }
#pragma warning disable CA1031 // The exception is what the check is about.
        catch (Exception thrown)
#pragma warning restore CA1031
        {
            return thrown;
        }
    }

    private static string Thrown(Exception? thrown) => thrown is null ? "nothing thrown" : thrown.GetType().Name;

    private static bool AreEqual(object? expected, object? actual)
    {
        if (ReferenceEquals(expected, actual))
        {
            return true;
        }

        if (expected is null || actual is null)
        {
            return false;
        }

        if (expected is IEnumerable expectedItems and not string && actual is IEnumerable actualItems and not string)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            return left.Count == right.Count && left.Zip(right).All(pair => AreEqual(pair.First, pair.Second));
        }

        return expected.Equals(actual);
    }

    private static HrAssertionException Failure(string? what, string problem, Exception? inner = null)
    {
        var message = (what ?? "value") + ": " + problem + ".";
        return inner is null ? new HrAssertionException(message) : new HrAssertionException(message, inner);
    }
}
