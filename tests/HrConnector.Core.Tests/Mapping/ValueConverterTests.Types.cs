using System.Globalization;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Tests.Mapping;

/// <summary>Conversions of column text to each property type: the accepted forms, and the exact reject of the others.</summary>
public class ValueConverterTypesTests
{
    private const string Int32Failure = "the value is not a whole number between -2147483648 and 2147483647.";
    private const string Int64Failure = "the value is not a whole number within the 64-bit range.";
    private const string InvariantDecimalFailure = "the value is not a decimal number in the culture 'invariant' (decimal separator '.', no thousands separator).";
    private const string DefaultBooleanFailure = "the value is not one of the boolean tokens true/1/Y/yes/T (true) or false/0/N/no/F (false).";
    private const string IsoDateFailure = "the value is not a date in the format 'yyyy-MM-dd'.";
    private const string DateTimeFailure = "the value is not a date and time (ISO 8601 such as 2024-01-31T08:30:00Z, or a form of the culture 'invariant').";

    // String

    [Theory]
    [InlineData("Zoé", "Zoé")]
    [InlineData("  Weiß  ", "Weiß")]
    [InlineData("a \"quoted\" word, and a comma", "a \"quoted\" word, and a comma")]
    public void MapRow_StringValue_IsKeptAsText(string text, string expected)
    {
        Assert.Equal(expected, MappingFixtures.OneProperty(PropertyType.String).ValueOf(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void MapRow_EmptyString_HasNoValue(string? text)
    {
        Assert.Null(MappingFixtures.OneProperty(PropertyType.String).ValueOf(text));
    }

    [Fact]
    public void MapText_EmptyStringCell_HasNoValueAndIsNotAnEmptyString()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.String);

        var result = connector.MapText("Item", "Key,Value\nK1,\nK2,\"\"\n");

        Assert.Empty(result.Rejects);
        Assert.Equal([null, null], result.Resources.Select(r => r["Value"]));
        Assert.True(result.Resources[0].ContentEquals(connector.ResourceOf(null)));
    }

    // Int32 and Int64

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("+5", 5)]
    [InlineData("007", 7)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void MapRow_Int32Value_IsAnInt(string text, int expected)
    {
        Assert.Equal(expected, MappingFixtures.OneProperty(PropertyType.Int32).ValueOf(text));
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("99999999999999999999")]
    [InlineData("4.5")]
    [InlineData("1,000")]
    [InlineData("12abc")]
    [InlineData("0x1F")]
    public void MapRow_Int32OutOfRangeOrNotWhole_IsRejectedAsInvalidValue(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.Int32).RejectOf(text), Int32Failure);
    }

    [Theory]
    [InlineData("9000000000", 9000000000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0", 0L)]
    public void MapRow_Int64Value_IsALong(string text, long expected)
    {
        var value = MappingFixtures.OneProperty(PropertyType.Int64).ValueOf(text);

        Assert.IsType<long>(value);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1.0")]
    [InlineData("ten")]
    public void MapRow_Int64OutOfRangeOrNotWhole_IsRejectedAsInvalidValue(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.Int64).RejectOf(text), Int64Failure);
    }

    // Decimal

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("+3", "3")]
    [InlineData(".5", "0.5")]
    [InlineData("1.50", "1.5")]
    [InlineData("15e-1", "1.5")]
    [InlineData("12345678901234567890.50", "12345678901234567890.5")]
    public void MapRow_InvariantDecimal_IsReadWithAPointAndWithoutTrailingZeros(string text, string expected)
    {
        var value = Assert.IsType<decimal>(MappingFixtures.OneProperty(PropertyType.Decimal).ValueOf(text));

        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MapRow_CommaDecimalInTheInvariantCulture_IsRejectedNotReadAsFifteen()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Decimal);

        var result = connector.Map("1,5");

        Assert.Empty(result.Resources);
        AssertInvalid(Assert.Single(result.Rejects), InvariantDecimalFailure);
    }

    [Theory]
    [InlineData("1,000.5")]
    [InlineData("1.5.1")]
    [InlineData("abc")]
    [InlineData("-")]
    public void MapRow_InvariantDecimalWithThousandsSeparatorOrGarbage_IsRejected(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.Decimal).RejectOf(text), InvariantDecimalFailure);
    }

    [Theory]
    [InlineData("1,5", "1.5")]
    [InlineData("-0,25", "-0.25")]
    [InlineData("42", "42")]
    public void MapRow_DecimalOfAFrenchConnection_IsReadWithAComma(string text, string expected)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Decimal, connection: c => c.Culture = "fr-FR");

        var value = Assert.IsType<decimal>(connector.ValueOf(text));

        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MapRow_PointDecimalOfAFrenchConnection_IsRejectedNamingTheCulture()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Decimal, connection: c => c.Culture = "fr-FR");

        AssertInvalid(connector.RejectOf("1.5"), "the value is not a decimal number in the culture 'fr-FR' (decimal separator ',', no thousands separator).");
    }

    [Fact]
    public void MapRow_CultureOfThePropertyMapping_WinsOverTheConnection()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Decimal, m => m.Culture = "en-US", c => c.Culture = "fr-FR");

        Assert.Equal(1.5m, connector.ValueOf("1.5"));
        AssertInvalid(connector.RejectOf("1,5"), "the value is not a decimal number in the culture 'en-US' (decimal separator '.', no thousands separator).");
    }

    [Fact]
    public void MapRow_DecimalsWrittenWithDifferentTrailingZeros_GiveEqualResources()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Decimal);

        var one = connector.ResourceOf("1");
        var onePointZero = connector.ResourceOf("1.0");
        var onePointZeroZero = connector.ResourceOf("1.00");
        var exponent = connector.ResourceOf("100e-2");

        Assert.True(onePointZero.ContentEquals(onePointZeroZero));
        Assert.True(one.ContentEquals(onePointZero));
        Assert.True(one.ContentEquals(exponent));
        Assert.Equal(onePointZero.ContentHash, onePointZeroZero.ContentHash);
        Assert.Equal(one.ContentHash, exponent.ContentHash);
        Assert.Equal("1", ((decimal)onePointZeroZero["Value"]!).ToString(CultureInfo.InvariantCulture));
        Assert.False(one.ContentEquals(connector.ResourceOf("1.01")));
    }

    // Boolean

    [Theory]
    [InlineData("Y", true)]
    [InlineData("y", true)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("YES", true)]
    [InlineData("T", true)]
    [InlineData("t", true)]
    [InlineData("N", false)]
    [InlineData("n", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("NO", false)]
    [InlineData("F", false)]
    [InlineData("f", false)]
    public void MapRow_DefaultBooleanToken_IsReadIgnoringCase(string text, bool expected)
    {
        Assert.Equal(expected, MappingFixtures.OneProperty(PropertyType.Boolean).ValueOf(text));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("oui")]
    [InlineData("yess")]
    public void MapRow_UnknownBooleanToken_IsRejectedListingTheTokens(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.Boolean).RejectOf(text), DefaultBooleanFailure);
    }

    [Theory]
    [InlineData("Oui", true)]
    [InlineData("oui", true)]
    [InlineData("OUI", true)]
    [InlineData("Non", false)]
    [InlineData("non", false)]
    public void MapRow_CustomBooleanTokens_AreReadIgnoringCase(string text, bool expected)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Boolean, m => { m.TrueValues.Add("Oui"); m.FalseValues.Add("Non"); });

        Assert.Equal(expected, connector.ValueOf(text));
    }

    [Theory]
    [InlineData("Y")]
    [InlineData("N")]
    [InlineData("true")]
    [InlineData("0")]
    public void MapRow_CustomBooleanTokens_ReplaceTheDefaults(string text)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Boolean, m => { m.TrueValues.Add("Oui"); m.FalseValues.Add("Non"); });

        AssertInvalid(connector.RejectOf(text), "the value is not one of the boolean tokens Oui (true) or Non (false).");
    }

    [Fact]
    public void MapRow_NonAsciiBooleanTokens_AreComparedIgnoringCase()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Boolean, m => { m.TrueValues.Add("Sí"); m.FalseValues.Add("Nein"); });

        Assert.Equal(true, connector.ValueOf("SÍ"));
        Assert.Equal(false, connector.ValueOf("nein"));
    }

    // Date

    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    [InlineData("2023-02-28", 2023, 2, 28)]
    [InlineData("0001-01-01", 1, 1, 1)]
    public void MapRow_DateWithoutFormats_IsReadAsYearMonthDay(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), MappingFixtures.OneProperty(PropertyType.Date).ValueOf(text));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-2-9")]
    [InlineData("31/01/2024")]
    [InlineData("2024-01-31T00:00:00")]
    public void MapRow_DateWithoutFormatsNotYearMonthDay_IsRejectedNamingTheDefaultFormat(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.Date).RejectOf(text), IsoDateFailure);
    }

    [Theory]
    [InlineData("13/02/2024", 2024, 2, 13)]
    [InlineData("02/13/2024", 2024, 2, 13)]
    [InlineData("01/02/2024", 2024, 2, 1)]
    [InlineData("29/02/2024", 2024, 2, 29)]
    [InlineData("02/29/2024", 2024, 2, 29)]
    public void MapRow_SeveralDateFormats_AreTriedInOrder(string text, int year, int month, int day)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Date, m => { m.Formats.Add("dd/MM/yyyy"); m.Formats.Add("MM/dd/yyyy"); });

        Assert.Equal(new DateOnly(year, month, day), connector.ValueOf(text));
    }

    [Theory]
    [InlineData("29/02/2023")]
    [InlineData("2024-02-01")]
    [InlineData("32/01/2024")]
    public void MapRow_DateInNoneOfTheFormats_IsRejectedListingThem(string text)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Date, m => { m.Formats.Add("dd/MM/yyyy"); m.Formats.Add("MM/dd/yyyy"); });

        AssertInvalid(connector.RejectOf(text), "the value is not a date in the format(s) 'dd/MM/yyyy', 'MM/dd/yyyy'.");
    }

    [Fact]
    public void MapRow_FirstDateFormatIsNotAFixedOne_IsStillTriedFirst()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Date, m => { m.Formats.Add("d/M/yyyy"); m.Formats.Add("MM/dd/yyyy"); });

        Assert.Equal(new DateOnly(2024, 2, 1), connector.ValueOf("01/02/2024"));
        Assert.Equal(new DateOnly(2024, 2, 1), connector.ValueOf("1/2/2024"));
    }

    [Fact]
    public void MapRow_DateFormatWithMonthNames_UsesTheCulture()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Date, m => { m.Formats.Add("d MMMM yyyy"); m.Culture = "fr-FR"; });

        Assert.Equal(new DateOnly(2024, 3, 5), connector.ValueOf("5 mars 2024"));
        AssertInvalid(connector.RejectOf("5 March 2024"), "the value is not a date in the format(s) 'd MMMM yyyy'.");
    }

    // DateTime

    [Theory]
    [InlineData("2024-01-31T08:30:00Z", "2024-01-31T08:30:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00+02:00", "2024-01-31T06:30:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00-05:30", "2024-01-31T14:00:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-01T01:00:00+02:00", "2023-12-31T23:00:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00+0200", "2024-01-31T06:30:00.0000000Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00.1234567Z", "2024-01-31T08:30:00.1234567Z", DateTimeKind.Utc)]
    [InlineData("2024-01-31T08:30:00", "2024-01-31T08:30:00.0000000", DateTimeKind.Unspecified)]
    [InlineData("2024-01-31 08:30:00", "2024-01-31T08:30:00.0000000", DateTimeKind.Unspecified)]
    [InlineData("2024-01-31", "2024-01-31T00:00:00.0000000", DateTimeKind.Unspecified)]
    public void MapRow_DateTime_IsUtcWhenTheTextHasAZoneAndUnspecifiedOtherwise(string text, string expected, DateTimeKind kind)
    {
        var value = Assert.IsType<DateTime>(MappingFixtures.OneProperty(PropertyType.DateTime).ValueOf(text));

        Assert.Equal(kind, value.Kind);
        Assert.Equal(expected, value.ToString("O", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MapRow_SameInstantWithDifferentOffsets_GivesEqualResources()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.DateTime);

        var utc = connector.ResourceOf("2024-01-31T08:30:00Z");
        var paris = connector.ResourceOf("2024-01-31T09:30:00+01:00");
        var unspecified = connector.ResourceOf("2024-01-31T08:30:00");

        Assert.True(utc.ContentEquals(paris));
        Assert.Equal(utc.ContentHash, paris.ContentHash);
        Assert.False(utc.ContentEquals(unspecified));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-02-30T08:30:00Z")]
    [InlineData("2024-01-31T25:00:00")]
    public void MapRow_NotADateTime_IsRejectedNamingIsoAndTheCulture(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.DateTime).RejectOf(text), DateTimeFailure);
    }

    [Fact]
    public void MapRow_DateTimeFormats_AreUsedExactly()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.DateTime, m => m.Formats.Add("dd/MM/yyyy HH:mm"));

        var value = Assert.IsType<DateTime>(connector.ValueOf("31/01/2024 08:30"));

        Assert.Equal(new DateTime(2024, 1, 31, 8, 30, 0, DateTimeKind.Unspecified), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
        AssertInvalid(connector.RejectOf("2024-01-31T08:30:00Z"), "the value is not a date and time in the format(s) 'dd/MM/yyyy HH:mm'.");
    }

    // Guid

    [Theory]
    [InlineData("8b6ecc5d-1409-4a57-b036-cfd6280bb3c7")]
    [InlineData("8B6ECC5D-1409-4A57-B036-CFD6280BB3C7")]
    [InlineData("{8b6ecc5d-1409-4a57-b036-cfd6280bb3c7}")]
    [InlineData("8b6ecc5d14094a57b036cfd6280bb3c7")]
    public void MapRow_GuidInAnyStandardForm_IsTheSameGuid(string text)
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Guid);
        var expected = new Guid("8b6ecc5d-1409-4a57-b036-cfd6280bb3c7");

        var resource = connector.ResourceOf(text);

        Assert.Equal(expected, resource["Value"]);
        Assert.True(resource.ContentEquals(connector.ResourceOf("8b6ecc5d-1409-4a57-b036-cfd6280bb3c7")));
    }

    [Theory]
    [InlineData("8b6ecc5d-1409-4a57-b036")]
    [InlineData("not-a-guid")]
    [InlineData("8b6ecc5d-1409-4a57-b036-cfd6280bb3cz")]
    public void MapRow_NotAGuid_IsRejected(string text)
    {
        AssertInvalid(MappingFixtures.OneProperty(PropertyType.Guid).RejectOf(text), "the value is not a GUID.");
    }

    // Every type

    [Theory]
    [InlineData(PropertyType.String)]
    [InlineData(PropertyType.Int32)]
    [InlineData(PropertyType.Int64)]
    [InlineData(PropertyType.Decimal)]
    [InlineData(PropertyType.Boolean)]
    [InlineData(PropertyType.Date)]
    [InlineData(PropertyType.DateTime)]
    [InlineData(PropertyType.Guid)]
    public void MapRow_EmptyCellOfAnOptionalProperty_HasNoValueWhateverTheType(PropertyType type)
    {
        Assert.Null(MappingFixtures.OneProperty(type).ValueOf(string.Empty));
    }

    [Fact]
    public void MapText_BadValue_IsRejectedWithFileLineColumnAndKey()
    {
        var connector = MappingFixtures.OneProperty(PropertyType.Int32);

        var result = connector.MapText("Item", "Key,Value\nK1,1\n\nK2,two\nK3,3\n", name: "items-2024.csv");

        Assert.Equal(["K1", "K3"], result.Resources.Select(r => r.Key));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(("Item", "items-2024.csv", 4L, "Value", RejectReason.InvalidValue, "K2"), (reject.EntityType, reject.File, reject.Line, reject.Column, reject.Reason, reject.Key));
        Assert.Equal("items-2024.csv:4: column 'Value': " + Int32Failure, reject.Message);
        Assert.Equal(reject.Message, reject.ToString());
        Assert.Equal((3L, 1L), (result.RowCount, result.RejectedRowCount));
    }

    private static void AssertInvalid(Reject reject, string failure)
    {
        Assert.Equal(RejectReason.InvalidValue, reject.Reason);
        Assert.Equal(("Item", "row", 2L, "Value", "K1"), (reject.EntityType, reject.File, reject.Line, reject.Column, reject.Key));
        Assert.Null(reject.Value);
        Assert.Equal("row:2: column 'Value': " + failure, reject.Message);
    }
}
