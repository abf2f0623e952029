using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

/// <summary>What a property mapping does besides converting: value maps, defaults, required values, multiple values, computations, references.</summary>
public class PropertyMappingTests
{
    private const string Int32Failure = "the value is not a whole number between -2147483648 and 2147483647.";

    // Value map

    [Theory]
    [InlineData("M", "Male")]
    [InlineData("F", "Female")]
    [InlineData("X", "X")]
    [InlineData("m", "m")]
    public void MapRow_ValueMap_ReplacesKeysOrdinallyAndPassesOtherTextThrough(string text, string expected)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => { m.ValueMap["M"] = "Male"; m.ValueMap["F"] = "Female"; });

        Assert.Equal(expected, connector.ValueOf(text));
    }

    [Fact]
    public void MapRow_RejectUnmappedValues_RejectsTextThatIsNotAKey()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => { m.ValueMap["M"] = "Male"; m.RejectUnmappedValues = true; });

        var reject = connector.RejectOf("m");

        Assert.Equal(RejectReason.InvalidValue, reject.Reason);
        Assert.Equal("row:2: column 'Value': the value is not one of the values of the value map.", reject.Message);
        Assert.Equal("Male", connector.ValueOf("M"));
    }

    [Fact]
    public void MapRow_RejectUnmappedValuesAndEmptyCell_HasNoValueAndNoReject()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => { m.ValueMap["M"] = "Male"; m.RejectUnmappedValues = true; });

        Assert.Null(connector.ValueOf(string.Empty));
    }

    [Fact]
    public void MapRow_ValueMap_IsAppliedBeforeTheConversion()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Boolean, m => { m.ValueMap["Actif"] = "Y"; m.ValueMap["Inactif"] = "N"; });

        Assert.Equal(true, connector.ValueOf("Actif"));
        Assert.Equal(false, connector.ValueOf("Inactif"));
    }

    [Fact]
    public void MapRow_ValueMapToEmptyText_GivesNoValue()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32, m => m.ValueMap["N/A"] = string.Empty);

        Assert.Null(connector.ValueOf("N/A"));
        Assert.Equal(12, connector.ValueOf("12"));
    }

    [Fact]
    public void MapRow_ValueMapOnMultipleValues_MapsEachValue()
    {
        var lenient = MappingFixtures.OneProperty(PropertyType.String, m => { m.Separator = "|"; m.ValueMap["A"] = "Admin"; m.ValueMap["U"] = "User"; }, isMultiValued: true);
        var strict = MappingFixtures.OneProperty(PropertyType.String, m => { m.Separator = "|"; m.ValueMap["A"] = "Admin"; m.RejectUnmappedValues = true; }, isMultiValued: true);

        Assert.Equal(["Admin", "Other", "User"], MappingFixtures.Set(lenient.ValueOf("A|U|Other")));
        Assert.Equal("row:2: column 'Value': a value is not one of the values of the value map.", strict.RejectOf("A|Other").Message);
    }

    // Default value

    [Theory]
    [InlineData("", 7)]
    [InlineData("   ", 7)]
    [InlineData(null, 7)]
    [InlineData("3", 3)]
    public void MapRow_DefaultValue_IsUsedOnlyForAnEmptyCell(string? text, int expected)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32, m => m.DefaultValue = "7");

        Assert.Equal(expected, connector.ValueOf(text));
    }

    [Fact]
    public void MapText_ConstantWithoutColumn_GivesEveryResourceTheDefaultValue()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Name").Property("Source", isRequired: true).Property("Since", PropertyType.Date))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Column("Name", "Name").Constant("Source", "HR").Constant("Since", "2024-01-01"))
            .Build();

        var result = connector.MapText("Item", "Key,Name\nK1,a\nK2,b\n");

        Assert.Empty(result.Rejects);
        Assert.Equal(["HR", "HR"], result.Resources.Select(r => r["Source"]));
        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1)], result.Resources.Select(r => r["Since"]));
        Assert.Null(connector.GetMapping("Item").Properties[1].Column);
    }

    [Fact]
    public void MapRow_DefaultValueOfARequiredProperty_SatisfiesTheRequirement()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.DefaultValue = "Unknown", isRequired: true);

        Assert.Equal("Unknown", connector.ValueOf(string.Empty));
    }

    [Fact]
    public void MapRow_DefaultValueOfAMultiValuedProperty_IsItsOnlyValue()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => { m.Separator = "|"; m.DefaultValue = "Employee"; }, isMultiValued: true);

        Assert.Equal(["Employee"], MappingFixtures.Set(connector.ValueOf(string.Empty)));
        Assert.Equal(["a", "b"], MappingFixtures.Set(connector.ValueOf("a|b")));
    }

    // Required

    [Theory]
    [InlineData(PropertyType.String, "")]
    [InlineData(PropertyType.String, "  ")]
    [InlineData(PropertyType.Int32, "")]
    [InlineData(PropertyType.Date, null)]
    public void MapRow_RequiredPropertyWithoutValue_IsRejectedAsMissingValue(PropertyType type, string? text)
    {
        var reject = MappingFixtures.OneProperty(type, isRequired: true).RejectOf(text);

        Assert.Equal(RejectReason.MissingValue, reject.Reason);
        Assert.Equal(("Value", "K1", 2L), (reject.Column, reject.Key, reject.Line));
        Assert.Equal("row:2: column 'Value': the property 'Value' is required but the row has no value for it.", reject.Message);
    }

    [Fact]
    public void MapRow_RequiredMultiValuedPropertyWithOnlySeparators_IsRejectedAsMissingValue()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "|", isRequired: true, isMultiValued: true);

        Assert.Equal(RejectReason.MissingValue, connector.RejectOf(" | |").Reason);
    }

    [Fact]
    public void MapText_RequiredColumnEmptyOnOneRow_RejectsOnlyThatRow()
    {
        var connector = TestConnectors.People().Build();

        var result = connector.MapText("Person", TestConnectors.PeopleHeader + "\nE1,Zoé,,,,,,,,,\nE2,Jürgen,Weiß,,,,,,,,\n");

        Assert.Equal(["E2"], result.Resources.Select(r => r.Key));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((RejectReason.MissingValue, "LastName", "E1", 2L), (reject.Reason, reject.Column, reject.Key, reject.Line));
        Assert.Equal("text.csv:2: column 'LastName': the property 'LastName' is required but the row has no value for it.", reject.Message);
    }

    [Fact]
    public void MapRow_RequiredNavigationWithoutValue_IsRejectedAsMissingValue()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Person", e => e.Navigation("Manager", "Person", isRequired: true))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m.Column("Manager", "ManagerId"))
            .Build();

        var result = connector.MapRow("Person", new Dictionary<string, string?> { ["Id"] = "E2", ["ManagerId"] = null });

        var reject = Assert.Single(result.Rejects);
        Assert.Equal("row:2: column 'ManagerId': the property 'Manager' is required but the row has no value for it.", reject.Message);
        Assert.Equal(RejectReason.MissingValue, reject.Reason);
    }

    // Multiple values

    [Fact]
    public void MapRow_MultipleValues_OrderAndDuplicatesDoNotMatter()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "|", isMultiValued: true);

        var withDuplicates = connector.ResourceOf("a|b|b");
        var reordered = connector.ResourceOf("b|a");

        Assert.True(withDuplicates.ContentEquals(reordered));
        Assert.Equal(withDuplicates.ContentHash, reordered.ContentHash);
        Assert.Equal(["a", "b"], MappingFixtures.Set(withDuplicates["Value"]));
        Assert.Equal(2, ((IReadOnlyList<object>)withDuplicates["Value"]!).Count);
        Assert.NotEqual(withDuplicates.ContentHash, connector.ResourceOf("a").ContentHash);
        Assert.False(withDuplicates.ContentEquals(connector.ResourceOf("a|b|c")));
    }

    [Theory]
    [InlineData("a||b|")]
    [InlineData("|a|b")]
    [InlineData(" a | b ")]
    [InlineData("a| |b")]
    public void MapRow_MultipleValues_EmptyPiecesAreDroppedAndPiecesTrimmed(string text)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "|", isMultiValued: true);

        var resource = connector.ResourceOf(text);

        Assert.Equal(["a", "b"], MappingFixtures.Set(resource["Value"]));
        Assert.True(resource.ContentEquals(connector.ResourceOf("a|b")));
    }

    [Fact]
    public void MapRow_MultipleValuesWithNothingButSeparatorsOrAnEmptyCell_HaveNoValue()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "|", isMultiValued: true);

        Assert.Null(connector.ValueOf("||"));
        Assert.Null(connector.ValueOf(string.Empty));
        Assert.True(connector.ResourceOf("||").ContentEquals(connector.ResourceOf(string.Empty)));
    }

    [Fact]
    public void MapRow_OneValueOfAMultiValuedProperty_IsAListOfOne()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "|", isMultiValued: true);

        Assert.Equal(["a"], Assert.IsAssignableFrom<IReadOnlyList<object>>(connector.ValueOf("a")));
    }

    [Fact]
    public void MapRow_MultipleTypedValues_AreConvertedAndComparedAsASet()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32, m => m.Separator = ";", isMultiValued: true);

        var resource = connector.ResourceOf("30;4;100;4");

        Assert.Equal([4, 30, 100], ((IReadOnlyList<object>)resource["Value"]!).Cast<int>().Order());
        Assert.True(resource.ContentEquals(connector.ResourceOf("100;30;4")));
    }

    [Fact]
    public void MapRow_MultipleValuesWithBadPieces_RejectsEachBadPieceAndCountsTheRowOnce()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32, m => m.Separator = "|", isMultiValued: true);

        var result = connector.Map("1|x|2|y");

        Assert.Empty(result.Resources);
        Assert.Equal(["row:2: column 'Value': " + Int32Failure, "row:2: column 'Value': " + Int32Failure], result.Rejects.Select(r => r.Message));
        Assert.All(result.Rejects, r => Assert.Equal(RejectReason.InvalidValue, r.Reason));
        Assert.Equal(1, result.RejectedRowCount);
    }

    [Fact]
    public void MapRow_MultiCharacterSeparator_SplitsOnTheWholeSeparator()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "::", isMultiValued: true);

        Assert.Equal(["a:b", "c"], MappingFixtures.Set(connector.ValueOf("a:b::c")));
    }

    // Computed values

    [Fact]
    public void MapRow_ComputedDisplayName_ReadsConvertedValuesColumnsAndKey()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName")
                .Property("Age", PropertyType.Int32)
                .Property("DisplayName")
                .Property("Summary")
                .Property("NextAge", PropertyType.Int32))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m
                .Column("FirstName", "First")
                .Column("LastName", "Last")
                .Column("Age", "Age")
                .Computed("DisplayName", row => $"{row.Get<string>("FirstName")} {row.GetValue("LastName")}")
                .Computed("Summary", row => $"{row.Key}/{row.GetColumn("Site") ?? "none"}/{row.GetColumn("Age")}")
                .Computed("NextAge", row => row.Get<int>("Age") + 1))
            .Build();

        var resource = Assert.Single(connector.MapRow("Person", new Dictionary<string, string?>
        {
            ["Id"] = "E1",
            ["First"] = " Zoé ",
            ["Last"] = "Weiß",
            ["Age"] = "041",
            ["Site"] = null,
        }).Resources);

        Assert.Equal("Zoé Weiß", resource["DisplayName"]);
        Assert.Equal("E1/none/041", resource["Summary"]);
        Assert.Equal(42, resource["NextAge"]);
    }

    [Fact]
    public void MapText_ComputedValue_IsPlacedInItsPropertyWhateverTheDeclarationOrder()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Person", e => e.Property("Display").Property("First").Property("Last"))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m
                .Computed("Display", row => $"{row.GetValue("Last")}, {row.GetValue("First")}")
                .Column("First", "First")
                .Column("Last", "Last"))
            .Build();

        var resource = Assert.Single(connector.MapText("Person", "Id,First,Last\nE1,Zoé,Weiß\n").Resources);

        Assert.Equal(new Dictionary<string, object?> { ["Display"] = "Weiß, Zoé", ["First"] = "Zoé", ["Last"] = "Weiß" }, resource.ToDictionary());
    }

    [Theory]
    [InlineData(PropertyType.String, 42, "the computed value is a Int32, not a String.")]
    [InlineData(PropertyType.Int64, 42, "the computed value is a Int32, not a Int64.")]
    [InlineData(PropertyType.Int32, "forty-two", Int32Failure)]
    [InlineData(PropertyType.Boolean, 1, "the computed value is a Int32, not a Boolean.")]
    public void MapRow_ComputedValueOfTheWrongType_IsRejectedAsInvalidValue(PropertyType type, object computed, string failure)
    {
        var reject = Assert.Single(Computed(type, _ => computed).MapRow("Item", Key("K1")).Rejects);

        Assert.Equal((RejectReason.InvalidValue, "Value", "K1"), (reject.Reason, reject.Column, reject.Key));
        Assert.Equal("row:2: column 'Value': " + failure, reject.Message);
    }

    [Fact]
    public void MapRow_ComputedDateTimeForADateProperty_IsRejected()
    {
        var reject = Assert.Single(Computed(PropertyType.Date, _ => new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Unspecified)).MapRow("Item", Key("K1")).Rejects);

        Assert.Equal("row:2: column 'Value': the computed value is a DateTime, not a DateOnly.", reject.Message);
    }

    [Theory]
    [InlineData(PropertyType.Int32, 42)]
    [InlineData(PropertyType.String, "42")]
    [InlineData(PropertyType.Int32, "42")]
    public void MapRow_ComputedValueOfThePropertyTypeOrText_IsTheValue(PropertyType type, object computed)
    {
        var resource = Assert.Single(Computed(type, _ => computed).MapRow("Item", Key("K1")).Resources);

        Assert.Equal(type == PropertyType.String ? "42" : 42, resource["Value"]);
    }

    [Fact]
    public void MapRow_ComputedDecimal_IsCanonicalLikeAColumnValue()
    {
        var computed = Assert.Single(Computed(PropertyType.Decimal, _ => 1.50m).MapRow("Item", Key("K1")).Resources);
        var read = MappingFixtures.OneProperty(PropertyType.Decimal).ResourceOf("1.5");

        Assert.True(computed.ContentEquals(read));
    }

    [Fact]
    public void MapRow_ComputationThatThrows_IsRejectedNamingTheExceptionTypeButNotItsMessage()
    {
        var connector = Computed(PropertyType.String, _ => throw new InvalidOperationException("salary of Zoé is 123456"));

        var quiet = Assert.Single(connector.MapRow("Item", Key("K1")).Rejects);
        var verbose = Assert.Single(connector.MapRow("Item", Key("K1"), new ReadOptions { IncludeValuesInRejects = true }).Rejects);

        Assert.Equal((RejectReason.InvalidValue, "Value"), (quiet.Reason, quiet.Column));
        Assert.Equal("row:2: column 'Value': the computation of the value threw InvalidOperationException.", quiet.Message);
        Assert.Equal(quiet.Message, verbose.Message);
        Assert.DoesNotContain("123456", verbose.Message, StringComparison.Ordinal);
        Assert.Null(verbose.Value);
    }

    [Fact]
    public void MapRow_ComputationReadingAnUnknownColumn_IsRejectedAsAThrowingComputation()
    {
        var reject = Assert.Single(Computed(PropertyType.String, row => row.GetColumn("Nope")).MapRow("Item", Key("K1")).Rejects);

        Assert.Equal("row:2: column 'Value': the computation of the value threw KeyNotFoundException.", reject.Message);
    }

    [Fact]
    public void MapRow_ComputationReturningNullOrEmptyText_HasNoValue()
    {
        Assert.Null(Assert.Single(Computed(PropertyType.String, _ => null).MapRow("Item", Key("K1")).Resources)["Value"]);
        Assert.Null(Assert.Single(Computed(PropertyType.Int32, _ => string.Empty).MapRow("Item", Key("K1")).Resources)["Value"]);
    }

    [Fact]
    public void MapRow_RequiredComputedPropertyReturningNull_IsMissingValueNamingTheProperty()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", isRequired: true))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Computed("Value", _ => null))
            .Build();

        var reject = Assert.Single(connector.MapRow("Item", Key("K1")).Rejects);

        Assert.Equal((RejectReason.MissingValue, "Value"), (reject.Reason, reject.Column));
        Assert.Equal("row:2: column 'Value': the property 'Value' is required but the row has no value for it.", reject.Message);
    }

    [Fact]
    public void MapRow_ComputedMultiValuedProperty_TakesASequenceAsASet()
    {
        var strings = ComputedMany(PropertyType.String, _ => new[] { "b", "a", "b", string.Empty, null });
        var numbers = ComputedMany(PropertyType.Int32, _ => new List<int> { 3, 1, 3 });

        var fromStrings = Assert.Single(strings.MapRow("Item", Key("K1")).Resources);
        var fromNumbers = Assert.Single(numbers.MapRow("Item", Key("K1")).Resources);

        Assert.Equal(["a", "b"], MappingFixtures.Set(fromStrings["Value"]));
        Assert.True(fromStrings.ContentEquals(MappingFixtures.OneProperty(PropertyType.String, m => m.Separator = "|", isMultiValued: true).ResourceOf("a|b")));
        Assert.Equal([1, 3], ((IReadOnlyList<object>)fromNumbers["Value"]!).Cast<int>().Order());
    }

    [Fact]
    public void MapRow_ComputedMultiValuedSequenceWithAWrongItem_IsRejected()
    {
        var reject = Assert.Single(ComputedMany(PropertyType.Int32, _ => new object[] { 1, "x" }).MapRow("Item", Key("K1")).Rejects);

        Assert.Equal("row:2: column 'Value': " + Int32Failure, reject.Message);
    }

    [Fact]
    public void MapRow_ComputedMultiValuedSingleValue_IsAListOfOne()
    {
        var resource = Assert.Single(ComputedMany(PropertyType.String, _ => "only").MapRow("Item", Key("K1")).Resources);

        Assert.Equal(["only"], (IEnumerable<object>)resource["Value"]!);
    }

    // Navigation properties

    [Fact]
    public void MapText_NavigationProperties_KeepTheReferencedKeys()
    {
        var connector = new ConnectorBuilder("T")
            .EntityType("Group", e => e.Property("Name"))
            .EntityType("Person", e => e.Property("Name").Navigation("Manager", "person").Navigation("Groups", "Group", isMultiValued: true))
            .CsvConnection("people", c => c.Path = "people.csv")
            .Map("Person", "people", "Id", m => m.Column("Name", "Name").Column("Manager", "ManagerId").Column("Groups", "GroupIds", p => p.Separator = ";"))
            .Build();

        var result = connector.MapText("Person", "Id,Name,ManagerId,GroupIds\nE1,Zoé,,G2;G1\nE2,Jürgen, E1 ,G1\nE3,Ana,NOBODY,\n");

        Assert.Empty(result.Rejects);
        var manager = connector.GetEntityType("Person").GetProperty("Manager");
        Assert.Equal((true, "Person", PropertyType.String, false), (manager.IsNavigation, manager.TargetEntityType, manager.Type, manager.IsMultiValued));
        Assert.Equal([null, "E1", "NOBODY"], result.Resources.Select(r => r["Manager"]));
        Assert.Equal(["G1", "G2"], MappingFixtures.Set(result.Resources[0]["Groups"]));
        Assert.Equal(["G1"], MappingFixtures.Set(result.Resources[1]["Groups"]));
        Assert.Null(result.Resources[2]["Groups"]);
    }

    private static Connector Computed(PropertyType type, Func<ComputeContext, object?> compute)
        => new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", type))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Computed("Value", compute))
            .Build();

    private static Connector ComputedMany(PropertyType type, Func<ComputeContext, object?> compute)
        => new ConnectorBuilder("T")
            .EntityType("Item", e => e.Property("Value", type, isMultiValued: true))
            .CsvConnection("items", c => c.Path = "items.csv")
            .Map("Item", "items", "Key", m => m.Computed("Value", compute))
            .Build();

    private static Dictionary<string, string?> Key(string key) => new() { ["Key"] = key };
}
