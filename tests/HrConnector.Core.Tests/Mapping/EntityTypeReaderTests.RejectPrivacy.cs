using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

/// <summary>Field values are personal data: they reach rejects only when the host opts in, and never for sensitive properties.</summary>
public class EntityTypeReaderRejectPrivacyTests
{
    private static readonly Dictionary<string, string?> BadRow = new()
    {
        ["Key"] = "K1",
        ["Open"] = "abc123",
        ["Secret"] = "987654",
        ["Coded"] = "Q",
    };

    [Fact]
    public void MapRow_ByDefault_NoValueIsInAnyReject()
    {
        var rejects = Connector().MapRow("Item", BadRow).Rejects;

        Assert.Equal(
            [
                "row:2: column 'Open': the value is not a whole number between -2147483648 and 2147483647.",
                "row:2: column 'Secret': the value is not a date in the format 'yyyy-MM-dd'.",
                "row:2: column 'Coded': the value is not one of the values of the value map.",
            ],
            rejects.Select(r => r.Message));
        Assert.All(rejects, r => Assert.Null(r.Value));
        Assert.All(rejects, r => Assert.Equal("K1", r.Key));
    }

    [Fact]
    public void MapRow_ExplicitDefaultOptions_NoValueIsInAnyReject()
    {
        var rejects = Connector().MapRow("Item", BadRow, new ReadOptions { IncludeValuesInRejects = false }).Rejects;

        Assert.All(rejects, r => Assert.Null(r.Value));
        Assert.All(rejects, r => Assert.DoesNotContain("Value:", r.Message, StringComparison.Ordinal));
        Assert.False(ReadOptions.Default.IncludeValuesInRejects);
    }

    [Fact]
    public void MapRow_IncludeValuesInRejects_QuotesTheValueOfNormalPropertiesOnly()
    {
        var rejects = Connector().MapRow("Item", BadRow, new ReadOptions { IncludeValuesInRejects = true }).Rejects;

        Assert.Equal(
            [
                ("row:2: column 'Open': the value is not a whole number between -2147483648 and 2147483647. Value: 'abc123'.", "abc123"),
                ("row:2: column 'Secret': the value is not a date in the format 'yyyy-MM-dd'.", null),
                ("row:2: column 'Coded': the value is not one of the values of the value map. Value: 'Q'.", "Q"),
            ],
            rejects.Select(r => (r.Message, r.Value)));
        Assert.DoesNotContain(rejects, r => r.Message.Contains("987654", StringComparison.Ordinal));
    }

    [Fact]
    public void MapText_IncludeValuesInRejects_NeverQuotesASensitiveBirthDate()
    {
        var connector = TestConnectors.People().Build();
        var csv = TestConnectors.PeopleHeader + "\nE1,Zoé,Müller,1980-01-31,2020-13-01,,,,,,\n";

        var rejects = connector.MapText("Person", csv, new ReadOptions { IncludeValuesInRejects = true }).Rejects;

        Assert.Equal(
            [
                ("text.csv:2: column 'BirthDate': the value is not a date in the format(s) 'dd/MM/yyyy'.", null),
                ("text.csv:2: column 'HireDate': the value is not a date in the format(s) 'yyyy-MM-dd', 'dd/MM/yyyy'. Value: '2020-13-01'.", "2020-13-01"),
            ],
            rejects.Select(r => (r.Message, r.Value)));
    }

    [Fact]
    public void MapRow_IncludeValuesInRejects_QuotesTheBadPieceOfAMultiValuedProperty()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32, m => m.Separator = "|", isMultiValued: true);

        var quiet = connector.RejectOf("1|x2|3");
        var verbose = connector.RejectOf("1|x2|3", new ReadOptions { IncludeValuesInRejects = true });

        Assert.Null(quiet.Value);
        Assert.Equal("row:2: column 'Value': the value is not a whole number between -2147483648 and 2147483647.", quiet.Message);
        Assert.Equal("x2", verbose.Value);
        Assert.Equal("row:2: column 'Value': the value is not a whole number between -2147483648 and 2147483647. Value: 'x2'.", verbose.Message);
    }

    [Fact]
    public void MapRow_IncludeValuesInRejects_MissingValueHasNoValueToQuote()
    {
        var reject = MappingFixtures.OneProperty(PropertyType.String, isRequired: true).RejectOf(string.Empty, new ReadOptions { IncludeValuesInRejects = true });

        Assert.Null(reject.Value);
        Assert.Equal("row:2: column 'Value': the property 'Value' is required but the row has no value for it.", reject.Message);
    }

    [Fact]
    public void MapRow_SensitiveMultiValuedProperty_NeverQuotesItsValues()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32, m => m.Separator = "|", isSensitive: true, isMultiValued: true);

        var reject = connector.RejectOf("1|x2", new ReadOptions { IncludeValuesInRejects = true });

        Assert.Null(reject.Value);
        Assert.DoesNotContain("x2", reject.Message, StringComparison.Ordinal);
    }

    private static Connector Connector()
        => new ConnectorBuilder("T")
            .EntityType("Item", e => e
                .Property("Open", PropertyType.Int32)
                .Property("Secret", PropertyType.Date, isSensitive: true)
                .Property("Coded"))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m
                .Column("Open", "Open")
                .Column("Secret", "Secret")
                .Column("Coded", "Coded", p => { p.ValueMap["A"] = "Alpha"; p.RejectUnmappedValues = true; }))
            .Build();
}
