using HrConnector.Provisioning;

namespace HrConnector.Tests.Provisioning;

/// <summary>IdentityValues: how the connector compares an HR value with an identity's, and normalizes text for hosts.</summary>
public class IdentityValuesTests
{
    [Theory]
    [InlineData("Dupont", "Dupont", MatchNormalization.None, true)]
    [InlineData("Dupont", "DUPONT", MatchNormalization.None, false)]
    [InlineData("Dupont", "DUPONT", MatchNormalization.Case, true)]
    [InlineData("Zoë", "Zoe", MatchNormalization.None, false)]
    [InlineData("Zoë", "Zoe", MatchNormalization.Case, false)]
    [InlineData("Zoë", "Zoe", MatchNormalization.Diacritics, true)]
    [InlineData("Zoë", "ZOE", MatchNormalization.Diacritics, false)]
    [InlineData("Zoë", "ZOE", MatchNormalization.Case | MatchNormalization.Diacritics, true)]
    [InlineData("José", "JOSÉ", MatchNormalization.Case, true)]
    [InlineData("  Jean   Paul ", "Jean Paul", MatchNormalization.None, false)]
    [InlineData("  Jean   Paul ", "Jean Paul", MatchNormalization.Whitespace, true)]
    [InlineData("Jean\tPaul", "Jean Paul", MatchNormalization.Whitespace, true)]
    [InlineData("Jean\u00A0Paul", "Jean Paul", MatchNormalization.Whitespace, true)]
    [InlineData("JeanPaul", "Jean Paul", MatchNormalization.Whitespace, false)]
    [InlineData(" jéan  PAUL ", "Jean Paul", MatchNormalization.All, true)]
    [InlineData("Jean Paul", "Jean Pierre", MatchNormalization.All, false)]
    public void AreEqual_Strings_FollowTheNormalization(string left, string right, MatchNormalization normalization, bool expected)
    {
        Assert.Equal(expected, IdentityValues.AreEqual(left, right, normalization));
        Assert.Equal(expected, IdentityValues.AreEqual(right, left, normalization));
    }

    [Fact]
    public void AreEqual_DefaultNormalization_IsExact()
    {
        Assert.True(IdentityValues.AreEqual("Zoë", "Zoë"));
        Assert.False(IdentityValues.AreEqual("Zoë", "zoë"));
        Assert.False(IdentityValues.AreEqual("Zoë", "Zoe"));
    }

    [Fact]
    public void AreEqual_ComposedAndDecomposedAccents_AreEqualWithDiacritics()
    {
        const string composed = "Andr\u00E9";
        const string decomposed = "Andre\u0301";

        Assert.True(IdentityValues.AreEqual(composed, decomposed, MatchNormalization.Diacritics));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "")]
    [InlineData("", null)]
    [InlineData("", "")]
    public void AreEqual_NullAndEmptyString_AreEqual(string? left, string? right)
        => Assert.True(IdentityValues.AreEqual(left, right));

    [Fact]
    public void AreEqual_NullAndEmptyList_AreEqual()
    {
        Assert.True(IdentityValues.AreEqual(null, Array.Empty<string>()));
        Assert.True(IdentityValues.AreEqual(new List<string>(), null));
        Assert.True(IdentityValues.AreEqual(string.Empty, new List<object?>()));
        Assert.True(IdentityValues.AreEqual(new List<string?> { null, string.Empty }, null));
    }

    [Fact]
    public void AreEqual_NullAndAValue_AreNotEqual()
    {
        Assert.False(IdentityValues.AreEqual(null, "x"));
        Assert.False(IdentityValues.AreEqual("x", null));
        Assert.False(IdentityValues.AreEqual(0, null));
        Assert.False(IdentityValues.AreEqual(null, false));
        Assert.False(IdentityValues.AreEqual(new[] { "a" }, null));
    }

    [Fact]
    public void AreEqual_WhitespaceOnlyString_IsEmptyOnlyWithWhitespaceNormalization()
    {
        Assert.False(IdentityValues.AreEqual("   ", null));
        Assert.True(IdentityValues.AreEqual("   ", null, MatchNormalization.Whitespace));
    }

    [Fact]
    public void AreEqual_Lists_AreComparedAsSets()
    {
        Assert.True(IdentityValues.AreEqual(new[] { "a", "b", "c" }, new List<string> { "c", "a", "b" }));
        Assert.True(IdentityValues.AreEqual(new[] { "a", "b", "a" }, new[] { "b", "a" }));
        Assert.False(IdentityValues.AreEqual(new[] { "a", "b" }, new[] { "a", "b", "c" }));
        Assert.False(IdentityValues.AreEqual(new[] { "a", "b" }, new[] { "a", "c" }));
    }

    [Fact]
    public void AreEqual_ListItems_AreNormalized()
    {
        Assert.True(IdentityValues.AreEqual(new[] { "Zoë", " Admin " }, new[] { "ADMIN", "zoe" }, MatchNormalization.All));
        Assert.False(IdentityValues.AreEqual(new[] { "Zoë", "Admin" }, new[] { "ADMIN", "zoe" }));
    }

    [Fact]
    public void AreEqual_ListItemsThatAreNumbers_AreComparedByValue()
        => Assert.True(IdentityValues.AreEqual(new object[] { 1, 2L }, new object[] { 2.0m, (short)1 }));

    [Fact]
    public void AreEqual_ListAndScalar_AreNotEqual()
        => Assert.False(IdentityValues.AreEqual(new[] { "a" }, "a"));

    [Theory]
    [MemberData(nameof(EqualNumbers))]
    public void AreEqual_NumbersOfDifferentTypes_AreComparedByValue(object left, object right)
    {
        Assert.True(IdentityValues.AreEqual(left, right));
        Assert.True(IdentityValues.AreEqual(right, left));
    }

    public static TheoryData<object, object> EqualNumbers() => new()
    {
        { 42, 42L },
        { 42, 42m },
        { 42, 42.0m },
        { 42L, 42.0 },
        { (byte)7, 7 },
        { (sbyte)-7, -7L },
        { (short)12, 12m },
        { (ushort)12, 12 },
        { 12u, 12L },
        { 12UL, 12m },
        { 1.5f, 1.5m },
        { 0.25, 0.25m },
        { 100.00m, 100 },
    };

    [Theory]
    [InlineData(42, 43L)]
    [InlineData(1.5, 1)]
    [InlineData(0, -1)]
    public void AreEqual_DifferentNumbers_AreNotEqual(object left, object right)
        => Assert.False(IdentityValues.AreEqual(left, right));

    [Fact]
    public void AreEqual_NumberAndItsText_AreNotEqual()
        => Assert.False(IdentityValues.AreEqual(42, "42"));

    [Fact]
    public void AreEqual_OtherValues_UseTheirOwnEquality()
    {
        Assert.True(IdentityValues.AreEqual(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 1)));
        Assert.False(IdentityValues.AreEqual(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)));
        Assert.True(IdentityValues.AreEqual(true, true));
        Assert.False(IdentityValues.AreEqual(true, false));
        var id = Guid.NewGuid();
        Assert.True(IdentityValues.AreEqual(id, new Guid(id.ToString())));
        Assert.False(IdentityValues.AreEqual(id, Guid.NewGuid()));
    }

    [Theory]
    [InlineData("  Zoë   Dupont-Élise ", MatchNormalization.None, "  Zoë   Dupont-Élise ")]
    [InlineData("  Zoë   Dupont-Élise ", MatchNormalization.Whitespace, "Zoë Dupont-Élise")]
    [InlineData("  Zoë   Dupont-Élise ", MatchNormalization.Diacritics, "  Zoe   Dupont-Elise ")]
    [InlineData("  Zoë   Dupont-Élise ", MatchNormalization.Case, "  ZOË   DUPONT-ÉLISE ")]
    [InlineData("  Zoë   Dupont-Élise ", MatchNormalization.All, "ZOE DUPONT-ELISE")]
    [InlineData("a\t\r\n b", MatchNormalization.Whitespace, "a b")]
    [InlineData("   ", MatchNormalization.Whitespace, "")]
    [InlineData("Ça garçon naïve", MatchNormalization.Diacritics | MatchNormalization.Case, "CA GARCON NAIVE")]
    public void Normalize_Text_AppliesEachAskedNormalization(string value, MatchNormalization normalization, string expected)
        => Assert.Equal(expected, IdentityValues.Normalize(value, normalization));

    [Fact]
    public void Normalize_SpaceLeftByARemovedMark_IsCollapsed()
        => Assert.True(IdentityValues.AreEqual("a b", "a \u0301 b", MatchNormalization.Whitespace | MatchNormalization.Diacritics));

    [Fact]
    public void Normalize_DecomposedAccent_ReturnsComposedForm()
        => Assert.Equal("Andre", IdentityValues.Normalize("Andre\u0301", MatchNormalization.Diacritics));

    [Fact]
    public void Normalize_Null_ThrowsArgumentNullException()
        => Assert.Throws<ArgumentNullException>("value", () => IdentityValues.Normalize(null!, MatchNormalization.All));
}
