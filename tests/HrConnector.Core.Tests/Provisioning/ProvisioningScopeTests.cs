using System.Text;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Tests.Convergence;
using Microsoft.Extensions.Configuration;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// Provisioning.Scope: which HR records get an identity. Each operator, records entering and leaving the scope over
/// several days (by an HR change or by a date crossed), the consistency report, the validation of the conditions, the
/// JSON form, and the order thresholds that stop a mistyped scope.
/// </summary>
[Trait("Category", "IdentityShaping")]
public sealed class ProvisioningScopeTests
{
    // The clock of the tests starts on 2026-01-05.
    private static readonly DateOnly Today = new(2026, 1, 5);
    private static readonly HrRow Anna = new("E1", "Anna", "Smith", "Engineer", "IT", new DateOnly(2024, 1, 1));
    private static readonly HrRow Ben = new("E2", "Ben", "Jones", "Analyst", "HR", Today.AddDays(10));
    private static readonly HrRow Cleo = new("E3", "Cleo", "Brown", "Clerk", string.Empty);
    private static readonly HrRow Dan = new("E4", "Dan", "White", "Seller", "Sales", Today.AddDays(-10));

    public static TheoryData<string, string[]> Operators => new()
    {
        { "Equals IT", ["E1"] },
        { "Equals it (case ignored)", ["E1"] },
        { "NotEquals IT", ["E2", "E3", "E4"] },
        { "In IT Sales", ["E1", "E4"] },
        { "NotIn IT Sales", ["E2", "E3"] },
        { "Empty Department", ["E3"] },
        { "NotEmpty Department", ["E1", "E2", "E4"] },
        { "Before today", ["E1", "E4"] },
        { "Before 30 days ago", ["E1"] },
        { "NotBefore today", ["E2", "E3"] },
        { "After today", ["E2"] },
        { "After 30 days ago", ["E2", "E4"] },
        { "NotAfter today", ["E1", "E3", "E4"] },
        { "All: In IT Sales, Before 30 days ago", ["E1"] },
        { "Any: Equals HR, Empty Department", ["E2", "E3"] },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public async Task RunAsync_ScopeOperator_ProvisionsOnlyTheRecordsInScope(string scope, string[] provisioned)
    {
        var bed = new Bed(p => p.Scope(s => _ = scope switch
        {
            "Equals IT" => s.Is("Department", "IT"),
            "Equals it (case ignored)" => s.Is("Department", "it"),
            "NotEquals IT" => s.IsNot("Department", "IT"),
            "In IT Sales" => s.In("Department", "IT", "Sales"),
            "NotIn IT Sales" => s.NotIn("Department", "IT", "Sales"),
            "Empty Department" => s.Empty("Department"),
            "NotEmpty Department" => s.NotEmpty("Department"),
            "Before today" => s.Before("StartDate"),
            "Before 30 days ago" => s.Before("StartDate", -30),
            "NotBefore today" => s.NotBefore("StartDate"),
            "After today" => s.After("StartDate"),
            "After 30 days ago" => s.After("StartDate", -30),
            "NotAfter today" => s.NotAfter("StartDate"),
            "All: In IT Sales, Before 30 days ago" => s.In("Department", "IT", "Sales").Before("StartDate", -30),
            "Any: Equals HR, Empty Department" => s.Any().Is("Department", "HR").Empty("Department"),
            _ => throw new ArgumentOutOfRangeException(nameof(scope)),
        }));
        Assert.Equal(Today, bed.Clock.Today);

        var result = await bed.RunAsync(Anna, Ben, Cleo, Dan);

        Assert.Equal(provisioned, result.Orders.Select(o => o.ResourceKey).Order(StringComparer.Ordinal));
        Assert.All(result.Orders, o => Assert.Equal((OrderKind.Added, OrderReason.Joiner), (o.Kind, o.Reason)));
        Assert.Equal(provisioned, (await bed.LinksAsync()).Select(l => l.ResourceKey).Order(StringComparer.Ordinal));
        Assert.Equal(0, result.Provisioning!.Deferred);
    }

    [Fact]
    public async Task RunAsync_RecordsEnteringAndLeavingTheScopeOverSeveralDays_AreJoinersAndLeavers()
    {
        var bed = new Bed(p => p.Correlate("LastName").Scope(s => s.In("Department", "IT", "Sales")));
        var cleo = Cleo with { Department = "HR" };
        bed.Identities.Add(new Dictionary<string, object?> { ["FirstName"] = "Cleo", ["LastName"] = "Brown" });

        // Day 1: Anna and Dan are in scope; Ben and Cleo are not, and nothing is done for them.
        var day1 = await bed.RunAsync(Anna, Ben, cleo, Dan);
        Assert.Equal(["E1", "E4"], day1.Orders.Select(o => o.ResourceKey));

        // Day 2: Anna moves to HR (out of scope: a leaver), Ben to Sales (in scope: a joiner), Cleo to IT (in scope,
        // correlated with the identity that existed already).
        bed.Clock.NextDay();
        var day2 = await bed.RunAsync(Anna with { Department = "HR" }, Ben with { Department = "Sales" }, cleo with { Department = "IT" }, Dan);
        Assert.Equal(
            [("E1", OrderKind.Deactivated, OrderReason.LeaverOutOfScope), ("E2", OrderKind.Added, OrderReason.Joiner), ("E3", OrderKind.Linked, OrderReason.Correlation)],
            day2.Orders.Select(o => (o.ResourceKey, o.Kind, o.Reason)).OrderBy(o => o.ResourceKey, StringComparer.Ordinal));
        Assert.Equal(IdentityState.Inactive, (await bed.IdentityOfAsync("E1"))!.State);

        // Day 3: the same file: everything converged, nothing to do.
        bed.Clock.NextDay();
        var day3 = await bed.RunAsync(Anna with { Department = "HR" }, Ben with { Department = "Sales" }, cleo with { Department = "IT" }, Dan);
        Assert.Empty(day3.Orders);

        // Day 4: Anna is back in IT: her identity is reactivated, as a rehire.
        bed.Clock.NextDay();
        var day4 = await bed.RunAsync(Anna, Ben with { Department = "Sales" }, cleo with { Department = "IT" }, Dan);
        var back = Assert.Single(day4.Orders);
        Assert.Equal(("E1", OrderKind.Reactivated, OrderReason.Rehire), (back.ResourceKey, back.Kind, back.Reason));
        Assert.All(await bed.Identities.ListAsync().ToListAsync(), i => Assert.Equal(IdentityState.Active, i.State));
    }

    [Fact]
    public async Task RunAsync_DateOfTheScopeCrossed_LeavesWithoutAnHrChange()
    {
        // In scope while the end date is empty or not past: NotBefore EndDate today.
        var bed = new Bed(p => p.Scope(s => s.NotBefore("EndDate")));
        var leaving = Anna with { EndDate = Today.AddDays(1) };
        await bed.RunAsync(leaving, Ben);

        bed.Clock.NextDay();
        Assert.Empty((await bed.RunAsync(leaving, Ben)).Orders);

        bed.Clock.NextDay();
        var gone = Assert.Single((await bed.RunAsync(leaving, Ben)).Orders);

        Assert.Equal(("E1", OrderKind.Deactivated, OrderReason.LeaverOutOfScope), (gone.ResourceKey, gone.Kind, gone.Reason));
    }

    [Fact]
    public async Task RunAsync_LeaversDelete_DeletesARecordThatLeftTheScope()
    {
        var bed = new Bed(p => p.Leavers(LeaverAction.Delete).Scope(s => s.Is("Department", "IT")));
        await bed.RunAsync(Anna);

        var result = await bed.RunAsync(Anna with { Department = "Sales" });

        var order = Assert.Single(result.Orders);
        Assert.Equal((OrderKind.Deleted, OrderReason.LeaverOutOfScope), (order.Kind, order.Reason));
        Assert.Empty(await bed.Identities.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task ReportAsync_RecordsOutOfScope_AreNoDrift()
    {
        var bed = new Bed(p => p.Scope(s => s.Is("Department", "IT")));
        await bed.RunAsync(Anna, Ben, Cleo, Dan);

        var report = await bed.Job.ReportAsync();

        Assert.Empty(report.Drifts);
        Assert.Equal((4L, 1L), (report.HrRecords, report.Linked));

        // Anna leaves the scope: her identity is deactivated, which is what HR wants of a record out of scope.
        bed.Clock.NextDay();
        await bed.RunAsync(Anna with { Department = "Sales" }, Ben, Cleo, Dan);

        var after = await bed.Job.ReportAsync();

        Assert.Empty(after.Drifts);
        Assert.Equal(IdentityState.Inactive, (await bed.IdentityOfAsync("E1"))!.State);
    }

    [Fact]
    public async Task RunAsync_ScopeTypo_IsBlockedByTheOrderThresholds()
    {
        static void Thresholds(ProvisioningBuilder p)
        {
            p.Options.Thresholds.MaxDeactivated = 10;
            p.Options.Thresholds.MaxDeactivatedPercent = 5;
        }

        var people = Enumerable.Range(1, 100).Select(i => new HrRow(FormattableString.Invariant($"E{i:D3}"), FormattableString.Invariant($"First{i}"), FormattableString.Invariant($"Last{i}"), "Clerk", i % 2 == 0 ? "IT" : "Sales")).ToList();
        var bed = new Bed(p => Thresholds(p.Scope(s => s.In("Department", "IT", "Sales"))));
        await bed.RunAsync(people);
        Assert.Equal(100, (await bed.LinksAsync()).Count);

        // The next release of the configuration misspells Sales: half the company would leave the scope.
        var typo = new Bed(p => Thresholds(p.Scope(s => s.In("Department", "IT", "Sals"))), journal: bed.Journal, clock: bed.Clock, store: bed.Store, identities: bed.Identities);
        bed.Clock.NextDay();
        var blocked = await typo.RunAsync(people);

        Assert.Equal(JobStatus.Blocked, blocked.Status);
        var breach = Assert.Single(blocked.Provisioning!.Breaches);
        Assert.Equal((OrderKind.Deactivated, 50L, 5L, "Provisioning.Thresholds.MaxDeactivatedPercent"), (breach.Kind, breach.Count, breach.Limit, breach.Setting));
        Assert.All(blocked.Orders, o => Assert.Equal((OrderKind.Deactivated, OrderReason.LeaverOutOfScope), (o.Kind, o.Reason)));
        Assert.All(await bed.Identities.ListAsync().ToListAsync(), i => Assert.Equal(IdentityState.Active, i.State));
        Assert.DoesNotContain(await bed.EntriesAsync(), e => e.Order.Kind == OrderKind.Deactivated);
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "no condition", "Provisioning.Scope has no condition; add at least one, or remove the scope to provision every record." },
        { "unknown property", "Provisioning.Scope.Conditions[0] ('Company') names the HR property 'Company', which the entity type 'Person' does not declare." },
        { "Before on a String", "Provisioning.Scope.Conditions[0] ('Department') uses the operator Before on 'Department', which is not a Date or DateTime property." },
        { "Equals without Value", "Provisioning.Scope.Conditions[0] ('Department') uses the operator Equals, which needs a Value." },
        { "In without Values", "Provisioning.Scope.Conditions[0] ('Department') uses the operator In, which needs Values (at least one)." },
        { "Empty with a Value", "Provisioning.Scope.Conditions[0] ('Department') sets a Value, which only Equals and NotEquals use." },
        { "Equals with Values", "Provisioning.Scope.Conditions[0] ('Department') sets Values, which only In and NotIn use (Equals and NotEquals use Value)." },
        { "Days on Equals", "Provisioning.Scope.Conditions[0] ('Department') sets Days, which only Before, NotBefore, After and NotAfter use." },
        { "Days out of range", "Provisioning.Scope.Conditions[0] ('StartDate') has Days 40000; it must be between -36500 and 36500." },
        { "bad date", "Provisioning.Scope.Conditions[0] ('StartDate') has the value '01/02/2026', which is not a valid Date (yyyy-MM-dd)." },
        { "no property", "Provisioning.Scope.Conditions[0] names no Property." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Build_InvalidScope_IsRefusedWithAClearMessage(string problem, string error)
    {
        var refused = Assert.Throws<ConnectorValidationException>(() => Hr.Build(p =>
        {
            var scope = new ScopeOptions();
            var condition = new ScopeConditionOptions { Property = "Department" };
            switch (problem)
            {
                case "unknown property":
                    (condition.Property, condition.Value) = ("Company", "Fabrikam");
                    break;
                case "Before on a String":
                    condition.Operator = ScopeOperator.Before;
                    break;
                case "In without Values":
                    condition.Operator = ScopeOperator.In;
                    break;
                case "Empty with a Value":
                    (condition.Operator, condition.Value) = (ScopeOperator.Empty, "IT");
                    break;
                case "Equals with Values":
                    condition.Value = "IT";
                    condition.Values.Add("Sales");
                    break;
                case "Days on Equals":
                    (condition.Value, condition.Days) = ("IT", 3);
                    break;
                case "Days out of range":
                    (condition.Property, condition.Operator, condition.Days) = ("StartDate", ScopeOperator.After, 40_000);
                    break;
                case "bad date":
                    (condition.Property, condition.Value) = ("StartDate", "01/02/2026");
                    break;
                case "no property":
                    (condition.Property, condition.Value) = (" ", "IT");
                    break;
            }

            if (problem != "no condition")
            {
                scope.Conditions.Add(condition);
            }

            p.Options.Scope = scope;
        }));

        Assert.Equal(error, Assert.Single(refused.Errors));
    }

    private const string ConnectorJson = """
        {
          "Identifier": "HR",
          "EntityTypes": [
            { "Identifier": "Person", "Properties": [
              { "Identifier": "LastName", "IsRequired": true },
              { "Identifier": "Company" },
              { "Identifier": "ContractType" },
              { "Identifier": "HireDate", "Type": "Date" },
              { "Identifier": "ExitDate", "Type": "Date" }
            ] }
          ],
          "Connections": [ { "Identifier": "people", "Path": "people.csv" } ],
          "Mappings": [
            { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [
              { "Property": "LastName", "Column": "LastName" },
              { "Property": "Company", "Column": "Company" },
              { "Property": "ContractType", "Column": "ContractType" },
              { "Property": "HireDate", "Column": "HireDate", "Formats": [ "yyyy-MM-dd" ] },
              { "Property": "ExitDate", "Column": "ExitDate", "Formats": [ "yyyy-MM-dd" ] }
            ] }
          ],
          "Provisioning": {
            "EntityType": "Person",
            "Properties": [ { "Identity": "LastName" } ],
            "Scope": {
              "Match": "All",
              "Conditions": [
                { "Property": "ContractType", "Operator": "In", "Values": [ "Permanent", "FixedTerm" ] },
                { "Property": "Company", "Operator": "Equals", "Value": "Fabrikam" },
                { "Property": "ExitDate", "Operator": "Empty" },
                { "Property": "HireDate", "Operator": "Before", "Days": 30 }
              ]
            }
          }
        }
        """;

    private static IConfigurationRoot Json(string json) => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void FromConfiguration_ScopeSection_BindsAndEvaluatesEveryCondition()
    {
        var options = ConnectorConfiguration.Bind(Json(ConnectorJson));
        var scope = options.Provisioning!.Scope!;
        Assert.Equal(ScopeMatch.All, scope.Match);
        Assert.Equal(
            [("ContractType", ScopeOperator.In, null, "Permanent|FixedTerm", null), ("Company", ScopeOperator.Equals, "Fabrikam", "", null), ("ExitDate", ScopeOperator.Empty, null, "", null), ("HireDate", ScopeOperator.Before, null, "", (int?)30)],
            scope.Conditions.Select(c => (c.Property, c.Operator, c.Value, string.Join('|', c.Values), c.Days)));

        var connector = ConnectorConfiguration.FromConfiguration(Json(ConnectorJson));
        const string Header = "Id,LastName,Company,ContractType,HireDate,ExitDate\n";
        var resources = connector.MapText("Person", Header + """
            P1,Smith,Fabrikam,permanent,2026-01-20,
            P2,Jones,Contoso,Permanent,2026-01-20,
            P3,Brown,Fabrikam,Contractor,2026-01-20,
            P4,White,Fabrikam,FixedTerm,2026-02-20,
            P5,Green,Fabrikam,FixedTerm,2025-01-20,2025-12-31
            """).Resources;
        var inScope = resources.Where(r => connector.Provisioning!.Scope!.Contains(r.Payload, Today)).Select(r => r.Key);

        Assert.Equal(["P1"], inScope);
    }

    [Fact]
    public void Bind_UnknownOperator_IsReportedWithTheAllowedOperators()
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.Bind(Json(ConnectorJson.Replace("\"Operator\": \"Empty\"", "\"Operator\": \"IsEmpty\"", StringComparison.Ordinal))));

        Assert.Contains("'Provisioning:Scope:Conditions:2:Operator' has the value 'IsEmpty'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("use one of Equals, NotEquals, In, NotIn, Empty, NotEmpty, Before, NotBefore, After, NotAfter", exception.Message, StringComparison.Ordinal);
    }
}
