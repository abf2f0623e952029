namespace HrConnector.Cli.Rendering;

/// <summary>Small wording helpers.</summary>
internal static class Wording
{
    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
