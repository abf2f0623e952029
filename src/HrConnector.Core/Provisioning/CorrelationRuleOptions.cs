namespace HrConnector.Provisioning;

/// <summary>
/// One correlation rule: an HR record matches the identities whose properties equal its values on every condition
/// (after <see cref="Normalization"/>). A single candidate of a rule with <see cref="Confidence"/> 100 or more is linked
/// automatically; a lower confidence or several candidates go to review.
/// </summary>
public sealed class CorrelationRuleOptions
{
    /// <summary>Gets or sets a name for reports, such as "employee id".</summary>
    /// <value>The default value is <see langword="null"/>: the rule is named by its conditions.</value>
    public string? Name { get; set; }

    /// <summary>Gets the conditions, all of which must hold.</summary>
    public IList<CorrelationConditionOptions> Conditions { get; } = [];

    /// <summary>Gets or sets how sure a match of this rule is, from 1 to 100.</summary>
    /// <value>The default value is 100: a single candidate is linked automatically.</value>
    public int Confidence { get; set; } = 100;

    /// <summary>Gets or sets how values are normalized before they are compared.</summary>
    /// <value>The default value is <see cref="MatchNormalization.None"/>: exact match.</value>
    public MatchNormalization Normalization { get; set; } = MatchNormalization.None;
}

/// <summary>One condition of a correlation rule: an HR property equals an identity property.</summary>
public sealed class CorrelationConditionOptions
{
    /// <summary>Gets or sets the HR property, such as EmployeeId.</summary>
    /// <value>Required.</value>
    public string Source { get; set; } = string.Empty;

    /// <summary>Gets or sets the identity property compared with it.</summary>
    /// <value>The default value is <see langword="null"/>: the identity property of the same name.</value>
    public string? Identity { get; set; }
}

/// <summary>How values are normalized before a correlation compares them.</summary>
[Flags]
#pragma warning disable CA1714 // The names are the normalizations, not plural nouns.
public enum MatchNormalization
#pragma warning restore CA1714
{
    /// <summary>Exact comparison.</summary>
    None = 0,

    /// <summary>Case is ignored (invariant culture).</summary>
    Case = 1,

    /// <summary>Diacritics are removed: é matches e.</summary>
    Diacritics = 2,

    /// <summary>Leading and trailing white space is removed and inner runs become one space.</summary>
    Whitespace = 4,

    /// <summary>Case, diacritics and white space.</summary>
    All = Case | Diacritics | Whitespace,
}
