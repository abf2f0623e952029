using HrConnector.Modeling;
using HrConnector.Synchronization;
using HrConnector.Tests.Synchronization;

namespace HrConnector.Tests.Modeling;

/// <summary>Threshold settings are validated when the connector is created, with messages that name the setting and its owner.</summary>
public class ThresholdOptionsTests
{
    [Fact]
    public void Create_NegativeMaxDeleted_ThrowsWithTheExactMessage()
    {
        var builder = TestConnectors.People();
        builder.Options.Thresholds.MaxDeleted = -1;

        var exception = Assert.Throws<ConnectorValidationException>(() => Connector.Create(builder.Options));

        Assert.Equal(["The connector has the threshold MaxDeleted -1; it must be 0 (off) or more."], exception.Errors);
        Assert.Equal($"The connector 'HR' is not valid (1 error):{Environment.NewLine} - The connector has the threshold MaxDeleted -1; it must be 0 (off) or more.", exception.Message);
        Assert.Equal("HR", exception.Connector);
    }

    [Fact]
    public void Create_PercentOver100_ThrowsWithTheExactMessage()
    {
        var builder = TestConnectors.People();
        builder.Options.Thresholds.MaxDeletedPercent = 100.5;

        var exception = Assert.Throws<ConnectorValidationException>(() => builder.Build());

        Assert.Equal(["The connector has the threshold MaxDeletedPercent 100.5; it must be between 0 (off) and 100."], exception.Errors);
    }

    [Theory]
    [InlineData("MaxInserted", -1, "The connector has the threshold MaxInserted -1; it must be 0 (off) or more.")]
    [InlineData("MaxUpdated", -20, "The connector has the threshold MaxUpdated -20; it must be 0 (off) or more.")]
    [InlineData("MaxDeleted", -3, "The connector has the threshold MaxDeleted -3; it must be 0 (off) or more.")]
    [InlineData("MaxInsertedPercent", -0.5, "The connector has the threshold MaxInsertedPercent -0.5; it must be between 0 (off) and 100.")]
    [InlineData("MaxUpdatedPercent", 101, "The connector has the threshold MaxUpdatedPercent 101; it must be between 0 (off) and 100.")]
    [InlineData("MaxDeletedPercent", double.NaN, "The connector has the threshold MaxDeletedPercent NaN; it must be between 0 (off) and 100.")]
    public void Validate_InvalidConnectorThreshold_ReportsIt(string setting, double value, string expected)
    {
        var builder = TestConnectors.People();
        SyncTestKit.SetThreshold(builder.Options.Thresholds, setting, value);

        Assert.Equal([expected], Connector.Validate(builder.Options));
    }

    [Fact]
    public void Create_InvalidEntityTypeThresholds_NamesTheEntityTypeAndListsEveryProblem()
    {
        var builder = TestConnectors.People();
        builder.Options.Thresholds.MaxUpdated = -7;
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxInserted = -5, MaxDeletedPercent = 250 };

        var exception = Assert.Throws<ConnectorValidationException>(() => builder.Build());

        Assert.Equal(
            [
                "The connector has the threshold MaxUpdated -7; it must be 0 (off) or more.",
                "The entity type 'Person' has the threshold MaxInserted -5; it must be 0 (off) or more.",
                "The entity type 'Person' has the threshold MaxDeletedPercent 250; it must be between 0 (off) and 100.",
            ],
            exception.Errors);
        Assert.StartsWith("The connector 'HR' is not valid (3 errors):", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BoundaryValues_AreValid()
    {
        var builder = TestConnectors.People();
        builder.Options.Thresholds.MaxInserted = 0;
        builder.Options.Thresholds.MaxUpdated = int.MaxValue;
        builder.Options.Thresholds.MaxDeleted = 0;
        builder.Options.Thresholds.MaxInsertedPercent = 0;
        builder.Options.Thresholds.MaxUpdatedPercent = 100;
        builder.Options.Thresholds.MaxDeletedPercent = 0.01;
        builder.Options.EntityTypes.Single(e => e.Identifier == "Person").Thresholds = new ThresholdOptions { MaxDeleted = 3, MaxUpdatedPercent = 100 };

        var connector = builder.Build();

        Assert.Equal(new ThresholdLimits(0, int.MaxValue, 0, 0, 100, 0.01), connector.Thresholds);
        Assert.Equal(new ThresholdLimits(0, 0, 3, 0, 100, 0), connector.GetEntityType("Person").Thresholds);
        Assert.Null(connector.GetEntityType("Department").Thresholds);
    }
}
