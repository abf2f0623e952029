using HrConnector.Csv;
using HrConnector.Mapping;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// Declares a connector in C#: the fluent twin of the configuration form. It fills a <see cref="ConnectorOptions"/>,
/// so both forms describe the same model and go through the same validation in <see cref="Build"/>.
/// </summary>
/// <example>
/// <code>
/// var connector = new ConnectorBuilder("HR")
///     .EntityType("Department", e => e.Property("Name").Navigation("Parent", "Department"))
///     .EntityType("Person", e => e.Property("LastName", isRequired: true).Property("HireDate", PropertyType.Date).Navigation("Department", "Department"))
///     .CsvConnection("departments", c => c.Path = "departments.csv")
///     .CsvConnection("people", c => { c.Path = "people.csv"; c.Delimiter = ';'; })
///     .Map("Department", "departments", "Code", m => m.Column("Name", "Name").Column("Parent", "ParentCode"))
///     .Map("Person", "people", "EmployeeId", m => m.Column("LastName", "Last Name").Date("HireDate", "Hire Date", "dd/MM/yyyy").Column("Department", "Dept"))
///     .Build();
/// </code>
/// </example>
public sealed class ConnectorBuilder
{
    /// <summary>Starts a connector.</summary>
    /// <param name="identifier">The identifier of the connector, such as HR.</param>
    /// <param name="displayName">The name shown to people, or <see langword="null"/>.</param>
    public ConnectorBuilder(string identifier, string? displayName = null)
    {
        Options = new ConnectorOptions { Identifier = identifier, DisplayName = displayName };
    }

    /// <summary>Gets the options being filled, for settings the builder has no method for.</summary>
    public ConnectorOptions Options { get; }

    /// <summary>Sets the folder that relative file paths are resolved against.</summary>
    /// <param name="baseDirectory">The folder.</param>
    /// <returns>This builder.</returns>
    public ConnectorBuilder BaseDirectory(string baseDirectory)
    {
        Options.BaseDirectory = baseDirectory;
        return this;
    }

    /// <summary>Declares an entity type.</summary>
    /// <param name="identifier">The identifier of the entity type.</param>
    /// <param name="configure">Declares its properties.</param>
    /// <returns>This builder.</returns>
    public ConnectorBuilder EntityType(string identifier, Action<EntityTypeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var entityType = new EntityTypeOptions { Identifier = identifier };
        configure(new EntityTypeBuilder(entityType));
        Options.EntityTypes.Add(entityType);
        return this;
    }

    /// <summary>Declares a CSV connection.</summary>
    /// <param name="identifier">The identifier of the connection.</param>
    /// <param name="configure">Sets the path and the reading settings.</param>
    /// <returns>This builder.</returns>
    public ConnectorBuilder CsvConnection(string identifier, Action<CsvConnectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var connection = new CsvConnectionOptions { Identifier = identifier };
        configure(connection);
        Options.Connections.Add(connection);
        return this;
    }

    /// <summary>Declares how an entity type is read from a connection.</summary>
    /// <param name="entityType">The identifier of the entity type.</param>
    /// <param name="connection">The identifier of the connection.</param>
    /// <param name="keyColumn">The primary key column.</param>
    /// <param name="configure">Maps the properties.</param>
    /// <returns>This builder.</returns>
    public ConnectorBuilder Map(string entityType, string connection, string keyColumn, Action<EntityTypeMappingBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var mapping = new EntityTypeMappingOptions { EntityType = entityType, Connection = connection, KeyColumn = keyColumn };
        configure(new EntityTypeMappingBuilder(mapping));
        Options.Mappings.Add(mapping);
        return this;
    }

    /// <summary>Declares how an entity type feeds identities (<see cref="ConnectorOptions.Provisioning"/>).</summary>
    /// <param name="entityType">The identifier of the HR entity type whose resources become identities.</param>
    /// <param name="configure">Maps identity properties, correlation and lifecycle.</param>
    /// <returns>This builder.</returns>
    public ConnectorBuilder Provision(string entityType, Action<Provisioning.ProvisioningBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var provisioning = new Provisioning.ProvisioningOptions { EntityType = entityType };
        configure(new Provisioning.ProvisioningBuilder(provisioning));
        Options.Provisioning = provisioning;
        return this;
    }

    /// <summary>Validates the declaration and builds the connector.</summary>
    /// <returns>The connector.</returns>
    /// <exception cref="ConnectorValidationException">The declaration has problems; all of them are listed.</exception>
    public Connector Build() => Connector.Create(Options);
}

/// <summary>Declares the properties of an entity type; see <see cref="ConnectorBuilder.EntityType"/>.</summary>
public sealed class EntityTypeBuilder
{
    internal EntityTypeBuilder(EntityTypeOptions options) => Options = options;

    /// <summary>Gets the options being filled.</summary>
    public EntityTypeOptions Options { get; }

    /// <summary>Sets the name shown to people.</summary>
    /// <param name="displayName">The name.</param>
    /// <returns>This builder.</returns>
    public EntityTypeBuilder DisplayName(string displayName)
    {
        Options.DisplayName = displayName;
        return this;
    }

    /// <summary>Declares a scalar property.</summary>
    /// <param name="identifier">The identifier of the property.</param>
    /// <param name="type">The type of its values.</param>
    /// <param name="isRequired">Whether every resource must have a value.</param>
    /// <param name="isSensitive">Whether the values are sensitive personal data, never copied into rejects or reports.</param>
    /// <param name="isMultiValued">Whether the property holds several values.</param>
    /// <returns>This builder.</returns>
    public EntityTypeBuilder Property(string identifier, PropertyType type = PropertyType.String, bool isRequired = false, bool isSensitive = false, bool isMultiValued = false)
    {
        Options.Properties.Add(new ScalarPropertyOptions { Identifier = identifier, Type = type, IsRequired = isRequired, IsSensitive = isSensitive, IsMultiValued = isMultiValued });
        return this;
    }

    /// <summary>Declares a navigation property.</summary>
    /// <param name="identifier">The identifier of the property.</param>
    /// <param name="targetEntityType">The entity type referred to.</param>
    /// <param name="isMultiValued">Whether the property refers to several resources.</param>
    /// <param name="isRequired">Whether every resource must have a reference.</param>
    /// <returns>This builder.</returns>
    public EntityTypeBuilder Navigation(string identifier, string targetEntityType, bool isMultiValued = false, bool isRequired = false)
    {
        Options.NavigationProperties.Add(new NavigationPropertyOptions { Identifier = identifier, TargetEntityType = targetEntityType, IsMultiValued = isMultiValued, IsRequired = isRequired });
        return this;
    }
}

/// <summary>Maps the properties of an entity type; see <see cref="ConnectorBuilder.Map"/>.</summary>
public sealed class EntityTypeMappingBuilder
{
    internal EntityTypeMappingBuilder(EntityTypeMappingOptions options) => Options = options;

    /// <summary>Gets the options being filled.</summary>
    public EntityTypeMappingOptions Options { get; }

    /// <summary>Maps a property from a column.</summary>
    /// <param name="property">The identifier of the property.</param>
    /// <param name="column">The column read.</param>
    /// <param name="configure">Sets conversion settings (formats, value map, default, separator), or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public EntityTypeMappingBuilder Column(string property, string column, Action<PropertyMappingOptions>? configure = null)
    {
        var mapping = new PropertyMappingOptions { Property = property, Column = column };
        configure?.Invoke(mapping);
        Options.Properties.Add(mapping);
        return this;
    }

    /// <summary>Maps a Date or DateTime property from a column with its accepted formats.</summary>
    /// <param name="property">The identifier of the property.</param>
    /// <param name="column">The column read.</param>
    /// <param name="formats">The accepted formats, tried in order, such as dd/MM/yyyy.</param>
    /// <returns>This builder.</returns>
    public EntityTypeMappingBuilder Date(string property, string column, params string[] formats)
        => Column(property, column, m =>
        {
            foreach (var format in formats)
            {
                m.Formats.Add(format);
            }
        });

    /// <summary>Maps a property to a value computed in code from the row.</summary>
    /// <param name="property">The identifier of the property.</param>
    /// <param name="compute">Computes the value; see <see cref="PropertyMappingOptions.Compute"/>.</param>
    /// <returns>This builder.</returns>
    public EntityTypeMappingBuilder Computed(string property, Func<ComputeContext, object?> compute)
    {
        Options.Properties.Add(new PropertyMappingOptions { Property = property, Compute = compute });
        return this;
    }

    /// <summary>Gives a property the same value on every resource.</summary>
    /// <param name="property">The identifier of the property.</param>
    /// <param name="value">The text of the value, converted like a column value.</param>
    /// <returns>This builder.</returns>
    public EntityTypeMappingBuilder Constant(string property, string value)
    {
        Options.Properties.Add(new PropertyMappingOptions { Property = property, DefaultValue = value });
        return this;
    }
}
