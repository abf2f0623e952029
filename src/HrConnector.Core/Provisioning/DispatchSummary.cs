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
}
