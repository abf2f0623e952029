using System.Text;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Time.Testing;

namespace HrConnector.Tests.Shared;

/// <summary>The clock of the scenarios: a fake clock on Monday 5 January 2026, 06:00 UTC, moved by the tests only.</summary>
internal static class ScenarioClock
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);
}

/// <summary>The in-memory defaults of every service a job uses.</summary>
internal sealed class InMemoryServices
{
    public InMemoryResourceStore Store { get; } = new();

    public InMemoryIdentityRepository Repository { get; } = new();

    public InMemoryProvisioningJournal Journal { get; } = new();

    public InMemoryJobHistory History { get; } = new();

    public InMemoryConnectorRunLock RunLock { get; } = new();
}

/// <summary>A folder of its own under the temp path, for one test; deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "hrconnector-tests-") => Root = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Gets the full path of the folder.</summary>
    public string Root { get; }

    /// <summary>Gets the full path of the folder (the same as <see cref="Root"/>).</summary>
    public string Path => Root;

    /// <summary>The full path of a file of the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Writes bytes to a file of the folder (sub-folders created) and returns its full path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes text as UTF-8 without a byte order mark and returns the full path.</summary>
    public string WriteUtf8(string name, string text) => Write(name, new UTF8Encoding(false).GetBytes(text));

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open elsewhere (a database): the temp folder is cleaned later.
        }
    }
}

/// <summary>What the scenarios read back from the journal and the repository after a run.</summary>
internal static class ScenarioReads
{
    public static async Task<IReadOnlyList<IdentityLink>> LinksAsync(IProvisioningJournal journal)
        => await journal.ReadLinksAsync("HR").ToListAsync();

    public static async Task<IReadOnlyList<JournalEntry>> EntriesAsync(IProvisioningJournal journal)
        => await journal.ReadAsync("HR", openOnly: false).ToListAsync();

    /// <summary>The identity linked to an HR record.</summary>
    public static async Task<Identity> IdentityOfAsync(IProvisioningJournal journal, IIdentityRepository repository, string key, string connector = "HR")
    {
        var link = (await journal.ReadLinksAsync(connector).ToListAsync()).SingleOrDefault(l => l.ResourceKey == key) ?? throw new InvalidOperationException($"No link for {key}.");
        return await repository.GetAsync(link.IdentityId) ?? throw new InvalidOperationException($"No identity for {key}.");
    }
}
