using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Tests.Jobs;
using Moq;
using static HrConnector.Tests.SynchronizationJobProvisioningTests;

namespace HrConnector.Tests.Provisioning;

/// <summary>The correlator of <c>Provisioner</c>: how a record with no identity yet asks the repository for candidates.</summary>
public sealed class ProvisionerCorrelationTests
{
    private const string Departments = "IT,Information technology";
    private static readonly string People = Lines(
        "E1,Alice,Martin,alice@corp.example,Engineer,111,CC1,2025-03-01,,IT",
        "E2,Bob,Stone,bob@corp.example,Developer,222,CC1,2025-01-05,,IT",
        "E3,Carol,King,carol@corp.example,Analyst,333,CC2,2025-01-01,E2,IT",
        "E4,Dan,Ray,dan@corp.example,Tester,444,CC2,2025-06-01,E2,IT",
        "E5,Eve,Lowe,eve@corp.example,Designer,555,CC3,2025-02-04,E2,IT");

    [Fact]
    public async Task RunAsync_Correlation_QueriesTheRepositoryWithTheRuleNormalization()
    {
        var repository = new Mock<IIdentityRepository>();
        repository.Setup(r => r.FindAsync(It.IsAny<IdentityQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        repository.Setup(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((IReadOnlyDictionary<string, object?> _, string op, CancellationToken _) => "ID-" + op);
        var scenario = new ProvisioningScenario();
        var job = new SynchronizationJob(scenario.Connector, scenario.Store, repository.Object, journal: scenario.Journal, timeProvider: scenario.Clock, runLock: new InMemoryConnectorRunLock());

        await job.RunAsync(scenario.Request(Departments, People));

        repository.Verify(r => r.FindAsync(It.Is<IdentityQuery>(q => q.Normalization == (MatchNormalization.Case | MatchNormalization.Whitespace) && q.Criteria.Single().Property == "Mail" && (string)q.Criteria.Single().Value! == "carol@corp.example"), It.IsAny<CancellationToken>()), Times.Once());
        repository.Verify(r => r.CreateAsync(It.IsAny<IReadOnlyDictionary<string, object?>>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
    }
}
