using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace HrConnector.DependencyInjection;

/// <summary>Finds the folder of the configuration file a connector's section comes from, so that its relative paths resolve there.</summary>
internal static class ConfigurationFolder
{
    // ConfigurationSection does not expose its root; without it (another implementation) the folder is unknown.
    private static readonly FieldInfo? SectionRoot = typeof(ConfigurationSection).GetField("_root", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// The folder of the one configuration file whose keys make up the section: the files of every file provider (JSON,
    /// XML, INI) that holds a key under the section, when they all are in one folder (appsettings.json and
    /// appsettings.Production.json); <see langword="null"/> when no file holds the section (in memory, environment
    /// variables, a stream) or files of several folders do.
    /// </summary>
    public static string? Of(IConfiguration configuration)
    {
        var (root, path) = configuration switch
        {
            IConfigurationRoot r => (r, string.Empty),
            ConfigurationSection s => (SectionRoot?.GetValue(s) as IConfigurationRoot, s.Path),
            _ => (null, string.Empty),
        };
        if (root is null)
        {
            return null;
        }

        string? folder = null;
        foreach (var provider in root.Providers)
        {
            if (!Holds(provider, path))
            {
                continue;
            }

            if (provider is not FileConfigurationProvider { Source: { FileProvider: { } files, Path: { } file } }
                || files.GetFileInfo(file).PhysicalPath is not { } physical)
            {
                // A key of the section from environment variables or the command line overrides a value; it says nothing
                // of where the files are.
                continue;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(physical));
            if (folder is not null && !string.Equals(folder, directory, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return null;
            }

            folder = directory;
        }

        return folder;
    }

    private static bool Holds(IConfigurationProvider provider, string path)
        => path.Length == 0 ? provider.GetChildKeys([], null).Any() : provider.GetChildKeys([], path).Any() || provider.TryGet(path, out _);
}
