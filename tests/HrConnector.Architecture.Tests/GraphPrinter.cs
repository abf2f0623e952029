namespace HrConnector.Architecture.Tests;

/// <summary>Prints the namespace graph as a Mermaid diagram (for docs/architecture.md): run with HRCONNECTOR_PRINT_GRAPH set.</summary>
[Trait("Category", "Architecture")]
public sealed class GraphPrinter
{
    [Fact]
    public void Namespaces_PrintedAsMermaid_NameEveryNamespace()
    {
        var graph = DependencyGraph.Read(typeof(HrConnector.Connector).Assembly.Location, Layers.Prefix);
        var namespaces = graph.Namespaces();
        var lines = new List<string> { "graph BT" };
        foreach (var (from, uses) in namespaces)
        {
            foreach (var to in uses)
            {
                var upward = Layers.Of(to) > Layers.Of(from);
                lines.Add($"  {Id(from)}[{from}] {(upward ? "-. upward .->" : "-->")} {Id(to)}[{to}]");
            }
        }

        if (Environment.GetEnvironmentVariable("HRCONNECTOR_PRINT_GRAPH") is { Length: > 0 } path)
        {
            File.WriteAllLines(path, lines);
        }

        Assert.All(namespaces.Keys, n => Assert.Contains(lines, l => l.Contains($"[{n}]", StringComparison.Ordinal)));
    }

    private static string Id(string @namespace) => @namespace.Replace(".", "_", StringComparison.Ordinal);
}
