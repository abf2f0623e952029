using System.Text;

namespace HrConnector.Cli;

/// <summary>
/// Writes the files of the tool that may hold personal data (plan.json): on Unix a file it creates is readable and
/// writable by its owner only; an existing file keeps its permissions. On Windows the folder's ACL applies.
/// </summary>
internal static class OwnerOnlyFile
{
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken);
    }
}
