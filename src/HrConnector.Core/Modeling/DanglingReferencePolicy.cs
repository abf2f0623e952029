namespace HrConnector.Modeling;

/// <summary>What a synchronization does with a reference to a resource that exists nowhere (a manager id or a department code that no file has).</summary>
public enum DanglingReferencePolicy
{
    /// <summary>The row is rejected: its resource stays as it was stored (or is not inserted). The default.</summary>
    RejectRow = 0,

    /// <summary>The resource is synchronized without the dangling link.</summary>
    RemoveLink,

    /// <summary>The whole run fails; nothing is applied.</summary>
    FailRun,
}
