using System.Globalization;
using System.Text;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Tests.Shared;

namespace HrConnector.Sqlite.CrashHarness;

/// <summary>
/// The job the crash tests run, in the child process and in the test process alike: N people, provisioned through
/// workflows, and many badges, synchronized but not provisioned, which make the resource store commit long enough to be
/// killed in the middle.
/// </summary>
public static class CrashScenario
{
    public const string Connector = "HR";

    public const int Badges = 40_000;

    public static Connector Build()
    {
        var builder = PersonConnector.Builder(
                [new("Email"), PersonColumn.Date("StartDate", "yyyy-MM-dd")],
                identifier: Connector,
                provisioning: p =>
                {
                    p.Property("FirstName", policy: OwnershipPolicy.Authoritative)
                        .Property("LastName", policy: OwnershipPolicy.Authoritative)
                        .Property("Mail", "Email")
                        .Property("StartDate")
                        .ThroughWorkflows();
                    p.Options.MaxErrors = 0;
                })
            .EntityType("Badge", e => e.Property("Label"))
            .CsvConnection("badges", c => c.Path = "badges.csv")
            .Map("Badge", "badges", "Code", m => m.Column("Label", "Label"));

        // The first load of a whole company: thresholds off.
        PersonConnector.ThresholdsOff(builder.Options.Thresholds);
        return builder.Build();
    }

    /// <summary>The HR file of <paramref name="people"/> people, the same every time.</summary>
    public static string People(int people)
    {
        var text = new StringBuilder("EmployeeId,FirstName,LastName,Email,StartDate\n");
        for (var i = 1; i <= people; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"E{i:D6},First{i},Last{i},person{i}@corp.example,2020-01-{1 + (i % 28):D2}\n");
        }

        return text.ToString();
    }

    /// <summary>The badges file, the same every time.</summary>
    public static string BadgeFile()
    {
        var text = new StringBuilder("Code,Label\n");
        for (var i = 1; i <= Badges; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"B{i:D6},Badge number {i} of the head office\n");
        }

        return text.ToString();
    }

    public static JobRequest Request(Connector connector, int people) => new()
    {
        Snapshot = [connector.MapText("Person", People(people)), connector.MapText("Badge", BadgeFile())],
    };

    /// <summary>A job on the database, with a launcher whose starts go to a log file.</summary>
    public static SynchronizationJob Job(Connector connector, SqliteDatabase database, IWorkflowLauncher launcher)
        => new(connector, database.ResourceStore, database.IdentityRepository, launcher, database.Journal, runLock: database.RunLock, history: database.History);
}
