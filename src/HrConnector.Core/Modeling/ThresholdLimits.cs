namespace HrConnector.Modeling;

/// <summary>Validated threshold settings (see <see cref="ThresholdOptions"/>); 0 means off.</summary>
/// <param name="MaxInserted">The largest number of inserted resources.</param>
/// <param name="MaxUpdated">The largest number of updated resources.</param>
/// <param name="MaxDeleted">The largest number of deleted resources.</param>
/// <param name="MaxInsertedPercent">The largest share of inserted resources, in percent of the stored population.</param>
/// <param name="MaxUpdatedPercent">The largest share of updated resources, in percent of the stored population.</param>
/// <param name="MaxDeletedPercent">The largest share of deleted resources, in percent of the stored population.</param>
public sealed record ThresholdLimits(int MaxInserted, int MaxUpdated, int MaxDeleted, double MaxInsertedPercent, double MaxUpdatedPercent, double MaxDeletedPercent)
{
    /// <summary>Gets limits that are all off.</summary>
    public static ThresholdLimits Off { get; } = new(0, 0, 0, 0, 0, 0);

    internal static ThresholdLimits From(ThresholdOptions options)
        => new(options.MaxInserted, options.MaxUpdated, options.MaxDeleted, options.MaxInsertedPercent, options.MaxUpdatedPercent, options.MaxDeletedPercent);
}
