using HrConnector.Provisioning;

namespace HrConnector.Cli.Rendering;

/// <summary>Small wording helpers.</summary>
internal static class Wording
{
    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>What the next run does about a value that differs from HR's, by the ownership policy of its property.</summary>
    public static string NextRun(OwnershipPolicy? policy) => policy switch
    {
        OwnershipPolicy.Authoritative => "corrected",
        OwnershipPolicy.OnChange => "kept until HR changes it",
        _ => "kept",
    };
}
