namespace HrConnector.Modeling;

/// <summary>Where a run is, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">The step: Resume (settles what earlier runs left: a staged run, workflows still running), Read, Plan, Provision, Stage, Commit, Release, Dispatch.</param>
/// <param name="Completed">How many items of the step are done.</param>
/// <param name="Total">How many there are, when known.</param>
public sealed record JobProgress(string Step, long Completed, long? Total);
