using System.Text;
using Mono.Cecil;

namespace HrConnector.Architecture.Tests;

/// <summary>
/// The dependency rules of HrConnector.Core, read from the compiled assembly (see <see cref="DependencyGraph"/> and
/// <see cref="Layers"/>): no type uses a type of a higher layer, and no two namespaces depend on each other. There are
/// no exceptions (docs/architecture.md tells how the 93 upward dependencies of the first reading were removed).
/// </summary>
[Trait("Category", "Architecture")]
public sealed class LayerTests
{
    private static readonly Lazy<DependencyGraph> Graph = new(() => DependencyGraph.Read(CorePath, Layers.Prefix));

    private static string CorePath => typeof(HrConnector.Connector).Assembly.Location;

    [Fact]
    public void EveryNamespace_BelongsToALayer()
    {
        var unplaced = Graph.Value.Namespaces().Keys.Where(n => Layers.Of(n) < 0).ToList();

        Assert.True(unplaced.Count == 0, $"Namespaces without a layer (add them to Layers.Order): {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void NoType_UsesAHigherLayer()
    {
        var violations = Violations().Order(StringComparer.Ordinal).ToList();

        Assert.True(violations.Count == 0, $"{violations.Count} dependencies from a lower layer to a higher one (move the type, or invert the dependency):\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void FeatureNamespaces_HaveNoCycle()
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (type, uses) in Graph.Value.Types)
        {
            var from = DependencyGraph.NamespaceOf(type);
            foreach (var used in uses)
            {
                var to = DependencyGraph.NamespaceOf(used);
                if (to != from)
                {
                    (edges.TryGetValue(from, out var set) ? set : edges[from] = new HashSet<string>(StringComparer.Ordinal)).Add(to);
                }
            }
        }

        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).Select(c => string.Join(" ↔ ", c.Order(StringComparer.Ordinal))).ToList();

        Assert.True(cycles.Count == 0, "Namespaces that depend on each other: " + string.Join("; ", cycles));
    }

    [Fact]
    public void EveryPublicType_IsInThePublicApiFiles()
    {
        var declared = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicApi", "PublicAPI.Shipped.txt"))
            .Concat(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicApi", "PublicAPI.Unshipped.txt")))
            .Select(l => l.StartsWith("*REMOVED*", StringComparison.Ordinal) ? string.Empty : l)
            .ToList();
        using var module = ModuleDefinition.ReadModule(CorePath, new ReaderParameters { InMemory = true });

        var missing = module.GetTypes().Where(IsVisible).Select(ApiName).Where(name => !declared.Any(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is '.' or ' ' or '<' or '('))).ToList();

        Assert.True(missing.Count == 0, "Public types missing from PublicAPI.Shipped.txt/PublicAPI.Unshipped.txt: " + string.Join(", ", missing));
    }

    /// <summary>Every dependency from a type to a type of a higher layer, as "from -> to".</summary>
    internal static IEnumerable<string> Violations()
    {
        foreach (var (type, uses) in Graph.Value.Types)
        {
            var layer = Layers.Of(DependencyGraph.NamespaceOf(type));
            foreach (var used in uses)
            {
                if (Layers.Of(DependencyGraph.NamespaceOf(used)) > layer)
                {
                    yield return Line(type, used);
                }
            }
        }
    }

    private static string Line(string from, string to) => $"{from} -> {to}";

    private static bool IsVisible(TypeDefinition type)
        => type.DeclaringType is null ? type.IsPublic : type.IsNestedPublic && IsVisible(type.DeclaringType);

    /// <summary>The name of a type as the public API files write it: nested types with a dot, generic parameters in angle brackets.</summary>
    private static string ApiName(TypeDefinition type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick] + "<" + string.Join(", ", type.GenericParameters.Skip(type.DeclaringType?.GenericParameters.Count ?? 0).Select(p => p.Name)) + ">";
        }

        return type.DeclaringType is { } outer ? ApiName(outer) + "." + name : type.Namespace + "." + name;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> edges)
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).ToList();

        void Visit(string node)
        {
            indices[node] = low[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!indices.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !indices.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }
}
