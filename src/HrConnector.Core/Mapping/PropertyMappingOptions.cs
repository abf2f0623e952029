namespace HrConnector.Mapping;

/// <summary>
/// Declares where the value of one property comes from: a column with its conversion settings, a default value, or a
/// computation in code. Settings that do not apply to the property type are rejected by validation.
/// </summary>
public sealed class PropertyMappingOptions
{
    /// <summary>Gets or sets the identifier of the property (scalar or navigation) of the entity type.</summary>
    /// <value>Required.</value>
    public string Property { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the column read. For a navigation property, the column holds the key of the referenced resource.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the value comes from <see cref="Compute"/> or <see cref="DefaultValue"/>.</value>
    public string? Column { get; set; }

    /// <summary>
    /// Gets the accepted formats of a Date or DateTime column, tried in order, such as <c>dd/MM/yyyy</c> and
    /// <c>yyyy-MM-dd</c> (custom format strings of <see cref="DateTime.ParseExact(string, string, IFormatProvider)"/>).
    /// </summary>
    /// <remarks>When empty, a Date must be <c>yyyy-MM-dd</c> and a DateTime any ISO 8601 form the culture parses.</remarks>
    public IList<string> Formats { get; } = [];

    /// <summary>Gets or sets the culture of numbers and dates of this column, such as fr-FR.</summary>
    /// <value>The default value is <see langword="null"/>: the culture of the connection.</value>
    public string? Culture { get; set; }

    /// <summary>Gets the tokens read as <see langword="true"/> by a Boolean column, compared ignoring case.</summary>
    /// <remarks>When empty: <c>true</c>, <c>1</c>, <c>Y</c>, <c>yes</c>, <c>T</c>.</remarks>
    public IList<string> TrueValues { get; } = [];

    /// <summary>Gets the tokens read as <see langword="false"/> by a Boolean column, compared ignoring case.</summary>
    /// <remarks>When empty: <c>false</c>, <c>0</c>, <c>N</c>, <c>no</c>, <c>F</c>.</remarks>
    public IList<string> FalseValues { get; } = [];

    /// <summary>
    /// Gets the value map applied to the text of the column before it is converted, such as M → Male; keys are
    /// compared ordinally. Text that is not a key is kept unless <see cref="RejectUnmappedValues"/> is set.
    /// </summary>
    public IDictionary<string, string> ValueMap { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether text that is not a key of <see cref="ValueMap"/> rejects the row.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RejectUnmappedValues { get; set; }

    /// <summary>Gets or sets the text used when the column is empty (or when there is no column), converted like a value of the column.</summary>
    /// <value>The default value is <see langword="null"/>: an empty column has no value.</value>
    public string? DefaultValue { get; set; }

    /// <summary>
    /// Gets or sets the separator of the values of a multi-valued property held in one column, such as <c>|</c>.
    /// Each value is trimmed; empty values are dropped; duplicates count once.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; required for a multi-valued property read from a column.</value>
    public string? Separator { get; set; }

    /// <summary>
    /// Gets or sets a computation of the value in code, such as a display name made of the first and last names. It
    /// is called after the column-mapped properties of the row are converted and may return <see langword="null"/>, a
    /// value of the property's CLR type, text (converted like a column value) or, for a multi-valued property, a sequence.
    /// Not available from configuration.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<ComputeContext, object?>? Compute { get; set; }
}
