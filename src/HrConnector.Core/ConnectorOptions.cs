using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Synchronization;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// The declaration of a connector: its entity types, one CSV connection per HR file and one mapping per entity type.
/// Mutable, so that it can be bound from configuration or filled by <see cref="ConnectorBuilder"/>;
/// <see cref="Connector.Create(ConnectorOptions)"/> validates it and returns an immutable <see cref="Connector"/>.
/// </summary>
public sealed class ConnectorOptions
{
    /// <summary>Gets or sets the identifier of the connector, such as HR.</summary>
    /// <value>Letters, digits and underscores, starting with a letter or an underscore. Required.</value>
    public string Identifier { get; set; } = string.Empty;

    /// <summary>Gets or sets the name shown to people.</summary>
    /// <value>The default value is <see langword="null"/>: the identifier is shown.</value>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets the folder that relative file paths of the connections are resolved against.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: the current directory. <see cref="ConnectorConfiguration.FromJsonFile(string)"/>
    /// sets it to the folder of the JSON file, and <c>AddHrConnector(name, section)</c> to the folder of the configuration
    /// file the section comes from (a relative value is resolved against that folder).
    /// </value>
    public string? BaseDirectory { get; set; }

    /// <summary>
    /// Gets or sets the configuration path of the section the options were bound from by <c>AddHrConnector(name, section)</c>
    /// when the folder of its file is unknown (a section from memory, environment variables or a stream): relative paths
    /// then fail validation instead of resolving against the working directory.
    /// </summary>
    internal string? UnresolvedConfigurationSection { get; set; }

    /// <summary>Gets the thresholds that apply to every entity type (an entity type may set lower ones).</summary>
    /// <value>On by default: 100 resources and 5% of the stored population for each kind of change.</value>
    public ThresholdOptions Thresholds { get; } = ThresholdOptions.CreateDefaults();

    /// <summary>Gets or sets what a synchronization does with a reference to a resource that exists nowhere.</summary>
    /// <value>The default value is <see cref="DanglingReferencePolicy.RejectRow"/>.</value>
    public DanglingReferencePolicy DanglingReferences { get; set; } = DanglingReferencePolicy.RejectRow;

    /// <summary>Gets the entity types.</summary>
    public IList<EntityTypeOptions> EntityTypes { get; } = [];

    /// <summary>Gets the CSV connections, one per HR file.</summary>
    public IList<CsvConnectionOptions> Connections { get; } = [];

    /// <summary>Gets the entity-type mappings, at most one per entity type.</summary>
    public IList<EntityTypeMappingOptions> Mappings { get; } = [];

    /// <summary>Gets or sets how HR feeds identities: the entity type, the identity properties and their ownership, correlation, lifecycle and workflows.</summary>
    /// <value>The default value is <see langword="null"/>: the connector synchronizes its resource store and provisions nothing.</value>
    public Provisioning.ProvisioningOptions? Provisioning { get; set; }

    /// <summary>
    /// Gets or sets when a host runs the connector on its own (a cron expression and a time zone), for a scheduler
    /// integration such as HrConnector.Quartz. The schedule is not part of the connector's definition: changing it
    /// does not invalidate a reviewed plan.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no scheduled run.</value>
    public ScheduleOptions? Schedule { get; set; }
}
