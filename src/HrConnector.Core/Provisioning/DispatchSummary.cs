namespace HrConnector.Provisioning;

/// <summary>What a dispatch did (mutable counters, filled as it goes).</summary>
internal sealed class DispatchSummary
{
    public int Dispatched { get; set; }

    public int Resumed { get; set; }

    public int Executed { get; set; }

    public int Transmitted { get; set; }

    public int Errored { get; set; }

    public int Retries { get; set; }

    public int Verified { get; set; }

    public int Waiting { get; set; }

    public int InDoubt { get; set; }

    public int Stuck { get; set; }

    public bool StoppedByErrors { get; set; }

    /// <summary>This dispatch followed by <paramref name="next"/> in the same run: counts add up, what still waits is the next one's.</summary>
    public DispatchSummary Then(DispatchSummary next) => new()
    {
        Dispatched = Dispatched + next.Dispatched,
        Resumed = Resumed,
        Executed = Executed + next.Executed,
        Transmitted = Transmitted + next.Transmitted,
        Errored = Errored + next.Errored,
        Retries = Retries + next.Retries,
        Verified = Verified + next.Verified,
        Waiting = next.Waiting,
        InDoubt = InDoubt + next.InDoubt,
        Stuck = Stuck + next.Stuck,
        StoppedByErrors = StoppedByErrors || next.StoppedByErrors,
    };
}
