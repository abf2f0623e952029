using System.Text.RegularExpressions;

namespace HrConnector.Architecture.Tests;

/// <summary>
/// The layer rule as a reader meets it: no source file of HrConnector.Core imports (<c>using</c>) the namespace of a
/// higher layer, even when nothing of it is used — the compiled assembly does not keep unused imports, so
/// <see cref="LayerTests"/> cannot see them, but a reader of the file takes them for a dependency. Reads the source
/// files of the repository the tests were built from (read only).
/// </summary>
[Trait("Category", "Architecture")]
public sealed partial class SourceImportTests
{
    [Fact]
    public void NoSourceFile_ImportsAHigherLayer()
    {
        var files = Directory.EnumerateFiles(CoreSourceFolder(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var violations = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } declared || Layers.Of(declared.Groups[1].Value) is var layer && layer < 0)
            {
                continue;
            }

            violations.AddRange(Using().Matches(text)
                .Select(m => m.Groups[1].Value)
                .Where(imported => Layers.Of(imported) > layer)
                .Select(imported => $"{Path.GetFileName(file)} ({declared.Groups[1].Value}) imports {imported}"));
        }

        Assert.True(files.Count > 100, $"The source files were not found: {files.Count} under {CoreSourceFolder()}.");
        Assert.True(violations.Count == 0, "Imports of a higher layer (remove the using, or move the type):\n  " + string.Join("\n  ", violations));
    }

    /// <summary>src/HrConnector.Core of the repository: the first folder above the test's output that holds the solution file.</summary>
    private static string CoreSourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HrConnector.Core.sln")))
            {
                return Path.Combine(folder.FullName, "src", "HrConnector.Core");
            }
        }

        throw new InvalidOperationException($"No HrConnector.Core.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Using();
}
