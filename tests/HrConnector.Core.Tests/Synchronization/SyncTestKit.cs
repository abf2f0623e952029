using System.Globalization;
using System.Text;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Tests.Synchronization;

/// <summary>HR data and store helpers shared by the synchronization tests (people and departments of <see cref="TestConnectors"/>).</summary>
internal static class SyncTestKit
{
    /// <summary>Asserts that a plan was not committed, and why: its own status (Blocked and not forced, or Failed).</summary>
    public static void AssertNotApplied(PlanStatus status, SyncResult result)
    {
        Assert.False(result.Applied, $"The plan was applied; expected it held back as {status}.");
        Assert.Equal(status, result.Plan.Status);
    }

    public const string Connector = "HR";

    public const string Departments = "Code,Name,ParentCode\nD1,Executive,\nD2,Engineering,D1\n";

    /// <summary>The header of a changes file: the command column, then the people columns.</summary>
    public const string ChangesHeader = "Action," + TestConnectors.PeopleHeader;

    /// <summary>A row of the people file: E{n}, with values that can be varied one at a time.</summary>
    public static string Person(int n, string? lastName = null, string birthDate = "01/01/1990", string manager = "", string department = "D1", string roles = "")
        => string.Create(CultureInfo.InvariantCulture, $"E{n},First{n},{lastName ?? "Last" + n.ToString(CultureInfo.InvariantCulture)},{birthDate},2020-01-01,1.0,N,100,{roles},{manager},{department}");

    /// <summary>A people file: the header, then every row on its own line.</summary>
    public static string People(params string[] rows)
    {
        var text = new StringBuilder(TestConnectors.PeopleHeader).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A people file of E{from} to E{to}.</summary>
    public static string PeopleRange(int from, int to)
        => People([.. Enumerable.Range(from, to - from + 1).Select(n => Person(n))]);

    /// <summary>A changes file: the header with the command column, then every row.</summary>
    public static string Changes(params string[] rows)
    {
        var text = new StringBuilder(ChangesHeader).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Turns every threshold off.</summary>
    public static void Off(ThresholdOptions thresholds) => PersonConnector.ThresholdsOff(thresholds);

    /// <summary>The people/departments connector, with every threshold off when asked.</summary>
    public static ConnectorBuilder Builder(bool thresholdsOff = true)
    {
        var builder = TestConnectors.People();
        if (thresholdsOff)
        {
            Off(builder.Options.Thresholds);
        }

        return builder;
    }

    /// <summary>The people/departments connector whose people file is a changes file with an Action command column.</summary>
    public static ConnectorBuilder CommandBuilder(bool thresholdsOff = true)
    {
        var builder = Builder(thresholdsOff);
        builder.Options.Mappings.Single(m => m.EntityType == "Person").CommandColumn = "Action";
        return builder;
    }

    /// <summary>Loads a new in-memory store in Initial mode from in-memory text and checks that it was applied.</summary>
    public static async Task<(Synchronizer Synchronizer, InMemoryResourceStore Store)> LoadAsync(Connector connector, string people, string? departments = Departments)
    {
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        var snapshot = new List<MappingResult>();
        if (departments is not null)
        {
            snapshot.Add(connector.MapText("Department", departments));
        }

        snapshot.Add(connector.MapText("Person", people));
        var plan = await synchronizer.PlanAsync(snapshot, SynchronizationMode.Initial);
        Assert.Equal(PlanStatus.Ready, plan.Status);
        Assert.True((await synchronizer.ApplyAsync(plan)).Applied);
        return (synchronizer, store);
    }

    /// <summary>The content of an entity type in a store: key → content hash of the payload, in ordinal key order.</summary>
    public static async Task<SortedDictionary<string, ulong>> ContentAsync(IResourceStore store, string entityType)
    {
        var content = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        await foreach (var stored in store.ReadAsync(Connector, entityType))
        {
            content.Add(stored.Key, stored.ContentHash);
        }

        return content;
    }

    /// <summary>The content of a mapping result, comparable to <see cref="ContentAsync"/>: what a store holds after synchronizing exactly these resources.</summary>
    public static SortedDictionary<string, ulong> Content(MappingResult result)
        => new(result.Resources.ToDictionary(r => r.Key, r => r.ContentHash, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Everything a store holds for the connector: last run id, and per entity type its schema and content.</summary>
    public static async Task<string> DescribeAsync(IResourceStore store, params string[] entityTypes)
    {
        var text = new StringBuilder("run ").Append(await store.GetLastRunIdAsync(Connector) ?? "none").Append('\n');
        foreach (var entityType in entityTypes)
        {
            text.Append(entityType).Append(' ').Append(await store.GetSchemaAsync(Connector, entityType) ?? "no schema").Append('\n');
            foreach (var (key, hash) in await ContentAsync(store, entityType))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {key} {hash:x16}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Copies a store, run id included, so that one plan can be applied to either copy.</summary>
    public static async Task<InMemoryResourceStore> CloneAsync(IResourceStore source, params string[] entityTypes)
    {
        var changes = new List<EntityTypeCommit>();
        foreach (var entityType in entityTypes)
        {
            var resources = new List<StoredResource>();
            await foreach (var stored in source.ReadAsync(Connector, entityType))
            {
                resources.Add(new StoredResource(stored.Key, stored.Payload.ToArray(), stored.SourceHash));
            }

            changes.Add(new EntityTypeCommit(entityType, (await source.GetSchemaAsync(Connector, entityType))!, replaceAll: true, resources, []));
        }

        var clone = new InMemoryResourceStore();
        await clone.CommitAsync(new ResourceStoreCommit(Connector, (await source.GetLastRunIdAsync(Connector))!, null, changes));
        return clone;
    }

    /// <summary>Sets one threshold by its setting name.</summary>
    public static void SetThreshold(ThresholdOptions thresholds, string setting, double value)
    {
        switch (setting)
        {
            case "MaxInserted": thresholds.MaxInserted = (int)value; break;
            case "MaxUpdated": thresholds.MaxUpdated = (int)value; break;
            case "MaxDeleted": thresholds.MaxDeleted = (int)value; break;
            case "MaxInsertedPercent": thresholds.MaxInsertedPercent = value; break;
            case "MaxUpdatedPercent": thresholds.MaxUpdatedPercent = value; break;
            case "MaxDeletedPercent": thresholds.MaxDeletedPercent = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting), setting, "Unknown threshold setting.");
        }
    }
}

/// <summary>Two days of the people file that exercise every kind of change, for the tests of the plan's order and JSON.</summary>
internal static class TwoDays
{
    /// <summary>Yesterday: E1 (born 31/01/1980), E2 reporting to E1 in D2, E3.</summary>
    public static readonly string Yesterday = SyncTestKit.People(
        "E1,Zoé,Müller,31/01/1980,2020-02-01,0.8,Y,1234,b|a,,D1",
        "E2,Jürgen,Weiß,01/02/1990,2021-03-15,1.0,N,42,,E1,D2",
        "E3,Tom,Smith,01/02/1991,2021-03-15,1.0,N,42,,E1,D2");

    /// <summary>Today: E1's birth date is corrected, E2 moves to D1 with new roles, E3 leaves, E4 joins.</summary>
    public static readonly string Today = SyncTestKit.People(
        "E1,Zoé,Müller,01/02/1980,2020-02-01,0.8,Y,1234,a|b,,D1",
        "E2,Jürgen,Weiß,01/02/1990,2021-03-15,0.5,N,42,x|y,E1,D1",
        "E4,New,Hire,15/03/1999,2026-11-30,1.25,N,7,,E2,D2");
}
