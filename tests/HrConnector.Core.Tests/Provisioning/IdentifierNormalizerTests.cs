using CsCheck;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Tests.Convergence;
using Microsoft.Extensions.Configuration;

namespace HrConnector.Tests.Provisioning;

/// <summary>The normalization of generated identifiers.</summary>
[Trait("Category", "IdentityShaping")]
public sealed class IdentifierNormalizerTests
{
    private const string Suffix = "@fabrikam.example";

    private static void Login(ProvisioningBuilder p) => p.Generated("Login", ["{FirstName}.{LastName}", "{FirstName}.{LastName}{n}"], Suffix);

    [Theory]
    [InlineData("Élodie", "elodie")]
    [InlineData("Strauß", "strauss")]
    [InlineData("Søren", "soren")]
    [InlineData("Ærøskøbing", "aeroskobing")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Đorđe", "dorde")]
    [InlineData("Þór", "thor")]
    [InlineData("Ångström", "angstrom")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("D’Artagnan", "dartagnan")]
    [InlineData("Jean Pierre", "jeanpierre")]
    [InlineData("Jean-Pierre", "jean-pierre")]
    [InlineData("  --Anne..Marie--  ", "anne.marie")]
    [InlineData("Zoë (2nd)", "zoe2nd")]
    public void Normalize_Defaults_RemovesDiacriticsSpacesAndApostrophes(string text, string expected)
        => Assert.Equal(expected, IdentifierNormalizer.Normalize(text));

    [Fact]
    public void Normalize_SpacesAndApostrophesReplaced_UseTheSeparator()
    {
        var options = new IdentifierNormalizationOptions { Spaces = SeparatorHandling.Dot, Apostrophes = SeparatorHandling.Hyphen };

        Assert.Equal("van.der.berg", IdentifierNormalizer.Normalize("Van der  Berg", options));
        Assert.Equal("o-brien", IdentifierNormalizer.Normalize("O'Brien", options));
    }

    [Fact]
    public void Normalize_MaxLength_CutsWithoutATrailingSeparator()
    {
        var options = new IdentifierNormalizationOptions { MaxLength = 5 };

        Assert.Equal("maxim", IdentifierNormalizer.Normalize("Maximilian", options));
        Assert.Equal("jean", IdentifierNormalizer.Normalize("Jean-Pierre", options));
    }

    [Fact]
    public void Normalize_UpperCase_KeepsOnlyUpperLetters()
        => Assert.Equal("STRAUSS.ZOE", IdentifierNormalizer.Normalize("Strauß.Zoë", new IdentifierNormalizationOptions { Case = IdentifierCase.Upper }));

    [Fact]
    public void Normalize_AnyText_GivesOnlyTheAllowedAlphabetAndIsIdempotent()
    {
        var options = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 30], (spaces, apostrophes, max) => new IdentifierNormalizationOptions
        {
            Spaces = (SeparatorHandling)spaces,
            Apostrophes = (SeparatorHandling)apostrophes,
            MaxLength = max == 0 ? null : max,
        });
        var text = Gen.OneOf(Gen.String, Gen.String[Gen.Char["aéßøæœÆŁłđþ '’-._ÅZ0çÇ\u0301\t"], 0, 40]);

        Gen.Select(text, options).Sample((value, o) =>
        {
            var normalized = IdentifierNormalizer.Normalize(value, o);
            Assert.All(normalized, c => Assert.True(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_'));
            Assert.True(o.MaxLength is not { } max || normalized.Length <= max);
            Assert.False(normalized.StartsWith('.') || normalized.EndsWith('.') || normalized.EndsWith('-') || normalized.StartsWith('-'));
            Assert.Equal(normalized, IdentifierNormalizer.Normalize(normalized, o));
        }, iter: 5_000);
    }
}
