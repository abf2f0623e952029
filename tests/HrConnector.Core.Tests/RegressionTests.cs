using System.Globalization;
using System.Text;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Tests.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using HrConnector.Tests.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HrConnector.Tests;

/// <summary>
/// Bugs found by review of the provisioning, job and configuration code against what their XML documentation
/// promises; each test failed before its fix and guards against its return.
/// </summary>
[Collection(SharedRunLock.Name)]
public class RegressionTests
{
    /// <summary>ISynchronizationJobFactory.Create: "The name it was registered with (compared ignoring case)."</summary>
    [Fact]
    public void SynchronizationJobFactory_Create_NameInAnotherCase_ReturnsTheJobOfTheRegisteredConnector()
    {
        var options = JobTestKit.PeopleOptions("CaseOfName");
        var services = new ServiceCollection();
        services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        using var provider = services.BuildServiceProvider();

        var job = provider.GetRequiredService<ISynchronizationJobFactory>().Create("hr");

        Assert.Equal(options.Identifier, job.Connector.Identifier);
    }

    /// <summary>ISynchronizationJobFactory.Create: "ConnectorValidationException: The connector's options are not valid."</summary>
    [Fact]
    public void SynchronizationJobFactory_Create_InvalidConnector_ThrowsConnectorValidationException()
    {
        var options = JobTestKit.PeopleOptions("InvalidCreate", configure: p => p.MaxErrors = -1);
        var services = new ServiceCollection();
        services.AddHrConnector("HR", o => JobTestKit.CopyTo(options, o));
        using var provider = services.BuildServiceProvider();

        var exception = Record.Exception(() => provider.GetRequiredService<ISynchronizationJobFactory>().Create("HR"));

        var validation = Assert.IsType<ConnectorValidationException>(exception);
        Assert.Equal(["Provisioning has MaxErrors -1; it must be 0 (no limit) or more."], validation.Errors);
    }

    /// <summary>ConnectorConfiguration.Bind: "Unknown keys and values that do not convert are errors (the configuration binder would silently ignore them)."</summary>
    [Fact]
    public void ConnectorConfiguration_Bind_ValueWhereASectionOfSettingsIsExpected_IsAnError()
    {
        var json = """{ "Identifier": "HR", "Provisioning": { "EntityType": "Person", "Lifecycle": "Delete" } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var exception = Record.Exception(() => ConnectorConfiguration.Bind(configuration));

        var validation = Assert.IsType<ConnectorValidationException>(exception);
        Assert.Contains("Provisioning:Lifecycle", Assert.Single(validation.Errors), StringComparison.Ordinal);
    }

    /// <summary>IdentityValues.AreEqual: "Determines whether two values are equal: ... numbers by value." A number outside decimal's range is a number.</summary>
    [Theory]
    [InlineData(1e30, 1.0)]
    [InlineData(double.NaN, 0.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    public void IdentityValues_AreEqual_DoubleOutsideDecimalRange_ReturnsFalse(double left, double right)
    {
        var exception = Record.Exception(() => Assert.False(IdentityValues.AreEqual(left, right)));

        Assert.Null(exception);
    }

    /// <summary>STYLE.md / NodaTime: messages are culture-invariant text; ConnectorFactory does it for thresholds, ProvisioningModel does not.</summary>
    [Fact]
    public void ProvisioningModel_Errors_AreCultureInvariant()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            var options = JobTestKit.PeopleOptions("Culture", configure: p => p.MaxErrors = -1);

            Assert.Equal(["Provisioning has MaxErrors -1; it must be 0 (no limit) or more."], Connector.Validate(options));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>Diagnostics.Log: "They name connectors, runs, counts and order ids, never HR values or keys."</summary>
    [Fact]
    public async Task Log_RunFailed_DanglingReferenceUnderFailRun_DoesNotNameTheHrKey()
    {
        var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        var connector = SecretPeople.Connector("LeakLog", o => o.DanglingReferences = DanglingReferencePolicy.FailRun);
        var request = new JobRequest { Snapshot = JobTestKit.Snapshot(connector, SecretPeople.People(SecretPeople.Row(1, manager: "EMP-SECRET-404"))) };

        await new SynchronizationJob(connector, loggerFactory: factory, runLock: new InMemoryConnectorRunLock()).RunAsync(request);

        var failed = Assert.Single(provider.Collector.GetSnapshot(), r => r.Id.Id == 4);
        Assert.DoesNotContain("EMP-SECRET", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>JobResult.Messages: "why the run is blocked or failed, and the warnings; no personal data"; ToJson: "It holds no field value."</summary>
    [Fact]
    public async Task JobResult_Messages_DanglingReferenceUnderFailRun_DoNotNameTheHrKey()
    {
        var connector = SecretPeople.Connector("LeakResult", o => o.DanglingReferences = DanglingReferencePolicy.FailRun);
        var request = new JobRequest { Snapshot = JobTestKit.Snapshot(connector, SecretPeople.People(SecretPeople.Row(1, manager: "EMP-SECRET-404"))) };

        var result = await new SynchronizationJob(connector, runLock: new InMemoryConnectorRunLock()).RunAsync(request);

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.DoesNotContain("EMP-SECRET", result.ToJson(), StringComparison.Ordinal);
    }
}
