using System.Globalization;
using HrConnector.Jobs;
using HrConnector.Sqlite;
using HrConnector.Sqlite.CrashHarness;

// usage: <database> <launcher log> <people>
// Prints "STEP <name>" when a step of the job starts, and "DONE <status>" at the end; the test kills it in between.
var database = SqliteDatabase.Open(args[0]);
using var launcher = new FileWorkflowLauncher(args[1]);
var people = int.Parse(args[2], CultureInfo.InvariantCulture);
var connector = CrashScenario.Build();
var job = CrashScenario.Job(connector, database, launcher);
var progress = new StepPrinter();
Console.Out.Flush();
var result = await job.RunAsync(CrashScenario.Request(connector, people), progress);
Console.WriteLine("DONE " + result.Status);
await database.DisposeAsync();
return 0;

/// <summary>Synchronous progress (Progress&lt;T&gt; posts to the thread pool, too late for a marker).</summary>
internal sealed class StepPrinter : IProgress<JobProgress>
{
    private string? _step;

    public void Report(JobProgress value)
    {
        if (value.Step != _step)
        {
            _step = value.Step;
            Console.WriteLine("STEP " + value.Step);
            Console.Out.Flush();
        }
    }
}
