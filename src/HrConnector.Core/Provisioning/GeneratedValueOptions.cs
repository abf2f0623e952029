namespace HrConnector.Provisioning;

/// <summary>
/// How the value of a generated identity property (a login, an e-mail address) is made: an ordered list of candidate
/// templates over HR properties, normalized, suffixed, and the first candidate that no identity holds and no other joiner
/// of the run claimed wins. See <see cref="IdentityPropertyOptions.Generate"/>.
/// </summary>
public sealed class GeneratedValueOptions
{
    /// <summary>
    /// Gets the candidate templates, tried in order. A template is literal text with placeholders: <c>{FirstName}</c>
    /// (the value of an HR property of <see cref="ProvisioningOptions.EntityType"/>), <c>{FirstName[0]}</c> (its first
    /// character; <c>[i]</c> the character at index i), and <c>{n}</c> (a counter from 2 to <see cref="MaxN"/>, at most
    /// once per template), such as <c>{FirstName}.{LastName}</c> then <c>{FirstName}.{LastName}{n}</c>. A template whose
    /// HR values are empty gives no candidate.
    /// </summary>
    /// <value>Required: at least one.</value>
    public IList<string> Templates { get; } = [];

    /// <summary>Gets or sets the largest value of the <c>{n}</c> counter.</summary>
    /// <value>The default value is 99; between 2 and 10000.</value>
    public int MaxN { get; set; } = ProvisioningDefaults.MaxGeneratedCounter;

    /// <summary>Gets how candidates are normalized (before <see cref="Suffix"/> is appended).</summary>
    public IdentifierNormalizationOptions Normalize { get; } = new();

    /// <summary>Gets or sets the text appended to every normalized candidate, such as <c>@fabrikam.example</c>.</summary>
    /// <value>The default value is <see langword="null"/>: no suffix.</value>
    public string? Suffix { get; set; }
}

/// <summary>How <see cref="IdentifierNormalizer"/> turns text into an identifier.</summary>
public sealed class IdentifierNormalizationOptions
{
    /// <summary>Gets or sets the case of the letters.</summary>
    /// <value>The default value is <see cref="IdentifierCase.Lower"/>.</value>
    public IdentifierCase Case { get; set; } = IdentifierCase.Lower;

    /// <summary>
    /// Gets or sets a value indicating whether diacritics are removed and other letters transliterated (é → e, ß → ss,
    /// ø → o, æ → ae, œ → oe, ł → l, đ → d, þ → th): the identifier then holds only the letters a–z, the digits 0–9 and
    /// <c>.</c>, <c>-</c>, <c>_</c>. When <see langword="false"/>, other letters are kept.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RemoveDiacritics { get; set; } = true;

    /// <summary>Gets or sets what becomes of white space.</summary>
    /// <value>The default value is <see cref="SeparatorHandling.Remove"/>.</value>
    public SeparatorHandling Spaces { get; set; } = SeparatorHandling.Remove;

    /// <summary>Gets or sets what becomes of apostrophes (<c>'</c>, <c>’</c>, <c>`</c>).</summary>
    /// <value>The default value is <see cref="SeparatorHandling.Remove"/>.</value>
    public SeparatorHandling Apostrophes { get; set; } = SeparatorHandling.Remove;

    /// <summary>Gets or sets the largest length of an identifier (the suffix not counted); a longer one is cut, keeping its <c>{n}</c> counter.</summary>
    /// <value>The default value is <see langword="null"/>: no limit. At least 1.</value>
    public int? MaxLength { get; set; }
}

/// <summary>The case of a normalized identifier.</summary>
public enum IdentifierCase
{
    /// <summary>Lower case.</summary>
    Lower = 0,

    /// <summary>Upper case.</summary>
    Upper,

    /// <summary>As in HR.</summary>
    Preserve,
}

/// <summary>What becomes of a character (a space, an apostrophe) in a normalized identifier.</summary>
public enum SeparatorHandling
{
    /// <summary>Removed.</summary>
    Remove = 0,

    /// <summary>Replaced with <c>.</c>.</summary>
    Dot,

    /// <summary>Replaced with <c>-</c>.</summary>
    Hyphen,

    /// <summary>Replaced with <c>_</c>.</summary>
    Underscore,
}
