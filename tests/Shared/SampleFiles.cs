namespace HrConnector.Tests.Shared;

/// <summary>
/// The repository's samples as the tests see them: the files committed under samples/ (listed by exact name in
/// tests/Samples.targets) are copied into the test output at build time, and each test copies them again into a folder
/// of its own. A test never reads or writes the working copy of samples/: after the README's day-2 step
/// (<c>cp samples/fabrikam/day2/* samples/fabrikam/inbox/</c>, then a sync that creates hrconnector.db beside the
/// connector), the tests still see the day-1 inbox.
/// </summary>
internal static class SampleFiles
{
    /// <summary>The Fabrikam sample's files, relative to samples/fabrikam: the connector, the day-1 inbox and the day-2 export.</summary>
    public static readonly string[] Fabrikam =
    [
        "connector.json",
        "inbox/departments_20261125.csv",
        "inbox/people_20261125.csv",
        "day2/departments_20261126.csv",
        "day2/people_20261126.csv",
    ];

    /// <summary>The folder of the test output that holds a copy of the sample <paramref name="name"/> (samples/&lt;name&gt;).</summary>
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>Copies the Fabrikam sample into <paramref name="folder"/> (connector.json, inbox/, day2/), each file last written at <paramref name="lastWriteUtc"/>.</summary>
    public static void CopyFabrikam(string folder, DateTime lastWriteUtc)
    {
        foreach (var file in Fabrikam)
        {
            var source = Path.Combine(Folder("fabrikam"), file);
            var target = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            File.SetLastWriteTimeUtc(target, lastWriteUtc);
        }
    }
}
