namespace HrConnector.Cli;

/// <summary>What the tool returns to the shell.</summary>
internal static class ExitCodes
{
    /// <summary>Done: Succeeded or SucceededWithWarnings; a valid configuration.</summary>
    public const int Success = 0;

    /// <summary>Bad configuration, a missing or unreadable file, a failed run, a bad command line.</summary>
    public const int Error = 1;

    /// <summary>A threshold or a safety rule blocked the run: review the plan, then run again with --force.</summary>
    public const int Blocked = 2;
}
