using HrConnector.Modeling;
using HrConnector.Provisioning;

namespace HrConnector.Tests.Provisioning;

/// <summary>
/// ConnectorOptions.Provisioning validated through Connector.Create / Connector.Validate: each rule of ProvisioningModel
/// broken alone on an otherwise valid declaration gives exactly one error, worded exactly.
/// </summary>
public class ProvisioningModelTests
{
    private const string Retry = "Delay must be 0 or more, MaxDelay at least Delay and at most 1.00:00:00.";

    private static readonly Dictionary<string, (Action<ProvisioningOptions> Break, string Error)> Rules = new()
    {
        // The entity type.
        ["EntityTypeEmpty"] = (p => p.EntityType = string.Empty, "Provisioning names no EntityType (the HR entity type whose resources become identities)."),
        ["EntityTypeBlank"] = (p => p.EntityType = "  ", "Provisioning names no EntityType (the HR entity type whose resources become identities)."),
        ["EntityTypeUnknown"] = (p => p.EntityType = "Employee", "Provisioning names the entity type 'Employee', which the connector does not declare."),
        ["UnknownTarget"] = (p => p.Target = (ProvisioningTarget)9, "Provisioning has an unknown Target '9'; use Repository or Workflows."),

        // Identity properties.
        ["PropertyWithoutIdentity"] = (p => p.Properties.Add(new IdentityPropertyOptions { Source = "FirstName" }), "Provisioning.Properties[3] names no Identity property."),
        ["PropertyFromUnknownHrPropertyByName"] = (p => p.Properties.Add(new IdentityPropertyOptions { Identity = "Mail" }), "Provisioning.Properties[3] ('Mail') names the HR property 'Mail', which the entity type 'Person' does not declare."),
        ["PropertyFromUnknownHrSource"] = (p => p.Properties.Add(new IdentityPropertyOptions { Identity = "Mail", Source = "Email" }), "Provisioning.Properties[3] ('Mail') names the HR property 'Email', which the entity type 'Person' does not declare."),
        ["PropertyFromBlankSource"] = (p => p.Properties.Add(new IdentityPropertyOptions { Identity = "Mail", Source = " " }), "Provisioning.Properties[3] ('Mail') names no HR property."),
        ["PropertyDeclaredTwiceIgnoringCase"] = (p => p.Properties.Add(new IdentityPropertyOptions { Identity = "GIVENNAME", Source = "FirstName" }), "Provisioning.Properties[3] ('GIVENNAME') is declared more than once (compared ignoring case)."),
        ["PropertyWithUnknownPolicy"] = (p => p.Properties[0].Policy = (OwnershipPolicy)9, "Provisioning.Properties[0] ('GivenName') has an unknown Policy '9'; use one of OnChange, Authoritative, InitialOnly, Ignored."),
        ["NoProperty"] = (p => { p.Properties.Clear(); p.Workflows.Modified.Properties.Clear(); }, "Provisioning maps no identity property."),

        // Correlation.
        ["CorrelationWithoutCondition"] = (p => p.Correlation.Add(new CorrelationRuleOptions { Name = "nothing" }), "Provisioning.Correlation[1] has no condition."),
        ["CorrelationConfidenceZero"] = (p => p.Correlation[0].Confidence = 0, "Provisioning.Correlation[0] has Confidence 0; it must be between 1 and 100."),
        ["CorrelationConfidenceOver100"] = (p => p.Correlation[0].Confidence = 101, "Provisioning.Correlation[0] has Confidence 101; it must be between 1 and 100."),
        ["CorrelationOnUnknownHrProperty"] = (p => p.Correlation[0].Conditions.Add(new CorrelationConditionOptions { Source = "Badge" }), "Provisioning.Correlation[0] names the HR property 'Badge', which the entity type 'Person' does not declare."),
        ["CorrelationConditionWithoutSource"] = (p => p.Correlation[0].Conditions.Add(new CorrelationConditionOptions { Identity = "Badge" }), "Provisioning.Correlation[0] names no HR property."),

        // Lifecycle.
        ["UnknownLeaverAction"] = (p => p.Lifecycle.Leavers = (LeaverAction)5, "Provisioning.Lifecycle has an unknown Leavers action '5'; use Deactivate or Delete."),
        ["NegativeDeleteAfterDays"] = (p => p.Lifecycle.DeleteAfterDays = -1, "Provisioning.Lifecycle has DeleteAfterDays -1; it must be between 0 and 36500."),
        ["DeleteAfterDaysWithDelete"] = (p => { p.Lifecycle.Leavers = LeaverAction.Delete; p.Lifecycle.DeleteAfterDays = 30; }, "Provisioning.Lifecycle sets DeleteAfterDays, which only applies when Leavers is Deactivate."),
        ["NegativePreStartDays"] = (p => p.Lifecycle.PreStartDays = -1, "Provisioning.Lifecycle has PreStartDays -1; it must be between 0 and 36500."),
        ["StartDateNotADate"] = (p => p.Lifecycle.StartDateProperty = "FirstName", "Provisioning.Lifecycle.StartDateProperty names 'FirstName', which is not a single-valued Date or DateTime property."),
        ["StartDateIsANumber"] = (p => p.Lifecycle.StartDateProperty = "CostCenter", "Provisioning.Lifecycle.StartDateProperty names 'CostCenter', which is not a single-valued Date or DateTime property."),
        ["StartDateIsANavigation"] = (p => p.Lifecycle.StartDateProperty = "Manager", "Provisioning.Lifecycle.StartDateProperty names 'Manager', which is not a single-valued Date or DateTime property."),
        ["StartDateUnknown"] = (p => p.Lifecycle.StartDateProperty = "StartsOn", "Provisioning.Lifecycle.StartDateProperty names the HR property 'StartsOn', which the entity type 'Person' does not declare."),
        ["StartDateEmpty"] = (p => p.Lifecycle.StartDateProperty = string.Empty, "Provisioning.Lifecycle.StartDateProperty names no HR property."),

        // Workflows.
        ["WorkflowWithoutNameWhenTargetIsWorkflows"] = (p => { p.Target = ProvisioningTarget.Workflows; p.Workflows.Deleted.Workflow = " "; }, "Provisioning.Workflows.Deleted names no Workflow."),
        ["WorkflowCarriesUnmappedProperty"] = (p => p.Workflows.Modified.Properties.Add("Phone"), "Provisioning.Workflows.Modified carries the identity property 'Phone', which Provisioning.Properties does not map."),

        // Dispatch.
        ["NegativeMaxErrors"] = (p => p.MaxErrors = -1, "Provisioning has MaxErrors -1; it must be 0 (no limit) or more."),
        ["MaxAttemptsZero"] = (p => p.Retry.MaxAttempts = 0, "Provisioning.Retry has MaxAttempts 0; it must be 1 or more."),
        ["NegativeRetryDelay"] = (p => p.Retry.Delay = TimeSpan.FromSeconds(-1), $"Provisioning.Retry has Delay -00:00:01 and MaxDelay 00:00:00; {Retry}"),
        ["MaxDelayBelowDelay"] = (p => { p.Retry.Delay = TimeSpan.FromMinutes(2); p.Retry.MaxDelay = TimeSpan.FromSeconds(30); }, $"Provisioning.Retry has Delay 00:02:00 and MaxDelay 00:00:30; {Retry}"),
    };

    public static TheoryData<string> RuleNames => [.. Rules.Keys];

    /// <summary>The people connector of <see cref="TestConnectors"/> with a valid Provisioning section that uses every setting.</summary>
    internal static ConnectorOptions Valid()
    {
        var options = TestConnectors.People().Options;
        var provisioning = new ProvisioningOptions { EntityType = "Person", MaxErrors = 0 };
        provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "GivenName", Source = "FirstName" });
        provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "LastName", Policy = OwnershipPolicy.Authoritative });
        provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "Manager", Policy = OwnershipPolicy.InitialOnly });
        var rule = new CorrelationRuleOptions { Name = "name", Confidence = 100, Normalization = MatchNormalization.All };
        rule.Conditions.Add(new CorrelationConditionOptions { Source = "LastName" });
        rule.Conditions.Add(new CorrelationConditionOptions { Source = "FirstName", Identity = "GivenName" });
        provisioning.Correlation.Add(rule);
        provisioning.Lifecycle.StartDateProperty = "HireDate";
        provisioning.Lifecycle.DeleteAfterDays = 0;
        provisioning.Lifecycle.PreStartDays = 0;
        provisioning.Workflows.Modified.Properties.Add("givenname");
        provisioning.Retry.MaxAttempts = 1;
        provisioning.Retry.Delay = TimeSpan.Zero;
        provisioning.Retry.MaxDelay = TimeSpan.Zero;
        options.Provisioning = provisioning;
        return options;
    }

    [Fact]
    public void Validate_ValidProvisioning_ReturnsNoError()
        => Assert.Empty(Connector.Validate(Valid()));

    [Fact]
    public void Validate_NoProvisioning_ReturnsNoError()
    {
        var options = Valid();
        options.Provisioning = null;

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Validate_DefaultProvisioningWithAnEntityTypeAndOneProperty_ReturnsNoError()
    {
        var options = TestConnectors.People().Options;
        options.Provisioning = new ProvisioningOptions { EntityType = "person" };
        options.Provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "lastname" });

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Validate_WorkflowsWithoutNamesWhenTargetIsRepository_ReturnsNoError()
    {
        var options = Valid();
        foreach (var kind in Enum.GetValues<OrderKind>())
        {
            options.Provisioning!.Workflows.For(kind).Workflow = string.Empty;
        }

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Validate_DefaultWorkflowsWhenTargetIsWorkflows_ReturnsNoError()
    {
        var options = Valid();
        options.Provisioning!.Target = ProvisioningTarget.Workflows;

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Validate_DateTimeStartDate_ReturnsNoError()
    {
        var options = Valid();
        options.EntityTypes[1].Properties.Add(new ScalarPropertyOptions { Identifier = "StartsAt", Type = PropertyType.DateTime });
        options.Provisioning!.Lifecycle.StartDateProperty = "startsat";

        Assert.Empty(Connector.Validate(options));
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Create_OneRuleBroken_ThrowsExactlyThatError(string rule)
    {
        var options = Valid();
        var (@break, error) = Rules[rule];
        @break(options.Provisioning!);

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal([error], exception.Errors);
        Assert.Equal($"The connector 'HR' is not valid (1 error):{Environment.NewLine} - {error}", exception.Message);
        Assert.Equal([error], Connector.Validate(options));
    }

    [Fact]
    public void Create_EntityTypeThatNoMappingReads_ThrowsThatError()
    {
        var options = Valid();
        options.EntityTypes.Add(new EntityTypeOptions { Identifier = "Contractor", Properties = { new ScalarPropertyOptions { Identifier = "FirstName" }, new ScalarPropertyOptions { Identifier = "LastName" }, new ScalarPropertyOptions { Identifier = "HireDate", Type = PropertyType.Date } } });
        options.Provisioning!.EntityType = "Contractor";
        options.Provisioning.Properties.RemoveAt(2);

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal(["Provisioning feeds identities from the entity type 'Contractor', which no mapping reads."], exception.Errors);
    }

    [Fact]
    public void Create_SeveralRulesBroken_ListsEveryErrorWithTheConnectorsOwn()
    {
        var options = Valid();
        options.Identifier = "H-R";
        var provisioning = options.Provisioning!;
        provisioning.Properties.Add(new IdentityPropertyOptions { Identity = "Mail" });
        provisioning.Correlation[0].Confidence = 0;
        provisioning.Lifecycle.PreStartDays = -2;
        provisioning.Target = ProvisioningTarget.Workflows;
        provisioning.Workflows.Added.Workflow = string.Empty;
        provisioning.MaxErrors = -3;
        provisioning.Retry.MaxAttempts = 0;

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(options));

        Assert.Equal(
            [
                "The connector has the identifier 'H-R', which is not valid: use letters, digits and underscores, starting with a letter or an underscore.",
                "Provisioning.Properties[3] ('Mail') names the HR property 'Mail', which the entity type 'Person' does not declare.",
                "Provisioning.Correlation[0] has Confidence 0; it must be between 1 and 100.",
                "Provisioning.Lifecycle has PreStartDays -2; it must be between 0 and 36500.",
                "Provisioning.Workflows.Added names no Workflow.",
                "Provisioning has MaxErrors -3; it must be 0 (no limit) or more.",
                "Provisioning.Retry has MaxAttempts 0; it must be 1 or more.",
            ],
            exception.Errors);
        Assert.StartsWith("The connector 'H-R' is not valid (7 errors):", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ValidProvisioning_ResolvesTheModel()
    {
        var connector = Connector.Create(Valid());

        var model = connector.Provisioning!;
        Assert.Equal("Person", model.EntityType.Identifier);
        Assert.Equal(ProvisioningTarget.Repository, model.Target);
        Assert.Equal(
            [("GivenName", "FirstName", OwnershipPolicy.OnChange), ("LastName", "LastName", OwnershipPolicy.Authoritative), ("Manager", "Manager", OwnershipPolicy.InitialOnly)],
            model.Properties.Select(p => (p.Identity, p.Source.Identifier, p.Policy)));
        var rule = Assert.Single(model.Correlation);
        Assert.Equal("name", rule.Name);
        Assert.Equal(["LastName", "GivenName"], rule.Conditions.Select(c => c.Identity));
        Assert.Equal(["LastName", "FirstName"], rule.Conditions.Select(c => c.Source.Identifier));
        Assert.Equal(MatchNormalization.All, rule.Normalization);
        Assert.Equal("HireDate", model.StartDate!.Identifier);
        Assert.Equal(0, model.DeleteAfterDays);
        Assert.Equal(("HR_Update", true), (model.Workflows[OrderKind.Modified].Workflow, model.Workflows[OrderKind.Modified].Properties.Contains("GivenName")));
        Assert.Equal(6, model.Workflows.Count);
        Assert.Equal((0, 1, TimeSpan.Zero, TimeSpan.Zero), (model.MaxErrors, model.MaxAttempts, model.RetryDelay, model.MaxRetryDelay));
    }

    [Fact]
    public void Create_RuleWithoutName_IsNamedByItsIdentityProperties()
    {
        var options = Valid();
        options.Provisioning!.Correlation[0].Name = null;

        var rule = Assert.Single(Connector.Create(options).Provisioning!.Correlation);

        Assert.Equal("LastName + GivenName", rule.Name);
    }

    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var options = new ProvisioningOptions();

        Assert.Equal(string.Empty, options.EntityType);
        Assert.Equal(ProvisioningTarget.Repository, options.Target);
        Assert.Equal(10, options.MaxErrors);
        Assert.Equal(LeaverAction.Deactivate, options.Lifecycle.Leavers);
        Assert.Null(options.Lifecycle.DeleteAfterDays);
        Assert.Null(options.Lifecycle.StartDateProperty);
        Assert.Equal(7, options.Lifecycle.PreStartDays);
        Assert.Equal(3, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Retry.MaxDelay);
        Assert.Equal(
            ["HR_Onboarding", "HR_Update", "HR_Link", "HR_Offboarding", "HR_Rehire", "HR_Delete"],
            Enum.GetValues<OrderKind>().Select(k => options.Workflows.For(k).Workflow));
        Assert.Equal(OwnershipPolicy.OnChange, new IdentityPropertyOptions().Policy);
        Assert.Equal((100, MatchNormalization.None), (new CorrelationRuleOptions().Confidence, new CorrelationRuleOptions().Normalization));
    }

    [Fact]
    public void WorkflowsFor_UnknownKind_ThrowsArgumentOutOfRangeException()
        => Assert.Throws<ArgumentOutOfRangeException>("kind", () => new WorkflowOptions().For((OrderKind)42));
}
