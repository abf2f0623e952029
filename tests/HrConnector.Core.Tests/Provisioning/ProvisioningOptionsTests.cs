using System.Text;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using Microsoft.Extensions.Configuration;

namespace HrConnector.Tests.Provisioning;

/// <summary>A Provisioning section bound from JSON or any IConfiguration through ConnectorConfiguration, strictly.</summary>
public class ProvisioningOptionsTests
{
    private const string Model = """
        "Identifier": "HR",
        "EntityTypes": [
          { "Identifier": "Person", "Properties": [
            { "Identifier": "FirstName" },
            { "Identifier": "LastName", "IsRequired": true },
            { "Identifier": "Mail" },
            { "Identifier": "HireDate", "Type": "Date" }
          ] }
        ],
        "Connections": [ { "Identifier": "people", "Path": "people.csv" } ],
        "Mappings": [
          { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [
            { "Property": "FirstName", "Column": "FirstName" },
            { "Property": "LastName", "Column": "LastName" },
            { "Property": "Mail", "Column": "Mail" },
            { "Property": "HireDate", "Column": "HireDate", "Formats": [ "yyyy-MM-dd" ] }
          ] }
        ]
        """;

    private const string FullProvisioning = """
        "Provisioning": {
          "EntityType": "Person",
          "Target": "Workflows",
          "Properties": [
            { "Identity": "GivenName", "Source": "FirstName" },
            { "Identity": "LastName", "Policy": "Authoritative" },
            { "Identity": "Mail", "Policy": "InitialOnly" }
          ],
          "Correlation": [
            { "Name": "mail", "Conditions": [ { "Source": "Mail" } ], "Normalization": "Case, Diacritics" },
            { "Conditions": [ { "Source": "LastName" }, { "Source": "FirstName", "Identity": "GivenName" } ], "Confidence": 80, "Normalization": "All" }
          ],
          "Lifecycle": { "Leavers": "Deactivate", "DeleteAfterDays": 90, "StartDateProperty": "HireDate", "PreStartDays": 14 },
          "Workflows": {
            "Added": { "Workflow": "Onboard", "Properties": [ "GivenName", "Mail" ] },
            "Deleted": { "Workflow": "Purge" }
          },
          "MaxErrors": 5,
          "Retry": { "MaxAttempts": 4, "Delay": "00:00:05", "MaxDelay": "00:02:00" }
        }
        """;

    private static IConfigurationRoot Json(string body)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("{" + body + "}"))).Build();

    [Fact]
    public void Bind_FullProvisioningSection_SetsEverySetting()
    {
        var options = ConnectorConfiguration.Bind(Json(Model + "," + FullProvisioning));

        var provisioning = options.Provisioning!;
        Assert.Equal("Person", provisioning.EntityType);
        Assert.Equal(ProvisioningTarget.Workflows, provisioning.Target);
        Assert.Equal(
            [("GivenName", "FirstName", OwnershipPolicy.OnChange), ("LastName", null, OwnershipPolicy.Authoritative), ("Mail", null, OwnershipPolicy.InitialOnly)],
            provisioning.Properties.Select(p => (p.Identity, p.Source, p.Policy)));
        Assert.Equal(2, provisioning.Correlation.Count);
        Assert.Equal(("mail", 100, MatchNormalization.Case | MatchNormalization.Diacritics), (provisioning.Correlation[0].Name, provisioning.Correlation[0].Confidence, provisioning.Correlation[0].Normalization));
        Assert.Equal((null, 80, MatchNormalization.All), (provisioning.Correlation[1].Name, provisioning.Correlation[1].Confidence, provisioning.Correlation[1].Normalization));
        Assert.Equal([("LastName", null), ("FirstName", "GivenName")], provisioning.Correlation[1].Conditions.Select(c => (c.Source, c.Identity)));
        Assert.Equal((LeaverAction.Deactivate, 90, "HireDate", 14), (provisioning.Lifecycle.Leavers, provisioning.Lifecycle.DeleteAfterDays, provisioning.Lifecycle.StartDateProperty, provisioning.Lifecycle.PreStartDays));
        Assert.Equal("Onboard", provisioning.Workflows.Added.Workflow);
        Assert.Equal(["GivenName", "Mail"], provisioning.Workflows.Added.Properties);
        Assert.Equal("Purge", provisioning.Workflows.Deleted.Workflow);
        Assert.Equal("HR_Update", provisioning.Workflows.Modified.Workflow);
        Assert.Empty(provisioning.Workflows.Modified.Properties);
        Assert.Equal(5, provisioning.MaxErrors);
        Assert.Equal((4, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2)), (provisioning.Retry.MaxAttempts, provisioning.Retry.Delay, provisioning.Retry.MaxDelay));
    }

    [Fact]
    public void FromConfiguration_FullProvisioningSection_BuildsTheConnector()
    {
        var connector = ConnectorConfiguration.FromConfiguration(Json(Model + "," + FullProvisioning));

        var model = connector.Provisioning!;
        Assert.Equal(ProvisioningTarget.Workflows, model.Target);
        Assert.Equal(["mail", "LastName + GivenName"], model.Correlation.Select(r => r.Name));
        Assert.Equal("Onboard", model.Workflows[OrderKind.Added].Workflow);
        Assert.Equal(TimeSpan.FromSeconds(5), model.RetryDelay);
    }

    [Fact]
    public void Bind_NoProvisioningSection_LeavesProvisioningNull()
        => Assert.Null(ConnectorConfiguration.Bind(Json(Model)).Provisioning);

    [Fact]
    public void Bind_EnumValuesIgnoringCase_AreBound()
    {
        var options = ConnectorConfiguration.Bind(Json(Model + """
            , "Provisioning": { "EntityType": "Person", "Target": "repository", "Properties": [ { "Identity": "LastName", "Policy": "ignored" } ],
                                "Lifecycle": { "Leavers": "delete" } }
            """));

        Assert.Equal(ProvisioningTarget.Repository, options.Provisioning!.Target);
        Assert.Equal(OwnershipPolicy.Ignored, options.Provisioning.Properties[0].Policy);
        Assert.Equal(LeaverAction.Delete, options.Provisioning.Lifecycle.Leavers);
    }

    [Fact]
    public void Bind_InMemoryConfiguration_BindsTheSameWay()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HrConnector:Identifier"] = "HR",
            ["HrConnector:Provisioning:EntityType"] = "Person",
            ["HrConnector:Provisioning:Properties:0:Identity"] = "LastName",
            ["HrConnector:Provisioning:Properties:0:Policy"] = "Authoritative",
            ["HrConnector:Provisioning:Correlation:0:Conditions:0:Source"] = "Mail",
            ["HrConnector:Provisioning:Correlation:0:Normalization"] = "Case, Diacritics",
            ["HrConnector:Provisioning:Retry:Delay"] = "00:00:05",
        }).Build().GetSection("HrConnector");

        var provisioning = ConnectorConfiguration.Bind(section).Provisioning!;

        Assert.Equal(OwnershipPolicy.Authoritative, provisioning.Properties[0].Policy);
        Assert.Equal(MatchNormalization.Case | MatchNormalization.Diacritics, provisioning.Correlation[0].Normalization);
        Assert.Equal(TimeSpan.FromSeconds(5), provisioning.Retry.Delay);
    }

    [Theory]
    [InlineData("\"Provisioning\": { \"EntityType\": \"Person\", \"Mode\": \"Fast\" }", "Provisioning:Mode", "ProvisioningOptions")]
    [InlineData("\"Provisioning\": { \"EntityType\": \"Person\", \"Lifecycle\": { \"Leaver\": \"Delete\" } }", "Provisioning:Lifecycle:Leaver", "LifecycleOptions")]
    [InlineData("\"Provisioning\": { \"EntityType\": \"Person\", \"Properties\": [ { \"Identity\": \"Mail\", \"Owner\": \"HR\" } ] }", "Provisioning:Properties:0:Owner", "IdentityPropertyOptions")]
    [InlineData("\"Provisioning\": { \"EntityType\": \"Person\", \"Correlation\": [ { \"Conditions\": [ { \"Sorce\": \"Mail\" } ] } ] }", "Provisioning:Correlation:0:Conditions:0:Sorce", "CorrelationConditionOptions")]
    [InlineData("\"Provisioning\": { \"EntityType\": \"Person\", \"Workflows\": { \"Moved\": { \"Workflow\": \"X\" } } }", "Provisioning:Workflows:Moved", "WorkflowOptions")]
    [InlineData("\"Provisioning\": { \"EntityType\": \"Person\", \"Retry\": { \"Attempts\": 3 } }", "Provisioning:Retry:Attempts", "RetryOptions")]
    public void Bind_UnknownKeyUnderProvisioning_ThrowsWithItsPath(string provisioning, string path, string type)
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.Bind(Json(Model + "," + provisioning)));

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith($"The setting '{path}' is unknown; check its spelling (settings of {type}: ", error, StringComparison.Ordinal);
        Assert.Equal("HR", exception.Connector);
    }

    [Fact]
    public void Bind_UnknownKeyUnderProvisioning_ListsTheKnownSettings()
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.Bind(Json(Model + ", \"Provisioning\": { \"EntityTyp\": \"Person\" }")));

        Assert.Equal(
            ["The setting 'Provisioning:EntityTyp' is unknown; check its spelling (settings of ProvisioningOptions: EntityType, Target, Properties, Correlation, Lifecycle, Scope, Workflows, MaxErrors, Retry, Timeout, Thresholds)."],
            exception.Errors);
    }

    [Theory]
    [InlineData("\"Target\": \"Workflow\"", "The setting 'Provisioning:Target' has the value 'Workflow', which is not a valid ProvisioningTarget; use one of Repository, Workflows.")]
    [InlineData("\"Target\": \"1\"", "The setting 'Provisioning:Target' has the value '1', which is not a valid ProvisioningTarget; use one of Repository, Workflows.")]
    [InlineData("\"MaxErrors\": \"ten\"", "The setting 'Provisioning:MaxErrors' has the value 'ten', which is not a valid whole number.")]
    [InlineData("\"Properties\": [ { \"Identity\": \"LastName\", \"Policy\": \"HrWins\" } ]", "The setting 'Provisioning:Properties:0:Policy' has the value 'HrWins', which is not a valid OwnershipPolicy; use one of OnChange, Authoritative, InitialOnly, Ignored.")]
    [InlineData("\"Correlation\": [ { \"Normalization\": \"Case, Accents\" } ]", "The setting 'Provisioning:Correlation:0:Normalization' has the value 'Case, Accents', which is not a valid MatchNormalization; use one of None, Case, Diacritics, Whitespace, All.")]
    [InlineData("\"Lifecycle\": { \"DeleteAfterDays\": \"never\" }", "The setting 'Provisioning:Lifecycle:DeleteAfterDays' has the value 'never', which is not a valid whole number.")]
    [InlineData("\"Retry\": { \"Delay\": \"5 seconds\" }", "The setting 'Provisioning:Retry:Delay' has the value '5 seconds', which is not a valid TimeSpan.")]
    public void Bind_ValueThatDoesNotConvert_ThrowsWithItsPath(string setting, string error)
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.Bind(Json(Model + ", \"Provisioning\": { \"EntityType\": \"Person\", " + setting + " }")));

        Assert.Equal([error], exception.Errors);
    }

    [Fact]
    public void FromConfiguration_BoundButInvalidProvisioning_ThrowsTheModelErrors()
    {
        var exception = Assert.Throws<ConnectorValidationException>(() => ConnectorConfiguration.FromConfiguration(Json(Model + """
            , "Provisioning": { "EntityType": "Person", "Properties": [ { "Identity": "Phone" } ], "Retry": { "Delay": "00:05:00" } }
            """)));

        Assert.Equal(
            [
                "Provisioning.Properties[0] ('Phone') names the HR property 'Phone', which the entity type 'Person' does not declare.",
                "Provisioning.Retry has Delay 00:05:00 and MaxDelay 00:01:00; Delay must be 0 or more, MaxDelay at least Delay and at most 1.00:00:00.",
            ],
            exception.Errors);
    }
}
