using System.Globalization;
using System.Text;
using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Configuration;
using HrConnector.Csv;
using HrConnector.Tests.Convergence;

namespace HrConnector.Tests.Provisioning;

/// <summary>One row of the HR contracts file: several per person, each with its dates.</summary>
internal sealed record ContractRow(string Key, string Person, string Title, DateOnly? StartDate = null, DateOnly? EndDate = null, string? Status = null)
{
    public const string Header = "ContractId,EmployeeId,Title,StartDate,EndDate,Status";

    public string ToCsv() => string.Join(',', Key, Person, Title, Day(StartDate), Day(EndDate), Status ?? string.Empty);

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>
/// Lifecycle from contract rows (<see cref="LifecycleOptions.Contracts"/>): a person is active while any of their
/// contracts is active, a future hire while all start beyond the pre-start window, away between two contracts, a leaver
/// when all ended; identity values may come from the current contract, the active one that started last.
/// </summary>
[Trait("Category", "Convergence")]
public sealed class ProvisionerContractsTests
{
    private static readonly HrRow Anna = new("E1", "Anna", "Smith", "Person title", "IT");
    private static readonly HrRow Ben = new("E2", "Ben", "Jones", "Person title", "IT");
    private static readonly DateOnly LongAgo = new(2024, 1, 1);

    public static TheoryData<string, string> Invalid => new()
    {
        { "NoEntityType", "Provisioning.Lifecycle.Contracts names no EntityType (the HR entity type of the contract rows)." },
        { "UnknownEntityType", "Provisioning.Lifecycle.Contracts names the entity type 'Job', which the connector does not declare." },
        { "PersonEntityType", "Provisioning.Lifecycle.Contracts names the entity type 'Person', which is the provisioned entity type; contracts are rows of another entity type." },
        { "NoPersonProperty", "Provisioning.Lifecycle.Contracts.PersonProperty names no HR property." },
        { "UnknownPersonProperty", "Provisioning.Lifecycle.Contracts.PersonProperty names the HR property 'Employee', which the entity type 'Contract' does not declare." },
        { "PersonPropertyNotANavigation", "Provisioning.Lifecycle.Contracts.PersonProperty names 'Title', which is not a single-valued navigation property to the entity type 'Person'." },
        { "PersonPropertyToAnotherType", "Provisioning.Lifecycle.Contracts.PersonProperty names 'Site', which is not a single-valued navigation property to the entity type 'Person'." },
        { "StartDateNotADate", "Provisioning.Lifecycle.Contracts.StartDateProperty names 'Title', which is not a single-valued Date or DateTime property." },
        { "UnknownEndDate", "Provisioning.Lifecycle.Contracts.EndDateProperty names the HR property 'Until', which the entity type 'Contract' does not declare." },
        { "StatusNotAString", "Provisioning.Lifecycle.Contracts.StatusProperty names 'StartDate', which is not a single-valued String property." },
        { "LeftStatusesWithoutStatus", "Provisioning.Lifecycle.Contracts lists LeftStatuses but names no StatusProperty." },
        { "ContractSourceWithoutContracts", "Provisioning.Properties[4] ('JobTitle') takes its value from 'Contract.Title', a property of a contract, but Provisioning.Lifecycle.Contracts is not set." },
        { "ContractSourceOfAnotherType", "Provisioning.Properties[4] ('JobTitle') names the source 'Job.Title'; a dotted source must start with the contracts' entity type 'Contract'." },
        { "UnknownContractProperty", "Provisioning.Properties[4] ('JobTitle') names the HR property 'Titel', which the entity type 'Contract' does not declare." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Build_InvalidContracts_IsRefusedWithTheWholeMessage(string setting, string error)
    {
        var refused = Assert.Throws<ConnectorValidationException>(() => ContractHr.Build(p =>
        {
            var contracts = p.Options.Lifecycle.Contracts!;
            switch (setting)
            {
                case "NoEntityType":
                    contracts.EntityType = " ";
                    break;
                case "UnknownEntityType":
                    contracts.EntityType = "Job";
                    break;
                case "PersonEntityType":
                    contracts.EntityType = "Person";
                    break;
                case "NoPersonProperty":
                    contracts.PersonProperty = string.Empty;
                    break;
                case "UnknownPersonProperty":
                    contracts.PersonProperty = "Employee";
                    break;
                case "PersonPropertyNotANavigation":
                    contracts.PersonProperty = "Title";
                    break;
                case "PersonPropertyToAnotherType":
                    contracts.PersonProperty = "Site";
                    break;
                case "StartDateNotADate":
                    contracts.StartDateProperty = "Title";
                    break;
                case "UnknownEndDate":
                    contracts.EndDateProperty = "Until";
                    break;
                case "StatusNotAString":
                    contracts.StatusProperty = "StartDate";
                    break;
                case "LeftStatusesWithoutStatus":
                    contracts.StatusProperty = null;
                    break;
                case "ContractSourceWithoutContracts":
                    p.Options.Lifecycle.Contracts = null;
                    p.Options.Properties[2].Source = null;
                    p.Property("JobTitle", "Contract.Title");
                    break;
                case "ContractSourceOfAnotherType":
                    p.Property("JobTitle", "Job.Title");
                    break;
                case "UnknownContractProperty":
                    p.Property("JobTitle", "Contract.Titel");
                    break;
            }
        }));

        Assert.Equal(error, Assert.Single(refused.Errors));
    }

    [Fact]
    public void Bind_ContractsFromJson_BuildsTheConnector()
    {
        const string Json = """
            {
              "Identifier": "HR",
              "EntityTypes": [
                { "Identifier": "Person", "Properties": [ { "Identifier": "LastName", "IsRequired": true } ] },
                { "Identifier": "Contract",
                  "Properties": [ { "Identifier": "Title" }, { "Identifier": "From", "Type": "Date" }, { "Identifier": "To", "Type": "Date" }, { "Identifier": "State" } ],
                  "NavigationProperties": [ { "Identifier": "Employee", "TargetEntityType": "Person" } ] }
              ],
              "Connections": [ { "Identifier": "people", "Path": "people.csv" }, { "Identifier": "contracts", "Path": "contracts.csv" } ],
              "Mappings": [
                { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [ { "Property": "LastName", "Column": "LastName" } ] },
                { "EntityType": "Contract", "Connection": "contracts", "KeyColumn": "Id", "Properties": [
                  { "Property": "Employee", "Column": "EmployeeId" },
                  { "Property": "Title", "Column": "Title" },
                  { "Property": "From", "Column": "From", "Formats": [ "yyyy-MM-dd" ] },
                  { "Property": "To", "Column": "To", "Formats": [ "yyyy-MM-dd" ] },
                  { "Property": "State", "Column": "State" }
                ] }
              ],
              "Provisioning": {
                "EntityType": "Person",
                "Properties": [ { "Identity": "LastName" }, { "Identity": "JobTitle", "Source": "Contract.Title" } ],
                "Lifecycle": {
                  "GraceDays": 3,
                  "Contracts": { "EntityType": "Contract", "PersonProperty": "Employee", "StartDateProperty": "From", "EndDateProperty": "To", "StatusProperty": "State", "LeftStatuses": [ "Cancelled" ] }
                }
              }
            }
            """;
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

        var options = ConnectorConfiguration.Bind(section);
        var connector = Connector.Create(options);

        var contracts = options.Provisioning!.Lifecycle.Contracts!;
        Assert.Equal(("Contract", "Employee", "From", "To", "State"), (contracts.EntityType, contracts.PersonProperty, contracts.StartDateProperty, contracts.EndDateProperty, contracts.StatusProperty));
        Assert.Equal(["Cancelled"], contracts.LeftStatuses);
        Assert.Equal("Contract.Title", options.Provisioning.Properties[1].Source);
        Assert.NotNull(connector.Provisioning);
    }

    [Fact]
    public void Bind_MisspeltContractsSetting_IsReportedWithItsPath()
    {
        const string Json = """{ "Identifier": "HR", "Provisioning": { "Lifecycle": { "Contracts": { "EntityTyp": "Contract" } } } }""";
        var section = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

        var refused = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.Bind(section));

        Assert.StartsWith("The setting 'Provisioning:Lifecycle:Contracts:EntityTyp' is unknown; check its spelling (settings of ContractOptions: ", Assert.Single(refused.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OneOfTwoContractsEnds_StaysActive()
    {
        var bed = new ContractBed();
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo, bed.Clock.Today.AddDays(1)), new("C2", "E1", "Lead", new DateOnly(2025, 6, 1))];
        var first = await bed.RunAsync([Anna], contracts);
        Assert.Equal(OrderKind.Added, Assert.Single(first.Orders).Kind);

        for (var day = 1; day <= 4; day++)
        {
            bed.Clock.NextDay();
            var run = await bed.RunAsync([Anna], contracts);
            Assert.Empty(run.Orders);
        }

        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E1"))!.State);
    }

    [Fact]
    public async Task RunAsync_EveryContractEnded_FirstRunAfterTheLastEndDeactivatesThoughTheFilesDidNotChange()
    {
        var bed = new ContractBed();
        var today = bed.Clock.Today;
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo, today.AddDays(1)), new("C2", "E1", "Lead", new DateOnly(2025, 6, 1), today.AddDays(2)), new("C3", "E2", "Analyst", LongAgo)];
        await bed.RunAsync([Anna, Ben], contracts);

        var results = new List<JobResult>();
        for (var day = 1; day <= 4; day++)
        {
            bed.Clock.NextDay();
            results.Add(await bed.RunAsync([Anna, Ben], contracts));
        }

        Assert.All(results, r => Assert.Equal(0, r.Plan!.UpdateCount + r.Plan.InsertCount + r.Plan.DeleteCount));
        Assert.Empty(results[0].Orders);
        Assert.Empty(results[1].Orders);                                                   // the last day of the last contract
        var leaver = Assert.Single(results[2].Orders);                                      // the first day after it
        Assert.Equal((OrderKind.Deactivated, "E1"), (leaver.Kind, leaver.ResourceKey));
        Assert.Empty(results[3].Orders);
        Assert.Equal(IdentityState.Inactive, (await bed.IdentityOfAsync("E1"))!.State);
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E2"))!.State);
    }

    [Fact]
    public async Task RunAsync_ContractsRemovedFromHr_DeactivatesButAnEmptiedFileIsNeverTrusted()
    {
        var bed = new ContractBed();
        ContractRow ben = new("C2", "E2", "Analyst", LongAgo);
        await bed.RunAsync([Anna, Ben], [new("C1", "E1", "Engineer", LongAgo), ben]);

        bed.Clock.NextDay();
        var emptied = await bed.RunAsync([Anna, Ben], []);
        Assert.Equal(JobStatus.Blocked, emptied.Status);
        Assert.Empty(emptied.Orders);

        var removed = await bed.RunAsync([Anna, Ben], [ben]);

        var leaver = Assert.Single(removed.Orders);
        Assert.Equal((OrderKind.Deactivated, "E1"), (leaver.Kind, leaver.ResourceKey));
        Assert.Equal(IdentityState.Active, (await bed.IdentityOfAsync("E2"))!.State);
    }

    [Fact]
    public async Task RunAsync_ContractStartingBeyondTheWindow_WaitsThenProvisions()
    {
        var bed = new ContractBed(preStartDays: 2);
        ContractRow[] contracts = [new("C1", "E1", "Engineer", bed.Clock.Today.AddDays(5))];
        var early = await bed.RunAsync([Anna], contracts);
        Assert.Empty(early.Orders);
        Assert.Equal(1, early.Provisioning!.Deferred);

        bed.Clock.NextDay(2);
        Assert.Empty((await bed.RunAsync([Anna], contracts)).Orders);

        bed.Clock.NextDay();
        var due = await bed.RunAsync([Anna], contracts);

        var added = Assert.Single(due.Orders);
        Assert.Equal(OrderKind.Added, added.Kind);
        Assert.Equal("Engineer", (await bed.IdentityOfAsync("E1"))!.GetValue("Title"));
    }

    [Fact]
    public async Task RunAsync_BetweenTwoContracts_DeactivatesWithoutDeletingThenReactivates()
    {
        var bed = new ContractBed(preStartDays: 2, configure: p => p.Leavers(LeaverAction.Deactivate, deleteAfterDays: 3));
        var today = bed.Clock.Today;
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo, today), new("C2", "E1", "Lead", today.AddDays(10))];
        await bed.RunAsync([Anna], contracts);

        bed.Clock.NextDay();
        var gap = await bed.RunAsync([Anna], contracts);
        Assert.Equal(OrderKind.Deactivated, Assert.Single(gap.Orders).Kind);
        for (var day = 2; day < 8; day++)
        {
            bed.Clock.NextDay();
            Assert.Empty((await bed.RunAsync([Anna], contracts)).Orders);
        }

        bed.Clock.NextDay();
        var back = await bed.RunAsync([Anna], contracts);

        var reactivated = Assert.Single(back.Orders);
        Assert.Equal(OrderKind.Reactivated, reactivated.Kind);
        var anna = await bed.IdentityOfAsync("E1");
        Assert.Equal((IdentityState.Active, "Lead"), (anna!.State, anna.GetValue("Title")));
    }

    [Fact]
    public async Task RunAsync_PersonLeftStatusWithAnActiveContract_Deactivates()
    {
        var bed = new ContractBed();
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo)];
        await bed.RunAsync([Anna], contracts);

        bed.Clock.NextDay();
        var left = await bed.RunAsync([Anna with { Status = Hr.Left }], contracts);

        Assert.Equal(OrderKind.Deactivated, Assert.Single(left.Orders).Kind);
    }

    [Fact]
    public async Task RunAsync_ContractLeftStatus_EndsTheContract()
    {
        var bed = new ContractBed();
        await bed.RunAsync([Anna], [new("C1", "E1", "Engineer", LongAgo)]);

        bed.Clock.NextDay();
        var cancelled = await bed.RunAsync([Anna], [new("C1", "E1", "Engineer", LongAgo, Status: " cancelled ")]);

        Assert.Equal(OrderKind.Deactivated, Assert.Single(cancelled.Orders).Kind);
    }

    [Fact]
    public async Task RunAsync_TitleFromTheCurrentContract_FollowsTheContractThatStartedLast()
    {
        var bed = new ContractBed(preStartDays: 2);
        var today = bed.Clock.Today;
        ContractRow engineer = new("C1", "E1", "Engineer", LongAgo);
        ContractRow lead = new("C2", "E1", "Lead", new DateOnly(2025, 6, 1));
        var added = await bed.RunAsync([Anna], [lead, engineer]);
        Assert.Equal(OrderKind.Added, Assert.Single(added.Orders).Kind);
        Assert.Equal("Lead", (await bed.IdentityOfAsync("E1"))!.GetValue("Title"));

        // A contract within the pre-start window has not started: the current one stays.
        ContractRow architect = new("C3", "E1", "Architect", today.AddDays(1));
        Assert.Empty((await bed.RunAsync([Anna], [engineer, lead, architect])).Orders);

        bed.Clock.NextDay();
        var switched = await bed.RunAsync([Anna], [engineer, lead, architect]);
        var modified = Assert.Single(switched.Orders);
        Assert.Equal(OrderKind.Modified, modified.Kind);
        Assert.Equal(("Title", "Architect"), (Assert.Single(modified.Changes).Property, Assert.Single(modified.Changes).NewValue));
        Assert.Equal("Architect", (await bed.IdentityOfAsync("E1"))!.GetValue("Title"));

        // The person's row never changed: the current contract's title does.
        bed.Clock.NextDay();
        var retitled = await bed.RunAsync([Anna], [engineer, lead, architect with { Title = "Chief architect" }]);
        Assert.Empty(retitled.Plan!.EntityTypes.Single(e => e.EntityType.Identifier == "Person").Updates);
        Assert.Equal((OrderKind.Modified, "Chief architect"), (Assert.Single(retitled.Orders).Kind, Assert.Single(retitled.Orders).Changes.Single().NewValue));

        // Back to the previous current contract when the latest one is gone.
        bed.Clock.NextDay();
        var back = await bed.RunAsync([Anna], [engineer, lead]);
        Assert.Equal((OrderKind.Modified, "Lead"), (Assert.Single(back.Orders).Kind, Assert.Single(back.Orders).Changes.Single().NewValue));

        bed.Clock.NextDay();
        Assert.Empty((await bed.RunAsync([Anna], [engineer, lead])).Orders);
    }

    [Fact]
    public async Task RunAsync_ContractsConfiguredOnLinksOfAnOlderModel_ChangesOnlyWhatDiffers()
    {
        // Provisioned first with the title from the person's row; then the title comes from the contracts.
        var before = new ContractBed(titleFromContract: false);
        ContractRow[] contracts = [new("C1", "E1", "Person title", LongAgo), new("C2", "E2", "Analyst", LongAgo)];
        await before.RunAsync([Anna, Ben], contracts);
        var after = new ContractBed(store: before.Store, identities: before.Identities, journal: before.Journal);

        var run = await after.RunAsync([Anna, Ben], contracts);

        var modified = Assert.Single(run.Orders);
        Assert.Equal((OrderKind.Modified, "E2", "Analyst"), (modified.Kind, modified.ResourceKey, modified.Changes.Single().NewValue));
        Assert.Empty((await after.RunAsync([Anna, Ben], contracts)).Orders);
    }

    [Fact]
    public async Task RunAsync_EndDatesAtTheEndOfTimeWithGraceDays_StayActive()
    {
        // HR systems write 9999-12-31 for "no end": adding grace days to it must not overflow.
        var endOfTime = DateOnly.MaxValue;
        var bed = new ContractBed(configure: p =>
        {
            p.Options.Lifecycle.EndDateProperty = "EndDate";
            p.Options.Lifecycle.GraceDays = 5;
        });
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo, endOfTime)];

        var added = await bed.RunAsync([Anna with { EndDate = endOfTime }], contracts);
        bed.Clock.NextDay();
        var next = await bed.RunAsync([Anna with { EndDate = endOfTime }], contracts);

        Assert.Equal(OrderKind.Added, Assert.Single(added.Orders).Kind);
        Assert.Empty(next.Orders);
    }

    [Fact]
    public async Task ReportAsync_TitleFromTheCurrentContract_ComparesTheContractsValue()
    {
        var bed = new ContractBed();
        ContractRow[] contracts = [new("C1", "E1", "Engineer", LongAgo), new("C2", "E1", "Lead", new DateOnly(2025, 6, 1))];
        await bed.RunAsync([Anna], contracts);
        Assert.Empty((await bed.Job.ReportAsync()).Drifts);

        await bed.Identities.UpdateAsync((await bed.IdentityOfAsync("E1"))!.Id, new Dictionary<string, object?> { ["Title"] = "Engineer" }, "hand-edit");
        var report = await bed.Job.ReportAsync(includeValues: true);

        var drift = Assert.Single(report.Drifts);
        Assert.Equal((DriftKind.PropertyMismatch, "Title", (object?)"Lead", (object?)"Engineer"), (drift.Kind, drift.Property, drift.HrValue, drift.IdentityValue));
    }

    [Fact]
    public async Task RunAsync_ContractOfAnUnknownPerson_IsRejectedAsADanglingReference()
    {
        var bed = new ContractBed();

        var run = await bed.RunAsync([Anna], [new("C1", "E1", "Engineer", LongAgo), new("C9", "E9", "Ghost", LongAgo)]);

        var plan = run.Plan!.EntityTypes.Single(e => e.EntityType.Identifier == "Contract");
        Assert.Equal(RejectReason.DanglingReference, Assert.Single(plan.Rejects).Reason);
        var dangling = Assert.Single(plan.DanglingReferences);
        Assert.Equal(("C9", "Person", "Person", "E9", DanglingReferencePolicy.RejectRow), (dangling.Key, dangling.Property, dangling.TargetEntityType, dangling.TargetKey, dangling.Resolution));
        Assert.Equal(["C1"], plan.Inserts.Select(i => i.Key));
        Assert.Equal(JobStatus.SucceededWithWarnings, run.Status);
        Assert.Equal(("E1", OrderKind.Added), (Assert.Single(run.Orders).ResourceKey, run.Orders[0].Kind));
        Assert.Equal(1, bed.Identities.Count);
    }
}

/// <summary>The people connector of the convergence tests with a Contract entity type, lifecycle from the contracts.</summary>
internal static class ContractHr
{
    public static Connector Build(Action<ProvisioningBuilder>? configure = null, int preStartDays = 2, bool titleFromContract = true)
    {
        var builder = new ConnectorBuilder(Hr.Connector)
            .EntityType("Site", e => e.Property("Name"))
            .EntityType("Person", Hr.PersonType)
            .EntityType("Contract", e => e
                .Property("Title")
                .Property("StartDate", PropertyType.Date)
                .Property("EndDate", PropertyType.Date)
                .Property("Status")
                .Navigation("Person", "Person")
                .Navigation("Site", "Site"))
            .CsvConnection("people", c => c.Path = "people.csv")
            .CsvConnection("contracts", c => c.Path = "contracts.csv")
            .CsvConnection("sites", c => c.Path = "sites.csv")
            .Map("Site", "sites", "Code", m => m.Column("Name", "Name"))
            .Map("Person", "people", "EmployeeId", Hr.PersonColumns)
            .Map("Contract", "contracts", "ContractId", m => m
                .Column("Person", "EmployeeId")
                .Column("Title", "Title")
                .Date("StartDate", "StartDate", "yyyy-MM-dd")
                .Date("EndDate", "EndDate", "yyyy-MM-dd")
                .Column("Status", "Status"))
            .Provision("Person", p =>
            {
                p.Property("FirstName", policy: OwnershipPolicy.Authoritative)
                    .Property("LastName", policy: OwnershipPolicy.Authoritative)
                    .Property("Title", titleFromContract ? "Contract.Title" : null)
                    .Property("Department")
                    .Contracts("Contract", "Person", "StartDate", "EndDate", c =>
                    {
                        c.StatusProperty = "Status";
                        c.LeftStatuses.Add("Cancelled");
                    });
                var options = p.Options;
                options.Lifecycle.PreStartDays = preStartDays;
                options.Lifecycle.StatusProperty = "Status";
                options.Lifecycle.LeftStatuses.Add(Hr.Left);
                Hr.NoRetryDelay(options);
                configure?.Invoke(p);
            });
        return Hr.BuildWithThresholdsOff(builder);
    }
}

/// <summary>A connector with contracts over in-memory infrastructure, on the convergence clock.</summary>
internal sealed class ContractBed
{
    public ContractBed(int preStartDays = 2, Action<ProvisioningBuilder>? configure = null, bool titleFromContract = true, InMemoryResourceStore? store = null, InMemoryIdentityRepository? identities = null, IProvisioningJournal? journal = null)
    {
        Connector = ContractHr.Build(configure, preStartDays, titleFromContract);
        Store = store ?? new InMemoryResourceStore();
        Identities = identities ?? new InMemoryIdentityRepository();
        Journal = journal ?? new InMemoryProvisioningJournal();
        Job = new SynchronizationJob(Connector, Store, Identities, new RepositoryWorkflowLauncher(Identities), Journal, Clock, runLock: new InMemoryConnectorRunLock());
    }

    public ConvergenceClock Clock { get; } = new();

    public Connector Connector { get; }

    public InMemoryResourceStore Store { get; }

    public InMemoryIdentityRepository Identities { get; }

    public IProvisioningJournal Journal { get; }

    public SynchronizationJob Job { get; }

    public Task<JobResult> RunAsync(IEnumerable<HrRow> people, IEnumerable<ContractRow> contracts)
        => Job.RunAsync(new JobRequest
        {
            Snapshot =
            [
                Connector.MapText("Person", Hr.Header + "\n" + string.Join("\n", people.Select(r => r.ToCsv()))),
                Connector.MapText("Contract", ContractRow.Header + "\n" + string.Join("\n", contracts.Select(r => r.ToCsv()))),
            ],
        });

    public async Task<Identity?> IdentityOfAsync(string key)
    {
        var link = (await Journal.ReadLinksAsync(Hr.Connector).ToListAsync()).SingleOrDefault(l => l.ResourceKey == key);
        return link is null ? null : await Identities.GetAsync(link.IdentityId);
    }
}
