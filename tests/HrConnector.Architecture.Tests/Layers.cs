namespace HrConnector.Architecture.Tests;

/// <summary>
/// The layers of HrConnector.Core, bottom first: a namespace may use its own layer and the ones below, never one above.
/// The model (entity types, properties, options, the exception base) depends on nothing; each feature depends only on
/// the features below it — Csv ← Mapping ← Synchronization ← Provisioning ← Jobs —; the connector facade, its builder,
/// configuration and factory sit at the root namespace on top, with the dependency-injection registration.
/// </summary>
internal static class Layers
{
    public const string Prefix = "HrConnector";

    /// <summary>Gets the layers, bottom first; the namespaces of one layer may use each other.</summary>
    public static IReadOnlyList<string[]> Order { get; } =
    [
        ["HrConnector.Modeling"],
        ["HrConnector.Diagnostics"],
        ["HrConnector.Csv"],
        ["HrConnector.Mapping"],
        ["HrConnector.Synchronization"],
        ["HrConnector.Provisioning"],
        ["HrConnector.Jobs"],
        ["HrConnector", "HrConnector.DependencyInjection"],
    ];

    /// <summary>The layer of a namespace (its index in <see cref="Order"/>), or -1 when it has none.</summary>
    public static int Of(string @namespace)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i].Contains(@namespace, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
