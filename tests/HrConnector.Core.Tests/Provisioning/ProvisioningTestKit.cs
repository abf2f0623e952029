using HrConnector.Provisioning;

namespace HrConnector.Tests.Provisioning;

/// <summary>Orders built by hand for the journal, launcher and repository tests.</summary>
internal static class ProvisioningTestKit
{
    public const string Connector = "HR";

    public static readonly DateTimeOffset Now = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    public static ProvisioningOrder Order(
        string id,
        OrderKind kind = OrderKind.Added,
        string? identityId = null,
        string key = "E1",
        string runId = "run-1",
        DateTimeOffset? notBefore = null,
        string connector = Connector,
        params (string Property, object? Value)[] values)
        => new(
            id,
            connector,
            "Person",
            key,
            kind,
            identityId,
            workflow: null,
            [.. values.Select(v => new IdentityValueChange(v.Property, null, v.Value, OwnershipPolicy.OnChange))],
            runId,
            Now,
            notBefore);

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
