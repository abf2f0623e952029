namespace HrConnector.Tests;

/// <summary>Each test leg runs on the runtime it targets, with the dependencies a host of that runtime gets.</summary>
[Trait("Category", "Hosting")]
public sealed class HostingTests
{
    [Fact]
    public void TestLeg_RunsOnTheRuntimeItTargets()
    {
#if NET10_0_OR_GREATER
        Assert.Equal(10, Environment.Version.Major);
#else
        Assert.Equal(8, Environment.Version.Major);             // self-contained: the runtime pack from NuGet
#endif
    }

    [Fact]
    public void CoreDependencies_AreTheReleasesOfTheTargetedRuntime()
    {
        // A .NET 8 host is not moved onto the 10.0 Microsoft.Extensions packages (Directory.Packages.props).
        var expected = Environment.Version.Major;
        foreach (var type in new[] { typeof(Microsoft.Extensions.Logging.ILogger), typeof(Microsoft.Extensions.Options.IOptions<>), typeof(Microsoft.Extensions.Configuration.ConfigurationBuilder), typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection), typeof(System.IO.Hashing.XxHash3) })
        {
            Assert.Equal(expected, type.Assembly.GetName().Version!.Major);
        }
    }
}
