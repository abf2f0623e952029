using System.Text.Json;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Synchronization;

/// <summary>A plan is deterministic and can be written to JSON for review (redacted) or for a later apply (with sensitive values).</summary>
public class SyncPlanJsonTests
{
    private static string Yesterday => TwoDays.Yesterday;

    private static string Today => TwoDays.Today;

    [Fact]
    public async Task PlanAsync_SameInputTwice_GivesTheSameJsonApartFromTheRunId()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);

        var first = await synchronizer.PlanAsync(Snapshot(connector, Today));
        var second = await synchronizer.PlanAsync([connector.MapText("Person", Today), connector.MapText("Department", Departments)]);

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(Normalize(first), Normalize(second));

        static string Normalize(SyncPlan plan) => plan.ToJson(includeSensitiveValues: true).Replace(plan.RunId, "RUN", StringComparison.Ordinal).Replace(plan.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "NOW", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_ByDefault_RedactsSensitiveValues()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);
        var plan = await synchronizer.PlanAsync(Snapshot(connector, Today));

        var json = plan.ToJson();

        Assert.DoesNotContain("1980-01-31", json, StringComparison.Ordinal);
        Assert.DoesNotContain("1980-02-01", json, StringComparison.Ordinal);
        Assert.DoesNotContain("1999-03-15", json, StringComparison.Ordinal);
        Assert.DoesNotContain("1991-02-01", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.True(root.GetProperty("redacted").GetBoolean());
        var person = root.GetProperty("entityTypes")[1];
        Assert.Equal("Person", person.GetProperty("entityType").GetString());
        var birthDateChange = person.GetProperty("updates")[0].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("property").GetString() == "BirthDate");
        Assert.Equal(("***", "***"), (birthDateChange.GetProperty("old").GetString(), birthDateChange.GetProperty("new").GetString()));
        var inserted = person.GetProperty("inserts")[0].GetProperty("values");
        Assert.Equal("***", inserted.GetProperty("BirthDate").GetString());
        Assert.Equal("Hire", inserted.GetProperty("LastName").GetString());
        Assert.Equal("2026-11-30", inserted.GetProperty("HireDate").GetString());
        Assert.Equal(1.25m, inserted.GetProperty("Fte").GetDecimal());
        var deleted = person.GetProperty("deletes")[0].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("property").GetString() == "BirthDate");
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("new").ValueKind);
        Assert.Equal("***", deleted.GetProperty("old").GetString());
    }

    [Fact]
    public async Task ToJson_WithSensitiveValues_WritesThem()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);
        var plan = await synchronizer.PlanAsync(Snapshot(connector, Today));

        var json = plan.ToJson(includeSensitiveValues: true);

        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.GetProperty("redacted").GetBoolean());
        var person = document.RootElement.GetProperty("entityTypes")[1];
        var change = person.GetProperty("updates")[0].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("property").GetString() == "BirthDate");
        Assert.Equal(("1980-01-31", "1980-02-01"), (change.GetProperty("old").GetString(), change.GetProperty("new").GetString()));
        Assert.Equal("1999-03-15", person.GetProperty("inserts")[0].GetProperty("values").GetProperty("BirthDate").GetString());
    }

    [Fact]
    public async Task FromJson_RedactedPlan_CanBeReviewedButNotApplied()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, Yesterday);
        var plan = await synchronizer.PlanAsync(Snapshot(connector, Today));
        var before = await DescribeAsync(store, "Department", "Person");

        var read = connector.ReadPlan(plan.ToJson());

        Assert.True(read.IsRedacted);
        Assert.False(plan.IsRedacted);
        Assert.Equal((plan.RunId, plan.BaseRunId, plan.Status, plan.InsertCount, plan.UpdateCount, plan.DeleteCount), (read.RunId, read.BaseRunId, read.Status, read.InsertCount, read.UpdateCount, read.DeleteCount));
        Assert.Null(read["Person"].Inserts[0].NewResource!["BirthDate"]);
        Assert.Equal("Hire", read["Person"].Inserts[0].NewResource!["LastName"]);
        var birthDate = read["Person"].Updates.Single(u => u.Key == "E1").Changes.Single(c => c.Property.Identifier == "BirthDate");
        Assert.Equal(("***", "***"), (birthDate.OldValue, birthDate.NewValue));
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => synchronizer.ApplyAsync(read));
        Assert.Equal("The plan was read from JSON without its sensitive values; it can be reviewed, not applied. Write it with includeSensitiveValues, or compute it again.", exception.Message);
        Assert.Equal(before, await DescribeAsync(store, "Department", "Person"));
    }

    [Fact]
    public async Task ToJson_PlanReadFromRedactedJson_WritesTheSameRedactedJson()
    {
        // A reviewer who loads a redacted plan and saves it again must still see "***", not a sensitive value turned into null.
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);
        var redacted = (await synchronizer.PlanAsync(Snapshot(connector, Today))).ToJson();

        var read = connector.ReadPlan(redacted);

        Assert.Equal(redacted, read.ToJson());
        Assert.Equal(redacted, read.ToJson(includeSensitiveValues: true));
    }

    [Fact]
    public async Task FromJson_WithSensitiveValues_RoundTripsAndAppliesLikeTheOriginal()
    {
        var connector = Builder().Build();
        var (synchronizer, store) = await LoadAsync(connector, Yesterday);
        var twin = await CloneAsync(store, "Department", "Person");
        var plan = await synchronizer.PlanAsync(Snapshot(connector, Today));
        Assert.Equal((PlanStatus.Ready, 1L, 2L, 1L), (plan.Status, plan.InsertCount, plan.UpdateCount, plan.DeleteCount));
        var json = plan.ToJson(includeSensitiveValues: true);

        var read = connector.ReadPlan(json);
        await synchronizer.ApplyAsync(plan);
        var applied = await new Synchronizer(connector.Model, twin).ApplyAsync(read);

        Assert.Equal(json, read.ToJson(includeSensitiveValues: true));
        Assert.False(read.IsRedacted);
        Assert.True(applied.Applied);
        Assert.Equal(await DescribeAsync(store, "Department", "Person"), await DescribeAsync(twin, "Department", "Person"));
        Assert.Equal(Content(connector.MapText("Person", Today)), await ContentAsync(twin, "Person"));
    }

    [Fact]
    public async Task FromJson_EveryPropertyType_RoundTripsAndAppliesLikeTheOriginal()
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Account", e => e
                .Property("Name")
                .Property("Number", PropertyType.Int64)
                .Property("Seats", PropertyType.Int32, isMultiValued: true)
                .Property("Rate", PropertyType.Decimal)
                .Property("Active", PropertyType.Boolean)
                .Property("Opened", PropertyType.Date)
                .Property("LastSeen", PropertyType.DateTime)
                .Property("ExternalId", PropertyType.Guid, isSensitive: true))
            .CsvConnection("accounts", c => c.Path = "accounts.csv")
            .Map("Account", "accounts", "Id", m => m
                .Column("Name", "Name")
                .Column("Number", "Number")
                .Column("Seats", "Seats", s => s.Separator = ";")
                .Column("Rate", "Rate")
                .Column("Active", "Active")
                .Date("Opened", "Opened", "yyyy-MM-dd")
                .Column("LastSeen", "LastSeen")
                .Column("ExternalId", "ExternalId"));
        Off(builder.Options.Thresholds);
        var connector = builder.Build();
        const string Header = "Id,Name,Number,Seats,Rate,Active,Opened,LastSeen,ExternalId\n";
        var yesterday = Header
            + "A1,Ann,9007199254740993,3;1,1.50,true,2024-02-29,2024-03-01T10:20:30Z,6f9619ff-8b86-d011-b42d-00c04fc964ff\n"
            + "A2,Bob,-5,,0.001,false,2023-12-31,2024-03-01T10:20:30.1234567,\n";
        var today = Header
            + "A1,Ann,9007199254740994,1;2;3,1.5,1,2024-02-29,2024-03-01T10:20:31Z,6f9619ff-8b86-d011-b42d-00c04fc964fe\n"
            + "A3,Cy,0,7,-2.25,no,2000-01-01,2024-03-01T10:20:30+02:00,00000000-0000-0000-0000-000000000001\n";
        var store = new InMemoryResourceStore();
        var synchronizer = new Synchronizer(connector.Model, store);
        await synchronizer.ApplyAsync(await synchronizer.PlanAsync([connector.MapText("Account", yesterday)], SynchronizationMode.Initial));
        var twin = await CloneAsync(store, "Account");
        var plan = await synchronizer.PlanAsync([connector.MapText("Account", today)]);
        var json = plan.ToJson(includeSensitiveValues: true);

        var read = connector.ReadPlan(json);
        await synchronizer.ApplyAsync(plan);
        await new Synchronizer(connector.Model, twin).ApplyAsync(read);

        Assert.Equal((1L, 1L, 1L), (plan.InsertCount, plan.UpdateCount, plan.DeleteCount));
        Assert.Equal(json, read.ToJson(includeSensitiveValues: true));
        Assert.Equal(await ContentAsync(store, "Account"), await ContentAsync(twin, "Account"));
        Assert.Equal(Content(connector.MapText("Account", today)), await ContentAsync(twin, "Account"));
    }

    [Fact]
    public async Task FromJson_BlockedPlan_StaysBlockedAndAppliesOnlyForced()
    {
        var connector = Builder(thresholdsOff: false).Build();
        var (synchronizer, store) = await LoadAsync(connector, Yesterday);
        var plan = await synchronizer.PlanAsync(Snapshot(connector, Today));

        var read = connector.ReadPlan(plan.ToJson(includeSensitiveValues: true));

        Assert.Equal(PlanStatus.Blocked, read.Status);
        Assert.Equal(plan.Reasons, read.Reasons);
        Assert.Equal(plan["Person"].Breaches, read["Person"].Breaches);
        SyncTestKit.AssertNotApplied(PlanStatus.Blocked, await synchronizer.ApplyAsync(read));
        Assert.Equal(["E1", "E2", "E3"], (await ContentAsync(store, "Person")).Keys);
        Assert.True((await synchronizer.ApplyAsync(read, force: true)).Applied);
        Assert.Equal(["E1", "E2", "E4"], (await ContentAsync(store, "Person")).Keys);
    }

    [Fact]
    public async Task FromJson_PlanOfAnotherConnector_Throws()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);
        var json = (await synchronizer.PlanAsync(Snapshot(connector, Today))).ToJson();
        var builder = Builder();
        builder.Options.Identifier = "Payroll";
        var payroll = builder.Build();

        var exception = Assert.Throws<HrConnectorException>(() => payroll.ReadPlan(json));

        Assert.Equal("The plan is for the connector 'HR', not 'Payroll'.", exception.Message);
    }

    [Fact]
    public async Task FromJson_PlanOfAnotherModel_Throws()
    {
        var connector = Builder().Build();
        var (synchronizer, _) = await LoadAsync(connector, Yesterday);
        var json = (await synchronizer.PlanAsync(Snapshot(connector, Today))).ToJson();
        var builder = Builder();
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Properties.Add(new ScalarPropertyOptions { Identifier = "Nickname" });
        var changed = builder.Build();

        var exception = Assert.Throws<HrConnectorException>(() => changed.ReadPlan(json));

        Assert.Equal("The plan was computed for another model of 'Person' (its properties changed since); compute it again.", exception.Message);
    }

    [Theory]
    [InlineData("{ this is not json", typeof(JsonException))]
    [InlineData("{}", typeof(KeyNotFoundException))]
    [InlineData("[1, 2]", typeof(InvalidOperationException))]
    public void FromJson_NotAPlan_ThrowsHrConnectorException(string json, Type cause)
    {
        var connector = Builder().Build();

        var exception = Assert.Throws<HrConnectorException>(() => connector.ReadPlan(json));

        Assert.StartsWith("The JSON is not a plan of the connector 'HR': ", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom(cause, exception.InnerException);
    }

    private static MappingResult[] Snapshot(Connector connector, string people)
        => [connector.MapText("Department", Departments), connector.MapText("Person", people)];
}
