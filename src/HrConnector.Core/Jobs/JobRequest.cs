using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Csv;

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

    /// <summary>
    /// Gets a value indicating whether every threshold breach is accepted: the same as <see cref="Accept"/> set to
    /// <see cref="AcceptedChanges.All"/>. It does not accept what the safety rules hold back (see <see cref="AcceptEmptySource"/>).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Force { get; init; }

    /// <summary>Gets the kinds of change whose threshold breaches the run accepts, after a person reviewed them in a preview.</summary>
    /// <value>The default value is <see cref="AcceptedChanges.None"/>: a run over a threshold is Blocked.</value>
    public AcceptedChanges Accept { get; init; }

    /// <summary>
    /// Gets a value indicating whether the run accepts what the safety rules hold back: the deletions of an entity type
    /// whose file has no data rows, is incomplete, or has rejected rows without a readable key.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: such deletions block the run.</value>
    public bool AcceptEmptySource { get; init; }

    /// <summary>
    /// Gets the approval of a reviewed plan, or <see langword="null"/>. With one, the run applies exactly the plan
    /// reviewed — Blocked or not, without <see cref="Accept"/> — and fails instead if the resource store, the input files,
    /// the connector definition or what the run would do differ from the approved <see cref="PlanApproval.Basis"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PlanApproval? Approval { get; init; }

    /// <summary>Gets the threshold breaches accepted: <see cref="Accept"/>, or all of them with <see cref="Force"/>.</summary>
    internal AcceptedChanges Accepted => Force ? AcceptedChanges.All : Accept;

    /// <summary>Gets run-time read settings, or <see langword="null"/>.</summary>
    public ReadOptions? ReadOptions { get; init; }

    /// <summary>Gets mapping results to synchronize instead of reading the connector's files (from <see cref="HrConnector.Connector.MapText"/> in a test, for example).</summary>
    /// <value>The default value is <see langword="null"/>: the files are read.</value>
    public IReadOnlyList<MappingResult>? Snapshot { get; init; }
}
