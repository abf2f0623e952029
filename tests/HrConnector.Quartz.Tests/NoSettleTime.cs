using System.Runtime.CompilerServices;

namespace HrConnector.Quartz.Tests;

/// <summary>The suite writes files and reads them at once: no settle time.</summary>
internal static class NoSettleTime
{
#pragma warning disable CA2255 // A test assembly's defaults are set before any test runs.
    [ModuleInitializer]
    internal static void Initialize() => HrConnector.Csv.CsvConnectionOptions.DefaultSettleTime = TimeSpan.Zero;
#pragma warning restore CA2255
}
