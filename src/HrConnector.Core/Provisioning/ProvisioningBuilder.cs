namespace HrConnector.Provisioning;

/// <summary>Fills <see cref="ProvisioningOptions"/> fluently, for <see cref="HrConnector.ConnectorBuilder.Provision"/>.</summary>
public sealed class ProvisioningBuilder
{
    /// <summary>Creates a builder over options.</summary>
    /// <param name="options">The options to fill.</param>
    public ProvisioningBuilder(ProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Gets the options being filled.</summary>
    public ProvisioningOptions Options { get; }

    /// <summary>Maps an identity property.</summary>
    /// <param name="identity">The identity property.</param>
    /// <param name="source">The HR property, or <see langword="null"/> for the one of the same name.</param>
    /// <param name="policy">Who wins when HR and a hand edit disagree.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Property(string identity, string? source = null, OwnershipPolicy policy = OwnershipPolicy.OnChange)
    {
        Options.Properties.Add(new IdentityPropertyOptions { Identity = identity, Source = source, Policy = policy });
        return this;
    }

    /// <summary>Maps a navigation property to the provisioned entity type (such as a person's Manager) to an identity property that receives the identifier of the identity of the record it points to (see <see cref="IdentityReference.IdentityId"/>).</summary>
    /// <param name="identity">The identity property.</param>
    /// <param name="source">The HR navigation property, or <see langword="null"/> for the one of the same name.</param>
    /// <param name="policy">Who wins when HR and a hand edit disagree.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Reference(string identity, string? source = null, OwnershipPolicy policy = OwnershipPolicy.OnChange)
    {
        Options.Properties.Add(new IdentityPropertyOptions { Identity = identity, Source = source, Policy = policy, Reference = IdentityReference.IdentityId });
        return this;
    }

    /// <summary>
    /// Maps a generated identity property (<see cref="OwnershipPolicy.InitialOnly"/>): its value is the first free
    /// candidate of <paramref name="templates"/>, normalized and suffixed. See <see cref="GeneratedValueOptions"/>.
    /// </summary>
    /// <param name="identity">The identity property, such as Login.</param>
    /// <param name="templates">The candidate templates, in order, such as <c>{FirstName}.{LastName}</c> and <c>{FirstName}.{LastName}{n}</c>.</param>
    /// <param name="suffix">The text appended to every candidate, such as <c>@fabrikam.example</c>, or <see langword="null"/>.</param>
    /// <param name="configure">Sets the normalization and the counter's maximum, or <see langword="null"/> for the defaults.</param>
    /// <param name="policy"><see cref="OwnershipPolicy.InitialOnly"/> (kept), or <see cref="OwnershipPolicy.OnChange"/> (generated again when HR changes a property the templates read, such as an e-mail address after a rename).</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Generated(string identity, IEnumerable<string> templates, string? suffix = null, Action<GeneratedValueOptions>? configure = null, OwnershipPolicy policy = OwnershipPolicy.InitialOnly)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var generate = new GeneratedValueOptions { Suffix = suffix };
        foreach (var template in templates)
        {
            generate.Templates.Add(template);
        }

        configure?.Invoke(generate);
        Options.Properties.Add(new IdentityPropertyOptions { Identity = identity, Policy = policy, Generate = generate });
        return this;
    }

    /// <summary>Adds a correlation rule on one property (tried after the rules added before).</summary>
    /// <param name="source">The HR property.</param>
    /// <param name="identity">The identity property, or <see langword="null"/> for the one of the same name.</param>
    /// <param name="confidence">How sure a match is, 1 to 100; 100 links a single candidate automatically.</param>
    /// <param name="normalization">How values are normalized before they are compared.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Correlate(string source, string? identity = null, int confidence = 100, MatchNormalization normalization = MatchNormalization.None)
    {
        var rule = new CorrelationRuleOptions { Confidence = confidence, Normalization = normalization };
        rule.Conditions.Add(new CorrelationConditionOptions { Source = source, Identity = identity });
        Options.Correlation.Add(rule);
        return this;
    }

    /// <summary>Sets what leavers do to their identity.</summary>
    /// <param name="action">Deactivate or delete.</param>
    /// <param name="deleteAfterDays">With <see cref="LeaverAction.Deactivate"/>, the days after which the identity is deleted; <see langword="null"/> to keep it.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Leavers(LeaverAction action, int? deleteAfterDays = null)
    {
        Options.Lifecycle.Leavers = action;
        Options.Lifecycle.DeleteAfterDays = deleteAfterDays;
        return this;
    }

    /// <summary>Holds back future hires until they are within <paramref name="preStartDays"/> days of their start date.</summary>
    /// <param name="property">The HR property holding the start date.</param>
    /// <param name="preStartDays">How many days before their start joiners are provisioned.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder StartDate(string property, int preStartDays = ProvisioningDefaults.PreStartDays)
    {
        Options.Lifecycle.StartDateProperty = property;
        Options.Lifecycle.PreStartDays = preStartDays;
        return this;
    }

    /// <summary>
    /// Takes the lifecycle from the contract rows of a person (several per person, each with its dates): the identity is
    /// active while any contract is active, and <see cref="Property"/> may take values from the current contract with a
    /// source such as <c>Contract.Title</c>. See <see cref="ContractOptions"/>.
    /// </summary>
    /// <param name="entityType">The HR entity type of the contracts.</param>
    /// <param name="personProperty">Its single-valued navigation property to the provisioned entity type.</param>
    /// <param name="startDateProperty">Its property (Date or DateTime) holding the first day of a contract.</param>
    /// <param name="endDateProperty">Its property (Date or DateTime) holding the last day of a contract, or <see langword="null"/>: contracts without end date.</param>
    /// <param name="configure">Sets the status property and the statuses of a contract that ended, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Contracts(string entityType, string personProperty, string startDateProperty, string? endDateProperty = null, Action<ContractOptions>? configure = null)
    {
        var contracts = new ContractOptions { EntityType = entityType, PersonProperty = personProperty, StartDateProperty = startDateProperty, EndDateProperty = endDateProperty };
        configure?.Invoke(contracts);
        Options.Lifecycle.Contracts = contracts;
        return this;
    }

    /// <summary>
    /// Limits which HR records get an identity (see <see cref="ScopeOptions"/>), such as
    /// <c>p.Scope(s =&gt; s.In("ContractType", "Permanent", "Fixed-term").Empty("ExitDate"))</c>.
    /// </summary>
    /// <param name="configure">Adds the conditions (all must hold, unless <see cref="ScopeBuilder.Any"/>).</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder Scope(Action<ScopeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var scope = new ScopeOptions();
        configure(new ScopeBuilder(scope));
        Options.Scope = scope;
        return this;
    }

    /// <summary>Sends orders to the host's workflows instead of the repository.</summary>
    /// <param name="configure">Names the workflows, or <see langword="null"/> to keep the default names.</param>
    /// <returns>This builder.</returns>
    public ProvisioningBuilder ThroughWorkflows(Action<WorkflowOptions>? configure = null)
    {
        Options.Target = ProvisioningTarget.Workflows;
        configure?.Invoke(Options.Workflows);
        return this;
    }
}
