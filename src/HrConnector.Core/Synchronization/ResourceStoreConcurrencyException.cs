using HrConnector.Modeling;
namespace HrConnector.Synchronization;

/// <summary>Thrown when a plan is applied to a resource store that changed after the plan was computed: preview again.</summary>
public sealed class ResourceStoreConcurrencyException : HrConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="connector">The identifier of the connector.</param>
    /// <param name="expectedRunId">The last run id the plan was computed against.</param>
    /// <param name="actualRunId">The last run id of the store.</param>
    public ResourceStoreConcurrencyException(string connector, string? expectedRunId, string? actualRunId)
        : base($"The resource store of connector '{connector}' changed after the plan was computed (its last run is '{actualRunId ?? "none"}', the plan expected '{expectedRunId ?? "none"}'); nothing was applied. Compute the plan again.")
    {
        ExpectedRunId = expectedRunId;
        ActualRunId = actualRunId;
    }

    /// <summary>Gets the last run id the plan was computed against.</summary>
    public string? ExpectedRunId { get; }

    /// <summary>Gets the last run id of the store.</summary>
    public string? ActualRunId { get; }
}
