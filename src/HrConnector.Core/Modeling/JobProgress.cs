namespace HrConnector.Modeling;

/// <summary>Where a run is, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">The step.</param>
/// <param name="Completed">How many items of the step are done.</param>
/// <param name="Total">How many there are, when known.</param>
public sealed record JobProgress(JobStep Step, long Completed, long? Total);
