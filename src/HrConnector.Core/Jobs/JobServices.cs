using HrConnector.Diagnostics;
using HrConnector.Mapping;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.Logging;

namespace HrConnector.Jobs;

/// <summary>What a run works with: the connector's model and the host's infrastructure, as the public job gathered them.</summary>
/// <param name="Connector">The connector's model.</param>
/// <param name="Provisioning">How HR feeds identities, or <see langword="null"/> when the connector provisions nothing.</param>
/// <param name="Store">The resource store.</param>
/// <param name="Repository">The identity repository.</param>
/// <param name="Launcher">The workflow launcher.</param>
/// <param name="Journal">The provisioning journal.</param>
/// <param name="Clock">The clock.</param>
/// <param name="Logger">The job's logger.</param>
/// <param name="Synchronizer">The read, plan and apply of the resource store.</param>
/// <param name="Metrics">The instruments the run counts on.</param>
internal sealed record JobServices(
    ConnectorModel Connector,
    ProvisioningModel? Provisioning,
    IResourceStore Store,
    IIdentityRepository Repository,
    IWorkflowLauncher Launcher,
    IProvisioningJournal Journal,
    TimeProvider Clock,
    ILogger Logger,
    Synchronizer Synchronizer,
    HrConnectorMetrics Metrics);
