using System.Globalization;
using System.Text;
using CsCheck;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Tests.Synchronization;

/// <summary>
/// Property-based tests of the diff: for random yesterday/today snapshots, the plan describes exactly the difference.
/// Snapshots are random CSV files of a person model covering every property type, multi-valued properties and
/// values that need quoting; keys come from a small set so that inserts, updates, deletes and unchanged rows mix.
/// </summary>
public class PlanPropertyTests
{
    private const string Header = "Key,Name,Age,Salary,Start,Active,Tags";

    private static readonly Gen<string?> Text = Gen.String[Gen.Char["ab é,\"x"], 0, 4].Select(s => s.Trim().Length == 0 ? null : s.Trim());

    private static readonly Gen<Row> RowValues = Gen.Select(
        Text,
        Gen.Int[-5, 5].Select(i => i == 0 ? (int?)null : i),
        Gen.Int[0, 4].Select(i => i == 0 ? (decimal?)null : i * 1.25m),
        Gen.Int[0, 3].Select(i => i == 0 ? (DateOnly?)null : new DateOnly(2020, 1, i)),
        Gen.Int[0, 2].Select(i => i == 0 ? (bool?)null : i == 1),
        Gen.String[Gen.Char["abc"], 0, 1].Array[0, 3],
        (name, age, salary, start, active, tags) => new Row(name, age, salary, start, active, tags));

    private static readonly Gen<Dictionary<string, Row>> Snapshot =
        Gen.Dictionary(Gen.Int[0, 30].Select(i => "K" + i.ToString(CultureInfo.InvariantCulture)), RowValues)[0, 25];

    private static readonly Gen<(Dictionary<string, Row> Old, Dictionary<string, Row> New)> Days =
        Gen.Select(Snapshot, Snapshot, Gen.Int[0, 3], (old, fresh, overlap) =>
        {
            // Today starts from yesterday (so that many rows are unchanged), then random rows replace, add and remove.
            var today = new Dictionary<string, Row>(old, StringComparer.Ordinal);
            foreach (var (key, row) in fresh)
            {
                if (overlap == 0 || !today.ContainsKey(key))
                {
                    today[key] = row;
                }
                else if (overlap == 1)
                {
                    today.Remove(key);
                }
            }

            return (old, today);
        });

    [Fact]
    public void ApplyingThePlan_ToYesterday_GivesToday()
    {
        Days.Sample(days =>
        {
            var connector = Model();
            var store = new InMemoryResourceStore();
            var synchronizer = new Synchronizer(connector.Model, store);
            Load(synchronizer, connector, days.Old);
            var yesterday = ReadStore(store, connector);

            var plan = synchronizer.PlanAsync([Map(connector, days.New)], SynchronizationMode.Complete).GetAwaiter().GetResult();

            var expected = Map(connector, days.New).Resources.ToDictionary(r => r.Key, r => r.ToDictionary(), StringComparer.Ordinal);

            // A file emptied overnight is never trusted (SafetyRule.EmptySource): the plan is held, and applies only
            // when the person who reviewed it forces it. Every other day of this model (thresholds off) is Ready.
            var emptied = days.New.Count == 0 && days.Old.Count > 0;
            Assert.Equal(emptied ? PlanStatus.Blocked : PlanStatus.Ready, plan.Status);
            Assert.Equal(emptied ? new[] { SafetyRule.EmptySource } : [], plan["Person"].Holds.Select(h => h.Rule));
            AssertSameState(expected, ApplyIndependently(yesterday, plan["Person"]));
            Assert.True(synchronizer.ApplyAsync(plan, force: emptied).GetAwaiter().GetResult().Applied);
            AssertSameState(expected, ReadStore(store, connector));
        }, iter: 150, seed: null);
    }

    /// <summary>The seed the CI of 2026-12-03 drew: yesterday one person, today an empty file (the safety rule holds it).</summary>
    [Fact]
    public async Task ApplyingThePlan_SeedThatOnceFailed_EmptiedFileIsHeldThenAppliedForced()
    {
        var connector = Model();
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        Load(synchronizer, connector, new Dictionary<string, Row>(StringComparer.Ordinal) { ["K1"] = new("bé", -1, null, new DateOnly(2020, 1, 1), true, []) });

        var plan = await synchronizer.PlanAsync([Map(connector, [])], SynchronizationMode.Complete);

        Assert.Equal(PlanStatus.Blocked, plan.Status);
        Assert.Equal(SafetyRule.EmptySource, Assert.Single(plan["Person"].Holds).Rule);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(plan));
        Assert.True((await synchronizer.ApplyAsync(plan, force: true)).Applied);
        Assert.Empty(ReadStore(store, connector));
    }

    [Fact]
    public void PlanOfIdenticalSnapshots_IsEmpty()
    {
        Snapshot.Sample(rows =>
        {
            var connector = Model();
            var synchronizer = new Synchronizer(connector.Model, new InMemoryResourceStore());
            Load(synchronizer, connector, rows);

            var plan = synchronizer.PlanAsync([Map(connector, Shuffle(rows))], SynchronizationMode.Complete).GetAwaiter().GetResult();

            Assert.False(plan.HasChanges);
            Assert.Equal(rows.Count, plan.UnchangedCount);
            Assert.Equal(PlanStatus.Ready, plan.Status);
        }, iter: 100);
    }

    [Fact]
    public void PlanJson_RoundTripsAndAppliesLikeTheOriginal()
    {
        Days.Sample(days =>
        {
            var connector = Model();
            var computedStore = new InMemoryResourceStore();
            var rereadStore = new InMemoryResourceStore();
            var computed = new Synchronizer(connector.Model, computedStore);
            var reread = new Synchronizer(connector.Model, rereadStore);
            Load(computed, connector, days.Old);
            Load(reread, connector, days.Old);

            var plan = computed.PlanAsync([Map(connector, days.New)], SynchronizationMode.Complete).GetAwaiter().GetResult();
            var json = plan.ToJson(includeSensitiveValues: true);
            var read = connector.ReadPlan(json);

            Assert.Equal(json, read.ToJson(includeSensitiveValues: true));
            computed.ApplyAsync(plan).GetAwaiter().GetResult();
            var rereadPlan = connector.ReadPlan(json.Replace(plan.BaseRunId ?? "\u0000", rereadStore.GetLastRunIdAsync(connector.Identifier).AsTask().GetAwaiter().GetResult() ?? "\u0000", StringComparison.Ordinal));
            reread.ApplyAsync(rereadPlan).GetAwaiter().GetResult();
            AssertSameState(ReadStore(computedStore, connector), ReadStore(rereadStore, connector));
        }, iter: 100);
    }

    [Fact]
    public void PreviewFromFiles_ReusingUnchangedRows_PlansLikeAFullMapping()
    {
        // PreviewAsync reads today's file knowing yesterday's raw records and does not convert unchanged rows again;
        // the plan must be the one of a full mapping of the same text.
        Days.Sample(days =>
        {
            var folder = Directory.CreateTempSubdirectory("hrconnector-prop-").FullName;
            try
            {
                var connector = Model(folder);
                var fast = new Synchronizer(connector.Model, new InMemoryResourceStore());
                var full = new Synchronizer(connector.Model, new InMemoryResourceStore());
                File.WriteAllText(Path.Combine(folder, "people.csv"), Csv(days.Old));
                fast.ApplyAsync(fast.PreviewAsync(SynchronizationMode.Initial).GetAwaiter().GetResult()).GetAwaiter().GetResult();
                Load(full, connector, days.Old);
                File.WriteAllText(Path.Combine(folder, "people.csv"), Csv(days.New));

                var fromFile = fast.PreviewAsync().GetAwaiter().GetResult();
                var fromText = full.PlanAsync([Map(connector, days.New)], SynchronizationMode.Complete).GetAwaiter().GetResult();

                Assert.Equal(Describe(fromText), Describe(fromFile));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }, iter: 60);

        static string Describe(SyncPlan plan) => string.Join("\n", plan.EntityTypes.SelectMany(e =>
            e.Inserts.Concat(e.Updates).Concat(e.Deletes).Select(c => $"{c.Kind} {c.Key} " + string.Join(";", c.Changes.Select(p => $"{p.Property}:{Normalize(p.OldValue)}>{Normalize(p.NewValue)}"))))
            .Append($"unchanged {plan.UnchangedCount}"));
    }

    private static Connector Model(string? folder = null)
    {
        var builder = new ConnectorBuilder("Prop")
            .EntityType("Person", e => e
                .Property("Name")
                .Property("Age", PropertyType.Int32)
                .Property("Salary", PropertyType.Decimal, isSensitive: true)
                .Property("Start", PropertyType.Date)
                .Property("Active", PropertyType.Boolean)
                .Property("Tags", isMultiValued: true))
            .CsvConnection("people", c => c.Path = "people.csv")
            .BaseDirectory(folder ?? Path.GetTempPath())
            .Map("Person", "people", "Key", m => m
                .Column("Name", "Name")
                .Column("Age", "Age")
                .Column("Salary", "Salary")
                .Column("Start", "Start")
                .Column("Active", "Active")
                .Column("Tags", "Tags", p => p.Separator = "|"));
        var thresholds = builder.Options.Thresholds;
        (thresholds.MaxInserted, thresholds.MaxUpdated, thresholds.MaxDeleted) = (0, 0, 0);
        (thresholds.MaxInsertedPercent, thresholds.MaxUpdatedPercent, thresholds.MaxDeletedPercent) = (0, 0, 0);
        return builder.Build();
    }

    private static void Load(Synchronizer synchronizer, Connector connector, Dictionary<string, Row> rows)
    {
        var plan = synchronizer.PlanAsync([Map(connector, rows)], SynchronizationMode.Initial).GetAwaiter().GetResult();
        Assert.True(synchronizer.ApplyAsync(plan).GetAwaiter().GetResult().Applied);
    }

    private static MappingResult Map(Connector connector, IEnumerable<KeyValuePair<string, Row>> rows)
    {
        var result = connector.MapText("Person", Csv(rows));
        Assert.Empty(result.Rejects);
        return result;
    }

    private static string Csv(IEnumerable<KeyValuePair<string, Row>> rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var (key, row) in rows)
        {
            csv.AppendJoin(',', new[]
            {
                key,
                row.Name,
                row.Age?.ToString(CultureInfo.InvariantCulture),
                row.Salary?.ToString(CultureInfo.InvariantCulture),
                row.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.Active?.ToString(),
                string.Join('|', row.Tags),
            }.Select(Quote)).Append('\n');
        }

        return csv.ToString();

        static string Quote(string? value) => "\"" + (value ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static IEnumerable<KeyValuePair<string, Row>> Shuffle(Dictionary<string, Row> rows) => rows.OrderBy(r => r.Key.GetHashCode(StringComparison.Ordinal));

    private static Dictionary<string, IReadOnlyDictionary<string, object?>> ReadStore(InMemoryResourceStore store, Connector connector)
    {
        var entityType = connector.GetEntityType("Person");
        var state = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        var resources = store.ReadAsync(connector.Identifier, "Person").ToBlockingEnumerable();
        foreach (var stored in resources)
        {
            var values = ResourcePayload.GetValues(stored.Payload.Span, entityType);
            state[stored.Key] = entityType.Properties.ToDictionary(p => p.Identifier, p => values[p.Index]);
        }

        return state;
    }

    /// <summary>Applies a plan the way a reviewer reads it: inserts add their values; updates and deletes must start from the old values they name.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, object?>> ApplyIndependently(Dictionary<string, IReadOnlyDictionary<string, object?>> state, EntityTypePlan plan)
    {
        var result = state.ToDictionary(p => p.Key, p => p.Value.ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);
        foreach (var insert in plan.Inserts)
        {
            Assert.False(result.ContainsKey(insert.Key));
            result[insert.Key] = insert.NewResource!.ToDictionary().ToDictionary(v => v.Key, v => v.Value);
            Assert.All(insert.Changes, c => Assert.Null(c.OldValue));
        }

        foreach (var update in plan.Updates)
        {
            var values = result[update.Key];
            Assert.NotEmpty(update.Changes);
            foreach (var change in update.Changes)
            {
                Assert.Equal(Normalize(change.OldValue), Normalize(values[change.Property.Identifier]));
                values[change.Property.Identifier] = change.NewValue;
            }
        }

        foreach (var delete in plan.Deletes)
        {
            var values = result[delete.Key];
            Assert.All(delete.Changes, c => Assert.Equal(Normalize(c.OldValue), Normalize(values[c.Property.Identifier])));
            Assert.Equal(values.Count(v => v.Value is not null), delete.Changes.Count);
            result.Remove(delete.Key);
        }

        Assert.Equal(state.Count + plan.Inserts.Count - plan.Deletes.Count, result.Count);
        Assert.Equal(state.Count - plan.Updates.Count - plan.Deletes.Count, plan.UnchangedCount);
        return result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, object?>)p.Value, StringComparer.Ordinal);
    }

    private static void AssertSameState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> expected, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, values) in expected)
        {
            foreach (var (property, value) in values)
            {
                Assert.Equal(Normalize(value), Normalize(actual[key][property]));
            }
        }
    }

    private static object? Normalize(object? value) => value is IEnumerable<object> many ? string.Join("|", many) : value;

    private sealed record Row(string? Name, int? Age, decimal? Salary, DateOnly? Start, bool? Active, string[] Tags);
}
