using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Convergence;

namespace HrConnector.Tests.Provisioning;

/// <summary>The planned orders in the JSON of a plan.</summary>
[Trait("Category", "Review")]
public sealed class PlannedOrdersJsonTests
{
    private static readonly HrRow Anna = new("E1", "Anna", "Smith", "Engineer", "IT", new DateOnly(2024, 1, 1));
    private static readonly HrRow Ben = new("E2", "Ben", "Jones", "Analyst", "IT", new DateOnly(2024, 1, 1));
    private static readonly DateOnly LongAgo = new(2024, 1, 1);

    [Fact]
    public async Task ToJson_PlanOrders_HaveKindReasonKeyIdentityAndChangesWithSensitiveValuesHidden_AndReadBack()
    {
        var builder = new ConnectorBuilder(Hr.Connector)
            .EntityType("Person", e => e.Property("FirstName").Property("LastName", isRequired: true).Property("Title").Property("Salary", isSensitive: true))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "EmployeeId", m => m.Column("FirstName", "FirstName").Column("LastName", "LastName").Column("Title", "Title").Column("Salary", "Salary"))
            .Provision("Person", p => p.Property("FirstName", policy: OwnershipPolicy.Authoritative).Property("LastName", policy: OwnershipPolicy.Authoritative).Property("Title").Property("Pay", "Salary"));
        var connector = Hr.BuildWithThresholdsOff(builder);
        var store = new InMemoryResourceStore();
        var identities = new InMemoryIdentityRepository();
        var job = new SynchronizationJob(connector, store, identities, new RepositoryWorkflowLauncher(identities), new InMemoryProvisioningJournal(), runLock: new InMemoryConnectorRunLock());
        const string Header = "EmployeeId,FirstName,LastName,Title,Salary\n";
        await job.RunAsync(new JobRequest { Snapshot = [connector.MapText("Person", Header + "E1,Anna,Smith,Engineer,SECRET-PAY-1\nE2,Ben,Jones,Analyst,SECRET-PAY-2")] });

        var preview = await job.RunAsync(new JobRequest { PreviewOnly = true, Snapshot = [connector.MapText("Person", Header + "E1,Anna,Smith,Lead,SECRET-PAY-3\nE3,Cleo,Park,Designer,SECRET-PAY-4")] });

        var json = preview.PlanToJson();
        Assert.Equal(json, preview.Plan!.ToJson());
        Assert.DoesNotContain("SECRET-PAY", json, StringComparison.Ordinal);
        using (var document = System.Text.Json.JsonDocument.Parse(json))
        {
            var provisioning = document.RootElement.GetProperty("provisioning");
            Assert.Equal(3, provisioning.GetProperty("total").GetInt32());
            Assert.Equal(1, provisioning.GetProperty("counts").GetProperty("Modified").GetInt32());
            Assert.Equal(0, provisioning.GetProperty("counts").GetProperty("Deleted").GetInt32());
            var mover = provisioning.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "E1");
            Assert.Equal(("Modified", "Mover", "Person"), (mover.GetProperty("kind").GetString(), mover.GetProperty("reason").GetString(), mover.GetProperty("entityType").GetString()));
            Assert.StartsWith("I", mover.GetProperty("identityId").GetString(), StringComparison.Ordinal);
            var changes = mover.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("property").GetString()!);
            Assert.Equal(("Engineer", "Lead"), (changes["Title"].GetProperty("old").GetString(), changes["Title"].GetProperty("new").GetString()));
            Assert.Equal(("***", "***"), (changes["Pay"].GetProperty("old").GetString(), changes["Pay"].GetProperty("new").GetString()));
            var leaver = provisioning.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "E2");
            Assert.Equal(("Deactivated", "LeaverMissingFromFile"), (leaver.GetProperty("kind").GetString(), leaver.GetProperty("reason").GetString()));
        }

        var planned = preview.PlannedOrders!;
        var mine = planned.Listed.Single(o => o.ResourceKey == "E1").Changes.Single(c => c.Property == "Pay");
        Assert.True(mine.IsSensitive);
        Assert.False(planned.Listed.Single(o => o.ResourceKey == "E1").Changes.Single(c => c.Property == "Title").IsSensitive);

        var read = connector.ReadPlan(json);
        Assert.Equal(json, read.ToJson());
        var readOrders = connector.ReadPlannedOrders(json)!;
        Assert.Equal(planned.Listed.Select(o => (o.Id, o.Kind, o.Reason, o.ResourceKey, o.IdentityId)), readOrders.Listed.Select(o => (o.Id, o.Kind, o.Reason, o.ResourceKey, o.IdentityId)));
        Assert.True(readOrders.Listed.Single(o => o.ResourceKey == "E1").Changes.Single(c => c.Property == "Pay").IsSensitive);
    }

    [Fact]
    public async Task FromJson_PlanWrittenBeforeOrders_HasNone()
    {
        var bed = new Bed();
        var preview = await bed.Job.RunAsync(bed.Request([Anna]) with { PreviewOnly = true });
        var json = System.Text.Json.Nodes.JsonNode.Parse(preview.Plan!.ToJson())!.AsObject();
        Assert.True(json.Remove("provisioning"));

        var plan = bed.Connector.ReadPlan(json.ToJsonString());

        Assert.Null(bed.Connector.ReadPlannedOrders(json.ToJsonString()));
        Assert.DoesNotContain("\"provisioning\"", plan.ToJson(), StringComparison.Ordinal);
    }
}
