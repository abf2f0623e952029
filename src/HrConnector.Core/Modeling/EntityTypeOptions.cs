using HrConnector.Modeling;
namespace HrConnector.Modeling;

/// <summary>Declares an entity type of a connector, such as Person or Department.</summary>
public sealed class EntityTypeOptions
{
    /// <summary>Gets or sets the identifier of the entity type, unique (case-insensitively) within its connector.</summary>
    /// <value>Letters, digits and underscores, starting with a letter or an underscore. Required.</value>
    public string Identifier { get; set; } = string.Empty;

    /// <summary>Gets or sets the name shown to people.</summary>
    /// <value>The default value is <see langword="null"/>: the identifier is shown.</value>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets thresholds for this entity type; where both are set, the lower of this and the connector's limit applies.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's thresholds.</value>
    public Modeling.ThresholdOptions? Thresholds { get; set; }

    /// <summary>Gets the scalar properties.</summary>
    public IList<ScalarPropertyOptions> Properties { get; } = [];

    /// <summary>Gets the navigation properties.</summary>
    public IList<NavigationPropertyOptions> NavigationProperties { get; } = [];
}
