using HrConnector.Jobs;
using HrConnector.Provisioning;

namespace HrConnector.Cli.Tests;

/// <summary>A copy of the fixture company in a folder of its own, and the tool run in-process on one in-memory infrastructure.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hrconnector-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        foreach (var file in System.IO.Directory.GetFiles(fixtures))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public string Configuration => Path.Combine(Directory, "connector.json");

    /// <summary>The database the tool uses by default: hrconnector.db next to the configuration.</summary>
    public string DefaultDatabase => Path.Combine(Directory, "hrconnector.db");

    public InMemoryInfrastructureFactory Factory { get; } = new();

    public Infrastructure Services => Factory.Open(DefaultDatabase);

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Makes a fixture file the people file of the next run (day 2, for example).</summary>
    public void UsePeople(string fixture) => File.Copy(PathOf(fixture), PathOf("people.csv"), overwrite: true);

    public void Write(string file, string text) => File.WriteAllText(PathOf(file), text);

    public void Edit(string file, string oldText, string newText)
    {
        var text = File.ReadAllText(PathOf(file));
        Assert.Contains(oldText, text);
        File.WriteAllText(PathOf(file), text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, Factory);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public async Task<List<Identity>> IdentitiesAsync()
    {
        var identities = new List<Identity>();
        await foreach (var identity in Services.IdentityRepository.ListAsync())
        {
            identities.Add(identity);
        }

        return identities;
    }

    /// <summary>The identity linked to an HR record.</summary>
    public async Task<Identity> IdentityOfAsync(string employeeId)
    {
        await foreach (var link in Services.Journal.ReadLinksAsync("Fabrikam_HR"))
        {
            if (link.ResourceKey == employeeId)
            {
                return await Services.IdentityRepository.GetAsync(link.IdentityId) ?? throw new InvalidOperationException($"The identity of {employeeId} is gone.");
            }
        }

        throw new InvalidOperationException($"{employeeId} is linked to no identity.");
    }

    public async Task<List<JobResult>> HistoryAsync()
    {
        var results = new List<JobResult>();
        await foreach (var result in Services.History.ListAsync("Fabrikam_HR"))
        {
            results.Add(result);
        }

        return results;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>What one command did.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Expected errors end in a message, never a stack trace.</summary>
    public void AssertNoStackTrace()
    {
        Assert.DoesNotContain("   at ", Output + Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", Output + Error, StringComparison.Ordinal);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
