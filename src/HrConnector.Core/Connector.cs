using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector;

/// <summary>
/// A validated, immutable connector: entity types, CSV connections and mappings. It reads HR files into resources
/// and rejects, and maps in-memory CSV text the same way (for a host's unit tests). Safe to share between threads.
/// </summary>
/// <example>
/// <code>
/// var connector = Connector.Create(options);          // or ConnectorConfiguration.FromJsonFile("connector.json")
/// MappingResult people = connector.Read("Person");
/// foreach (var reject in people.Rejects) Console.WriteLine(reject.Message);
/// </code>
/// </example>
public sealed class Connector
{
    internal Connector(ConnectorModel model, Provisioning.ProvisioningModel? provisioning = null)
    {
        Model = model;
        Provisioning = provisioning;
    }

    /// <summary>Gets what the engines of the layers below read of the connector: entity types, connections, mappings, thresholds, the reads.</summary>
    internal ConnectorModel Model { get; }

    /// <summary>Gets how HR feeds identities, or <see langword="null"/> when the connector provisions nothing.</summary>
    internal Provisioning.ProvisioningModel? Provisioning { get; }

    /// <summary>Gets a hash of the declaration the connector was built from (see <see cref="ConnectorDefinition"/>).</summary>
    internal string DefinitionHash => Model.DefinitionHash;

    /// <summary>
    /// Gets the HR property an identity property takes its values from (a property of the provisioned entity type, or
    /// of its current contract), so that a review can redact the values of a provisioning order the way the plan does
    /// (<see cref="EntityProperty.Redact"/>).
    /// </summary>
    /// <param name="identityProperty">The identity property, such as Mail (<see cref="Provisioning.IdentityValueChange.Property"/>).</param>
    /// <returns>The HR property, or <see langword="null"/> when the connector provisions nothing or does not feed that identity property.</returns>
    public EntityProperty? GetIdentitySource(string identityProperty)
        => Provisioning?.GetIdentitySource(identityProperty);

    /// <summary>Gets the identifier of the connector.</summary>
    public string Identifier => Model.Identifier;

    /// <summary>Gets the name shown to people (the identifier when none was declared).</summary>
    public string DisplayName => Model.DisplayName;

    /// <summary>Gets the thresholds that apply to every entity type.</summary>
    public ThresholdLimits Thresholds => Model.Thresholds;

    /// <summary>Gets what a synchronization does with a reference to a resource that exists nowhere.</summary>
    public DanglingReferencePolicy DanglingReferences => Model.DanglingReferences;

    /// <summary>Gets the entity types, in declaration order.</summary>
    public IReadOnlyList<EntityType> EntityTypes => Model.EntityTypes;

    /// <summary>Gets the CSV connections, in declaration order.</summary>
    public IReadOnlyList<CsvConnection> Connections => Model.Connections;

    /// <summary>Gets the entity-type mappings, in the order of their entity types.</summary>
    public IReadOnlyList<EntityTypeMapping> Mappings => Model.Mappings;

    /// <summary>Validates options and builds the connector.</summary>
    /// <param name="options">The declaration.</param>
    /// <returns>The connector.</returns>
    /// <exception cref="ConnectorValidationException">The declaration has problems; all of them are listed.</exception>
    public static Connector Create(ConnectorOptions options) => ConnectorFactory.Create(options);

    /// <summary>Validates options without building anything.</summary>
    /// <param name="options">The declaration.</param>
    /// <returns>The problems found, each a sentence; empty when the declaration is valid.</returns>
    public static IReadOnlyList<string> Validate(ConnectorOptions options) => ConnectorFactory.Validate(options);

    /// <summary>Gets an entity type by identifier, ignoring case.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The entity type.</returns>
    /// <exception cref="KeyNotFoundException">The connector has no such entity type.</exception>
    public EntityType GetEntityType(string identifier) => Model.GetEntityType(identifier);

    /// <summary>Gets the mapping of an entity type.</summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="KeyNotFoundException">The entity type has no mapping.</exception>
    public EntityTypeMapping GetMapping(string entityType) => Model.GetMapping(entityType);

    /// <summary>Reads the file of an entity type: its resources and rejects.</summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The resources and rejects.</returns>
    /// <exception cref="CsvFileException">The file cannot be read as a whole: missing, no header, missing columns, too many rejects.</exception>
    /// <exception cref="KeyNotFoundException">The entity type has no mapping.</exception>
    public MappingResult Read(string entityType, ReadOptions? options = null, CancellationToken cancellationToken = default)
        => Model.Read(entityType, options, cancellationToken);

    /// <summary>Reads the files of every mapped entity type, in entity type order.</summary>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>One result per mapped entity type.</returns>
    /// <exception cref="CsvFileException">A file cannot be read as a whole.</exception>
    public IReadOnlyList<MappingResult> ReadAll(ReadOptions? options = null, CancellationToken cancellationToken = default)
        => Model.ReadAll(options, cancellationToken);

    /// <summary>
    /// Maps CSV text held in memory exactly as the file of the entity type would be mapped (same delimiter, lines to
    /// skip, header matching, conversions): the file-free entry point for a host's unit tests. The reject limits
    /// (MaxRejects, MaxRejectPercent) do not apply, so that every reject can be inspected.
    /// </summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="csv">The CSV text, header included (unless the connection has none).</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <param name="name">The name that rejects and errors give to the text.</param>
    /// <returns>The resources and rejects.</returns>
    /// <exception cref="CsvFileException">The text cannot be read as a whole.</exception>
    public MappingResult MapText(string entityType, string csv, ReadOptions? options = null, string name = "text.csv")
        => Model.MapText(entityType, csv, options, name);

    /// <summary>
    /// Maps one row given as column → text, with the conversions of the entity type's mapping (delimiter, quoting and
    /// lines to skip do not apply). Handy to test a mapping one case at a time.
    /// </summary>
    /// <param name="entityType">The identifier of the entity type, ignoring case.</param>
    /// <param name="row">The columns of the row and their text; <see langword="null"/> is an empty field.</param>
    /// <param name="options">Run-time settings, or <see langword="null"/> for <see cref="ReadOptions.Default"/>.</param>
    /// <returns>The result: one resource, or the rejects of the row.</returns>
    /// <exception cref="CsvFileException">A column that the mapping reads is missing from <paramref name="row"/>.</exception>
    public MappingResult MapRow(string entityType, IReadOnlyDictionary<string, string?> row, ReadOptions? options = null)
        => Model.MapRow(entityType, row, options);

    /// <summary>Reads a plan written by <see cref="SyncPlan.ToJson"/>, typing its values with this connector's model.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="HrConnectorException">The JSON is not a plan of this connector.</exception>
    public SyncPlan ReadPlan(string json)
    {
        var plan = SyncPlanJson.Read(json, Model);
        if (PlannedOrdersJson.Read(json, Identifier, Provisioning) is { } orders)
        {
            // Written again with its orders: a plan read back is the plan that was reviewed.
            plan.WriteAttachments = (writer, includeSensitiveValues) => PlannedOrdersJson.Write(writer, orders, includeSensitiveValues);
        }

        return plan;
    }

    /// <summary>Reads the provisioning orders a plan's JSON carries (a preview of a job wrote them; <see cref="Jobs.JobResult.PlannedOrders"/>).</summary>
    /// <param name="json">The JSON text of the plan.</param>
    /// <returns>The orders, or <see langword="null"/> when the plan carries none (the connector provisions nothing, or the plan was not previewed by a job).</returns>
    /// <exception cref="HrConnectorException">The JSON is not a plan of this connector.</exception>
    public PlannedOrders? ReadPlannedOrders(string json) => PlannedOrdersJson.Read(json, Identifier, Provisioning);

    /// <inheritdoc/>
    public override string ToString() => Identifier;
}
