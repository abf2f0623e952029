namespace HrConnector.Testing.Contracts;

/// <summary>Reads an asynchronous sequence into a list (<c>ToListAsync</c> is in the box from .NET 10 only).</summary>
internal static class AsyncItems
{
    public static async Task<List<T>> ListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
