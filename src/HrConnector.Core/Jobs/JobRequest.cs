using HrConnector.Mapping;
using HrConnector.Synchronization;

namespace HrConnector.Jobs;

/// <summary>What a run of <see cref="SynchronizationJob"/> does.</summary>
public sealed record JobRequest
{
    /// <summary>Gets the request of a daily run: complete mode, applied, not forced.</summary>
    public static JobRequest Apply { get; } = new();

    /// <summary>Gets the request of a preview: complete mode, nothing written.</summary>
    public static JobRequest Preview { get; } = new() { PreviewOnly = true };

    /// <summary>Gets the synchronization mode.</summary>
    /// <value>The default value is <see cref="SynchronizationMode.Complete"/>.</value>
    public SynchronizationMode Mode { get; init; } = SynchronizationMode.Complete;

    /// <summary>Gets a value indicating whether the run only computes: no commit, no order written, nothing dispatched.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool PreviewOnly { get; init; }

    /// <summary>Gets a value indicating whether a plan blocked by thresholds is applied anyway.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Force { get; init; }

    /// <summary>Gets run-time read settings, or <see langword="null"/>.</summary>
    public ReadOptions? ReadOptions { get; init; }

    /// <summary>Gets mapping results to synchronize instead of reading the connector's files (from <see cref="Modeling.Connector.MapText"/> in a test, for example).</summary>
    /// <value>The default value is <see langword="null"/>: the files are read.</value>
    public IReadOnlyList<MappingResult>? Snapshot { get; init; }
}

/// <summary>Where a run is, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">The step: Resume (settles what earlier runs left: a staged run, workflows still running), Read, Plan, Provision, Stage, Commit, Release, Dispatch.</param>
/// <param name="Completed">How many items of the step are done.</param>
/// <param name="Total">How many there are, when known.</param>
public sealed record JobProgress(string Step, long Completed, long? Total);
