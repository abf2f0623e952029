using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector.Tests.Mapping;

/// <summary>Small connectors for mapping tests: one entity type "Item" keyed by column "Key", with one property "Value" read from column "Value".</summary>
internal static class MappingFixtures
{
    public static Connector OneProperty(
        PropertyType type,
        Action<PropertyMappingOptions>? mapping = null,
        Action<CsvConnectionOptions>? connection = null,
        bool isRequired = false,
        bool isSensitive = false,
        bool isMultiValued = false)
        => new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", type, isRequired, isSensitive, isMultiValued))
            .CsvConnection("items", c =>
            {
                c.Path = "items.csv";
                connection?.Invoke(c);
            })
            .Map("Item", "items", "Key", m => m.Column("Value", "Value", mapping))
            .Build();

    /// <summary>Maps the row Key=K1, Value=<paramref name="value"/> through MapRow.</summary>
    public static MappingResult Map(this Connector connector, string? value)
        => connector.MapRow("Item", new Dictionary<string, string?> { ["Key"] = "K1", ["Value"] = value });

    /// <summary>The value of the single resource of the row, which must not be rejected.</summary>
    public static object? ValueOf(this Connector connector, string? value)
    {
        var result = connector.Map(value);
        Assert.Empty(result.Rejects);
        return Assert.Single(result.Resources)["Value"];
    }

    /// <summary>The single resource of the row, which must not be rejected.</summary>
    public static Resource ResourceOf(this Connector connector, string? value)
    {
        var result = connector.Map(value);
        Assert.Empty(result.Rejects);
        return Assert.Single(result.Resources);
    }

    /// <summary>The single reject of the row, which must yield no resource.</summary>
    public static Reject RejectOf(this Connector connector, string? value, ReadOptions? options = null)
    {
        var result = connector.MapRow("Item", new Dictionary<string, string?> { ["Key"] = "K1", ["Value"] = value }, options);
        Assert.Empty(result.Resources);
        Assert.Equal(1, result.RejectedRowCount);
        return Assert.Single(result.Rejects);
    }

    /// <summary>The values of a multi-valued property as a sorted list of strings (their order is not part of the contract).</summary>
    public static string[] Set(object? values)
        => [.. Assert.IsAssignableFrom<IReadOnlyList<object>>(values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!).Order(StringComparer.Ordinal)];
}
