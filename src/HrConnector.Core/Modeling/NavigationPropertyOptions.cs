namespace HrConnector.Modeling;

/// <summary>
/// Declares a navigation property: a reference from a resource to one or several resources of an entity type of the
/// same connector, such as Person.Manager → Person or Person.Department → Department.
/// </summary>
public sealed class NavigationPropertyOptions
{
    /// <summary>Gets or sets the identifier of the property, unique (case-insensitively) within its entity type.</summary>
    /// <value>Letters, digits and underscores, starting with a letter or an underscore. Required.</value>
    public string Identifier { get; set; } = string.Empty;

    /// <summary>Gets or sets the identifier of the entity type that the property refers to.</summary>
    /// <value>Required; it must be an entity type of the same connector.</value>
    public string TargetEntityType { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether the property refers to several resources.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsMultiValued { get; set; }

    /// <summary>Gets or sets a value indicating whether every resource must have a reference.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsRequired { get; set; }
}
