namespace HrConnector.Modeling;

/// <summary>Declares a scalar property of an entity type: a value such as a name, a date or a number.</summary>
public sealed class ScalarPropertyOptions
{
    /// <summary>Gets or sets the identifier of the property, unique (case-insensitively) within its entity type.</summary>
    /// <value>Letters, digits and underscores, starting with a letter or an underscore. Required.</value>
    public string Identifier { get; set; } = string.Empty;

    /// <summary>Gets or sets the type of the values.</summary>
    /// <value>The default value is <see cref="PropertyType.String"/>.</value>
    public PropertyType Type { get; set; } = PropertyType.String;

    /// <summary>Gets or sets a value indicating whether every resource must have a value: a row without one is rejected.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsRequired { get; set; }

    /// <summary>Gets or sets a value indicating whether the property holds several values, compared as a set.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsMultiValued { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the values are sensitive personal data (salary, birth date, national
    /// identifier): they are never copied into rejects or reports, even when the host opted in for other values.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsSensitive { get; set; }
}
