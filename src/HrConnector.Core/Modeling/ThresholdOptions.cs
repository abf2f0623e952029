namespace HrConnector.Modeling;

/// <summary>
/// The guard against mass damage: the largest number of resources a run may insert, update or delete, as a count
/// and as a percentage of the stored population. Set on the connector (for every entity type) and on an entity type;
/// the lowest limit wins; 0 turns a limit off. A run over a limit is blocked: nothing is applied unless forced.
/// </summary>
public sealed class ThresholdOptions
{
    /// <summary>Gets or sets the largest number of inserted resources.</summary>
    /// <value>0 (no limit) in new options; 100 in the connector-level defaults (<see cref="CreateDefaults"/>, what a connector without thresholds gets); 0 turns the limit off.</value>
    public int MaxInserted { get; set; }

    /// <summary>Gets or sets the largest number of updated resources.</summary>
    /// <value>0 (no limit) in new options; 100 in the connector-level defaults (<see cref="CreateDefaults"/>, what a connector without thresholds gets); 0 turns the limit off.</value>
    public int MaxUpdated { get; set; }

    /// <summary>Gets or sets the largest number of deleted resources.</summary>
    /// <value>0 (no limit) in new options; 100 in the connector-level defaults (<see cref="CreateDefaults"/>, what a connector without thresholds gets); 0 turns the limit off.</value>
    public int MaxDeleted { get; set; }

    /// <summary>Gets or sets the largest share of inserted resources, in percent of the stored population (not checked while the store is empty).</summary>
    /// <value>0 (no limit) in new options; 5 in the connector-level defaults (<see cref="CreateDefaults"/>); 0 turns the limit off.</value>
    public double MaxInsertedPercent { get; set; }

    /// <summary>Gets or sets the largest share of updated resources, in percent of the stored population.</summary>
    /// <value>0 (no limit) in new options; 5 in the connector-level defaults (<see cref="CreateDefaults"/>); 0 turns the limit off.</value>
    public double MaxUpdatedPercent { get; set; }

    /// <summary>Gets or sets the largest share of deleted resources, in percent of the stored population.</summary>
    /// <value>0 (no limit) in new options; 5 in the connector-level defaults (<see cref="CreateDefaults"/>); 0 turns the limit off.</value>
    public double MaxDeletedPercent { get; set; }

    /// <summary>Creates the connector-level defaults: 100 resources and 5% for each kind of change (as Usercube does).</summary>
    /// <returns>New options with the defaults.</returns>
    public static ThresholdOptions CreateDefaults() => new()
    {
        MaxInserted = ThresholdDefaults.MaxCount,
        MaxUpdated = ThresholdDefaults.MaxCount,
        MaxDeleted = ThresholdDefaults.MaxCount,
        MaxInsertedPercent = ThresholdDefaults.MaxPercent,
        MaxUpdatedPercent = ThresholdDefaults.MaxPercent,
        MaxDeletedPercent = ThresholdDefaults.MaxPercent,
    };
}

/// <summary>The default thresholds of a connector, in one place.</summary>
internal static class ThresholdDefaults
{
    /// <summary>The default largest number of inserted, updated or deleted resources per entity type and run: 100.</summary>
    public const int MaxCount = 100;

    /// <summary>The default largest share of inserted, updated or deleted resources, in percent of the stored population: 5.</summary>
    public const double MaxPercent = 5;
}
