using System.Text.RegularExpressions;

namespace HrConnector.Tests;

/// <summary>
/// The README's embedding code compiles as written: each block marked <c>&lt;!-- snippet: path --&gt;</c> equals the
/// file it names, which CI builds (samples/Hosting). The READMEs are copied into the test output at build time
/// (tests/Samples.targets, under docs/).
/// </summary>
[Trait("Category", "Hosting")]
public sealed partial class ReadmeSnippetTests
{
    private static readonly string Docs = Path.Combine(AppContext.BaseDirectory, "docs");

    public static TheoryData<string> Readmes()
    {
        var readmes = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(Path.Combine(Docs, "src"), "README.md", SearchOption.AllDirectories))
        {
            readmes.Add(Path.GetRelativePath(Docs, file).Replace('\\', '/'));
        }

        return readmes;
    }

    [Fact]
    public void Readme_ShowsTheHostAndBothSkeletonsFromCompiledFiles()
    {
        var snippets = Snippets(Read("README.md")).Select(s => s.Path).ToList();

        Assert.Contains("samples/Hosting/Program.cs", snippets);
        Assert.Contains("samples/Hosting/MyIdentityRepository.cs", snippets);
        Assert.Contains("samples/Hosting/MyWorkflowLauncher.cs", snippets);
        Assert.Contains("samples/Hosting/EmbeddedSqlite.cs", snippets);
        Assert.Contains("samples/ContractTests/MyIdentityRepositoryContractTests.cs", snippets);
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void EverySnippet_EqualsTheFileItNames(string readme)
    {
        foreach (var (path, code) in Snippets(Read(readme)))
        {
            var file = Path.Combine(Docs, path);
            Assert.True(File.Exists(file), $"{readme}: the snippet names {path}, which is not copied into the test output (tests/Samples.targets).");
            Assert.Equal(Normalize(File.ReadAllText(file)), code);
        }
    }

    [Fact]
    public void Skeletons_ImplementEveryMemberOfTheirInterface()
    {
        foreach (var (file, contract) in new[] { ("MyIdentityRepository.cs", typeof(HrConnector.Provisioning.IIdentityRepository)), ("MyWorkflowLauncher.cs", typeof(HrConnector.Provisioning.IWorkflowLauncher)) })
        {
            var code = File.ReadAllText(Path.Combine(Docs, "samples", "Hosting", file));
            Assert.All(contract.GetMethods(), method => Assert.Contains($" {method.Name}(", code, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void PackageReadmes_LinkAbsolutely(string readme)
    {
        if (readme == "README.md")
        {
            return;                                                 // the repository's README links within the repository
        }

        var relative = LinkPattern().Matches(Read(readme)).Select(m => m.Groups[1].Value).Where(l => !l.StartsWith("https://", StringComparison.Ordinal));
        Assert.Empty(relative);
    }

    private static string Read(string readme) => Normalize(File.ReadAllText(Path.Combine(Docs, readme)));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    private static IEnumerable<(string Path, string Code)> Snippets(string markdown)
        => SnippetPattern().Matches(markdown).Select(m => (m.Groups["path"].Value, m.Groups["code"].Value));

    [GeneratedRegex(@"<!-- snippet: (?<path>\S+) -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();

    [GeneratedRegex(@"\]\(([^)]+)\)")]
    private static partial Regex LinkPattern();
}
