namespace HrConnector.Modeling;

/// <summary>Validated threshold settings (see <see cref="ThresholdOptions"/>); 0 means off.</summary>
public sealed record ThresholdLimits
{
    /// <summary>Creates limits.</summary>
    /// <param name="maxInserted">The largest number of inserted resources.</param>
    /// <param name="maxUpdated">The largest number of updated resources.</param>
    /// <param name="maxDeleted">The largest number of deleted resources.</param>
    /// <param name="maxInsertedPercent">The largest share of inserted resources, in percent of the stored population.</param>
    /// <param name="maxUpdatedPercent">The largest share of updated resources, in percent of the stored population.</param>
    /// <param name="maxDeletedPercent">The largest share of deleted resources, in percent of the stored population.</param>
    public ThresholdLimits(int maxInserted, int maxUpdated, int maxDeleted, double maxInsertedPercent, double maxUpdatedPercent, double maxDeletedPercent)
    {
        MaxInserted = maxInserted;
        MaxUpdated = maxUpdated;
        MaxDeleted = maxDeleted;
        MaxInsertedPercent = maxInsertedPercent;
        MaxUpdatedPercent = maxUpdatedPercent;
        MaxDeletedPercent = maxDeletedPercent;
    }

    /// <summary>Gets the largest number of inserted resources.</summary>
    public int MaxInserted { get; init; }

    /// <summary>Gets the largest number of updated resources.</summary>
    public int MaxUpdated { get; init; }

    /// <summary>Gets the largest number of deleted resources.</summary>
    public int MaxDeleted { get; init; }

    /// <summary>Gets the largest share of inserted resources, in percent of the stored population.</summary>
    public double MaxInsertedPercent { get; init; }

    /// <summary>Gets the largest share of updated resources, in percent of the stored population.</summary>
    public double MaxUpdatedPercent { get; init; }

    /// <summary>Gets the largest share of deleted resources, in percent of the stored population.</summary>
    public double MaxDeletedPercent { get; init; }

    /// <summary>Gets limits that are all off.</summary>
    public static ThresholdLimits Off { get; } = new(0, 0, 0, 0, 0, 0);

    internal static ThresholdLimits From(ThresholdOptions options)
        => new(options.MaxInserted, options.MaxUpdated, options.MaxDeleted, options.MaxInsertedPercent, options.MaxUpdatedPercent, options.MaxDeletedPercent);
}
