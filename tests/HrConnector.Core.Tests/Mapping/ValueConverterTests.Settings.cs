using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

/// <summary>One column, one property: every type converts its valid forms and rejects the others with a precise message.</summary>
public class ValueConverterSettingsTests
{
    [Theory]
    [InlineData(PropertyType.Int32, "42", 42)]
    [InlineData(PropertyType.Int32, "-7", -7)]
    [InlineData(PropertyType.Int64, "9000000000", 9000000000L)]
    [InlineData(PropertyType.Boolean, "Y", true)]
    [InlineData(PropertyType.Boolean, "no", false)]
    [InlineData(PropertyType.Boolean, "TRUE", true)]
    [InlineData(PropertyType.Boolean, "0", false)]
    public void MapRow_ValidValue_IsTyped(PropertyType type, string text, object expected)
    {
        var result = Single(type).MapRow("Item", Row(text));

        Assert.Empty(result.Rejects);
        Assert.Equal(expected, result.Resources[0]["Value"]);
    }

    [Theory]
    [InlineData("1.5", "", "1.5")]
    [InlineData("-0.250", "", "-0.25")]
    [InlineData("1,5", "fr-FR", "1.5")]
    [InlineData("1e3", "", "1000")]
    [InlineData("12345678901234567890.5", "", "12345678901234567890.5")]
    public void MapRow_Decimal_UsesTheCultureAndIsCanonical(string text, string culture, string expected)
    {
        var result = Single(PropertyType.Decimal, m => m.Culture = culture).MapRow("Item", Row(text));

        Assert.Empty(result.Rejects);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Resources[0]["Value"]);
    }

    [Fact]
    public void MapRow_DecimalsWithTrailingZeros_AreEqualResources()
    {
        var connector = Single(PropertyType.Decimal);

        var a = connector.MapRow("Item", Row("1.0")).Resources[0];
        var b = connector.MapRow("Item", Row("1.00")).Resources[0];
        var c = connector.MapRow("Item", Row("1")).Resources[0];

        Assert.True(a.ContentEquals(b));
        Assert.True(a.ContentEquals(c));
        Assert.Equal(a.ContentHash, b.ContentHash);
    }

    [Fact]
    public void MapRow_CommaDecimalInInvariantCulture_IsRejectedNotReadAsThousands()
    {
        var reject = Assert.Single(Single(PropertyType.Decimal).MapRow("Item", Row("1,5")).Rejects);

        Assert.Equal(RejectReason.InvalidValue, reject.Reason);
        Assert.Equal("row:2: column 'Value': the value is not a decimal number in the culture 'invariant' (decimal separator '.', no thousands separator).", reject.Message);
    }

    [Theory]
    [InlineData(PropertyType.Int32, "2147483648", "the value is not a whole number between -2147483648 and 2147483647.")]
    [InlineData(PropertyType.Int32, "4.5", "the value is not a whole number between -2147483648 and 2147483647.")]
    [InlineData(PropertyType.Int64, "x", "the value is not a whole number within the 64-bit range.")]
    [InlineData(PropertyType.Boolean, "maybe", "the value is not one of the boolean tokens true/1/Y/yes/T (true) or false/0/N/no/F (false).")]
    [InlineData(PropertyType.Date, "31/12/2024", "the value is not a date in the format 'yyyy-MM-dd'.")]
    [InlineData(PropertyType.Date, "2023-02-29", "the value is not a date in the format 'yyyy-MM-dd'.")]
    [InlineData(PropertyType.Guid, "not-a-guid", "the value is not a GUID.")]
    [InlineData(PropertyType.DateTime, "yesterday", "the value is not a date and time (ISO 8601 such as 2024-01-31T08:30:00Z, or a form of the culture 'invariant').")]
    public void MapRow_InvalidValue_RejectsWithReason(PropertyType type, string text, string reason)
    {
        var reject = Assert.Single(Single(type).MapRow("Item", Row(text)).Rejects);

        Assert.Equal(RejectReason.InvalidValue, reject.Reason);
        Assert.Equal(2, reject.Line);
        Assert.Equal("Value", reject.Column);
        Assert.Equal("K1", reject.Key);
        Assert.Equal($"row:2: column 'Value': {reason}", reject.Message);
    }

    [Fact]
    public void MapRow_DateFormats_AreTriedInOrder()
    {
        var connector = Single(PropertyType.Date, m => { m.Formats.Add("dd/MM/yyyy"); m.Formats.Add("yyyyMMdd"); m.Formats.Add("d MMM yyyy"); });

        Assert.Equal(new DateOnly(2024, 2, 29), connector.MapRow("Item", Row("29/02/2024")).Resources[0]["Value"]);
        Assert.Equal(new DateOnly(2024, 3, 1), connector.MapRow("Item", Row("20240301")).Resources[0]["Value"]);
        Assert.Equal(new DateOnly(2024, 3, 5), connector.MapRow("Item", Row("5 Mar 2024")).Resources[0]["Value"]);
        Assert.Equal(
            "row:2: column 'Value': the value is not a date in the format(s) 'dd/MM/yyyy', 'yyyyMMdd', 'd MMM yyyy'.",
            Assert.Single(connector.MapRow("Item", Row("29/02/2023")).Rejects).Message);
    }

    [Theory]
    [InlineData("2024-01-31T08:30:00Z", "2024-01-31T08:30:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00+02:00", "2024-01-31T06:30:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00.125", "2024-01-31T08:30:00.1250000", DateTimeKind.Unspecified)]
    [InlineData("2024-01-31 08:30:00", "2024-01-31T08:30:00.0000000", DateTimeKind.Unspecified)]
    public void MapRow_DateTime_IsUtcWithAZoneAndUnspecifiedWithout(string text, string expected, DateTimeKind kind)
    {
        var value = (DateTime)Single(PropertyType.DateTime).MapRow("Item", Row(text)).Resources[0]["Value"]!;

        Assert.Equal(expected, value.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(kind, value.Kind);
    }

    [Fact]
    public void MapRow_CustomBooleanTokens_ReplaceTheDefaults()
    {
        var connector = Single(PropertyType.Boolean, m => { m.TrueValues.Add("Oui"); m.FalseValues.Add("Non"); });

        Assert.Equal(true, connector.MapRow("Item", Row("oui")).Resources[0]["Value"]);
        Assert.Equal(false, connector.MapRow("Item", Row("NON")).Resources[0]["Value"]);
        Assert.Equal(RejectReason.InvalidValue, Assert.Single(connector.MapRow("Item", Row("Y")).Rejects).Reason);
    }

    [Fact]
    public void MapRow_Guid_AcceptsItsCommonForms()
    {
        var expected = Guid.Parse("8b6ecc5d-1409-4a57-b036-cfd6280bb3c7");
        var connector = Single(PropertyType.Guid);

        Assert.Equal(expected, connector.MapRow("Item", Row("8b6ecc5d-1409-4a57-b036-cfd6280bb3c7")).Resources[0]["Value"]);
        Assert.Equal(expected, connector.MapRow("Item", Row("{8B6ECC5D-1409-4A57-B036-CFD6280BB3C7}")).Resources[0]["Value"]);
    }

    [Fact]
    public void MapRow_ValueMap_ReplacesPassesThroughOrRejects()
    {
        var lenient = Single(PropertyType.String, m => { m.ValueMap["M"] = "Male"; m.ValueMap["F"] = "Female"; });
        var strict = Single(PropertyType.String, m => { m.ValueMap["M"] = "Male"; m.RejectUnmappedValues = true; });

        Assert.Equal("Male", lenient.MapRow("Item", Row("M")).Resources[0]["Value"]);
        Assert.Equal("X", lenient.MapRow("Item", Row("X")).Resources[0]["Value"]);
        var reject = Assert.Single(strict.MapRow("Item", Row("X")).Rejects);
        Assert.Equal("row:2: column 'Value': the value is not one of the values of the value map.", reject.Message);
    }

    [Fact]
    public void MapRow_DefaultValue_FillsEmptyCellsAndConstants()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", PropertyType.Int32, isRequired: true).Property("Source"))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Column("Value", "Value", p => p.DefaultValue = "7").Constant("Source", "HR"))
            .Build();

        var resource = connector.MapRow("Item", Row(string.Empty)).Resources[0];

        Assert.Equal(7, resource["Value"]);
        Assert.Equal("HR", resource["Source"]);
    }

    [Fact]
    public void MapRow_RequiredWithoutValue_IsMissingValue()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", isRequired: true))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Column("Value", "Value"))
            .Build();

        var reject = Assert.Single(connector.MapRow("Item", Row("  ")).Rejects);

        Assert.Equal(RejectReason.MissingValue, reject.Reason);
        Assert.Equal("row:2: column 'Value': the property 'Value' is required but the row has no value for it.", reject.Message);
    }

    [Fact]
    public void MapRow_MultiValued_IsASet()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", isMultiValued: true))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Column("Value", "Value", p => p.Separator = "|"))
            .Build();

        var a = connector.MapRow("Item", Row("b|a|b| |")).Resources[0];
        var b = connector.MapRow("Item", Row("a|b")).Resources[0];

        Assert.Equal(new object[] { "a", "b" }, (IEnumerable<object>)a["Value"]!);
        Assert.True(a.ContentEquals(b));
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, connector.MapRow("Item", Row("a")).Resources[0].ContentHash);
    }

    [Fact]
    public void MapRow_ComputedProperty_ReadsConvertedValuesAndColumns()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Person", e => e.Property("First").Property("Last").Property("Display").Property("Initials").Property("Year", PropertyType.Int32))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Key", m => m
                .Column("First", "First")
                .Column("Last", "Last")
                .Computed("Display", row => $"{row.Get<string>("First")} {row.Get<string>("Last")}")
                .Computed("Initials", row => string.Concat(row.GetColumn("First")![0], row.GetColumn("Last")![0]))
                .Computed("Year", row => row.GetColumn("Hired")![..4]))
            .Build();

        var resource = connector.MapRow("Person", new Dictionary<string, string?> { ["Key"] = "P1", ["First"] = "Zoé", ["Last"] = "Weiß", ["Hired"] = "2020-01-01" }).Resources[0];

        Assert.Equal("Zoé Weiß", resource["Display"]);
        Assert.Equal("ZW", resource["Initials"]);
        Assert.Equal(2020, resource["Year"]);
    }

    [Fact]
    public void MapRow_ComputationThatThrowsOrReturnsAWrongType_RejectsWithoutItsMessage()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("A", PropertyType.Int32).Property("B", PropertyType.Date))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m
                .Computed("A", _ => throw new InvalidOperationException("secret 1234"))
                .Computed("B", _ => 42))
            .Build();

        var rejects = connector.MapRow("Item", new Dictionary<string, string?> { ["Key"] = "K1" }).Rejects;

        Assert.Equal("row:2: column 'A': the computation of the value threw InvalidOperationException.", rejects[0].Message);
        Assert.DoesNotContain("secret", rejects[0].Message, StringComparison.Ordinal);
        Assert.Equal(RejectReason.InvalidValue, rejects[0].Reason);
    }

    [Fact]
    public void MapRow_ValuesInRejects_OnlyWhenOptedInAndNeverForSensitiveProperties()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Open", PropertyType.Int32).Property("Secret", PropertyType.Int32, isSensitive: true))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Column("Open", "Open").Column("Secret", "Secret"))
            .Build();
        var row = new Dictionary<string, string?> { ["Key"] = "K1", ["Open"] = "abc", ["Secret"] = "xyz" };

        var quiet = connector.MapRow("Item", row).Rejects;
        var verbose = connector.MapRow("Item", row, new ReadOptions { IncludeValuesInRejects = true }).Rejects;

        Assert.All(quiet, r => Assert.Null(r.Value));
        Assert.All(quiet, r => Assert.DoesNotContain("abc", r.Message, StringComparison.Ordinal));
        Assert.Equal("abc", verbose[0].Value);
        Assert.EndsWith("Value: 'abc'.", verbose[0].Message, StringComparison.Ordinal);
        Assert.Null(verbose[1].Value);
        Assert.DoesNotContain("xyz", verbose[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapRow_OnlyAnEmptyKey_IsRejectedNotSkipped()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value"))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", _ => { })
            .Build();

        var reject = Assert.Single(connector.MapRow("Item", new Dictionary<string, string?> { ["Key"] = null }).Rejects);

        Assert.Equal(RejectReason.EmptyKey, reject.Reason);
    }

    private static Connector Single(PropertyType type, Action<PropertyMappingOptions>? configure = null)
        => new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", type))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Column("Value", "Value", configure))
            .Build();

    private static Dictionary<string, string?> Row(string value) => new() { ["Key"] = "K1", ["Value"] = value };
}
