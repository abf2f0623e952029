using HrConnector.Modeling;

namespace HrConnector.Provisioning;

/// <summary>One identity property fed by HR, resolved against the entity type.</summary>
internal sealed record IdentityPropertyModel(string Identity, EntityProperty Source, OwnershipPolicy Policy)
{
    /// <summary>Gets the property of the current contract the value comes from, or <see langword="null"/> when it comes from the person's record; <see cref="Source"/> is then a stand-in (see <see cref="ContractModel.Resolve"/>).</summary>
    public EntityProperty? Contract { get; init; }

    /// <summary>Gets a value indicating whether the value is the identity identifier of the record the navigation points to (<see cref="IdentityReference.IdentityId"/>) rather than its HR key.</summary>
    public bool IsReference { get; init; }

    /// <summary>Gets how the value is generated, or <see langword="null"/> when it is HR's; <see cref="Source"/> is then a stand-in (the first HR property the templates read).</summary>
    public ValueGenerator? Generator { get; init; }
}

/// <summary>One correlation condition, resolved.</summary>
internal sealed record CorrelationConditionModel(EntityProperty Source, string Identity);

/// <summary>One correlation rule, resolved.</summary>
internal sealed record CorrelationRuleModel(string Name, IReadOnlyList<CorrelationConditionModel> Conditions, int Confidence, MatchNormalization Normalization);

/// <summary>The validated, immutable form of <see cref="ProvisioningOptions"/>.</summary>
internal sealed record ProvisioningModel(
    EntityType EntityType,
    ProvisioningTarget Target,
    IReadOnlyList<IdentityPropertyModel> Properties,
    IReadOnlyList<CorrelationRuleModel> Correlation,
    LeaverAction Leavers,
    int? DeleteAfterDays,
    EntityProperty? StartDate,
    int PreStartDays,
    IReadOnlyDictionary<OrderKind, (string Workflow, IReadOnlySet<string> Properties)> Workflows,
    int MaxErrors,
    int MaxAttempts,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay)
{
    /// <summary>Gets the HR property an identity property takes its values from, or <see langword="null"/> when no HR property feeds it.</summary>
    /// <param name="identityProperty">The identity property, ignoring case.</param>
    public EntityProperty? GetIdentitySource(string identityProperty)
        => Properties.FirstOrDefault(p => string.Equals(p.Identity, identityProperty, StringComparison.OrdinalIgnoreCase))?.Source;

    /// <summary>Gets the HR property of the last day, or <see langword="null"/>.</summary>
    public EntityProperty? EndDate { get; init; }

    /// <summary>Gets the days the leaver action waits after the end date.</summary>
    public int GraceDays { get; init; }

    /// <summary>Gets the HR property of the status, or <see langword="null"/>.</summary>
    public EntityProperty? Status { get; init; }

    /// <summary>Gets the statuses of a leaver (compared ignoring case).</summary>
    public IReadOnlySet<string> LeftStatuses { get; init; } = new HashSet<string>();

    /// <summary>Gets the statuses of a person away for a while (compared ignoring case).</summary>
    public IReadOnlySet<string> SuspendedStatuses { get; init; } = new HashSet<string>();

    /// <summary>Gets the contracts of a person, or <see langword="null"/>.</summary>
    public ContractModel? Contracts { get; init; }

    /// <summary>Gets a value indicating whether some identity property takes its value from the current contract.</summary>
    public bool HasContractValues { get; init; }

    /// <summary>Gets a value indicating whether some identity property is a reference to another identity (<see cref="IdentityPropertyModel.IsReference"/>).</summary>
    public bool HasReferences { get; init; }

    /// <summary>Gets a value indicating whether some identity property is generated.</summary>
    public bool HasGeneratedValues { get; init; }

    /// <summary>
    /// The generated identity property an <see cref="OrderKind.Added"/> order should set and does not — no candidate was
    /// free when it was decided —, or <see langword="null"/>. Such an order fails without reaching the host. A property
    /// that the onboarding workflow does not carry is not missing.
    /// </summary>
    public string? MissingGenerated(ProvisioningOrder order)
    {
        if (!HasGeneratedValues || order.Kind != OrderKind.Added)
        {
            return null;
        }

        var carried = Target == ProvisioningTarget.Workflows && Workflows.TryGetValue(OrderKind.Added, out var workflow) && workflow.Properties.Count > 0 ? workflow.Properties : null;
        foreach (var property in Properties)
        {
            if (property.Generator is not null
                && (carried is null || carried.Contains(property.Identity))
                && !order.Changes.Any(c => string.Equals(c.Property, property.Identity, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Identity;
            }
        }

        return null;
    }

    /// <summary>Gets how many failures make an order stuck.</summary>
    public int MaxFailures { get; init; } = ProvisioningDefaults.MaxFailures;

    /// <summary>Gets how long one host call may take.</summary>
    public TimeSpan Timeout { get; init; } = ProvisioningDefaults.Timeout;

    /// <summary>Gets which records get an identity, or <see langword="null"/>: every record.</summary>
    public ScopeModel? Scope { get; init; }

    /// <summary>Gets the order thresholds.</summary>
    public OrderThresholdOptions Thresholds { get; init; } = new();

    /// <summary>Validates options against the connector's entity types; every problem goes to <paramref name="errors"/>.</summary>
    public static ProvisioningModel? Build(ProvisioningOptions options, IReadOnlyDictionary<string, EntityType> entityTypes, List<string> errors)
    {
        const string Owner = "Provisioning";
        var count = errors.Count;
        if (string.IsNullOrWhiteSpace(options.EntityType))
        {
            errors.Add($"{Owner} names no EntityType (the HR entity type whose resources become identities).");
            return null;
        }

        if (!entityTypes.TryGetValue(options.EntityType, out var entityType))
        {
            errors.Add($"{Owner} names the entity type '{options.EntityType}', which the connector does not declare.");
            return null;
        }

        if (!Enum.IsDefined(options.Target))
        {
            errors.Add($"{Owner} has an unknown Target '{options.Target}'; use Repository or Workflows.");
        }

        EntityProperty? Resolve(string owner, string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{owner} names no HR property.");
                return null;
            }

            if (entityType.Properties.FirstOrDefault(p => string.Equals(p.Identifier, name, StringComparison.OrdinalIgnoreCase)) is { } property)
            {
                return property;
            }

            errors.Add($"{owner} names the HR property '{name}', which the entity type '{entityType.Identifier}' does not declare.");
            return null;
        }

        var contracts = ContractModel.Build(options, entityType, entityTypes, errors);
        var scope = ScopeModel.Build(options.Scope, entityType, errors);
        var properties = new List<IdentityPropertyModel>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Properties.Count; i++)
        {
            var property = options.Properties[i];
            var owner = $"{Owner}.Properties[{i}]";
            if (string.IsNullOrWhiteSpace(property.Identity))
            {
                errors.Add($"{owner} names no Identity property.");
                continue;
            }

            owner = $"{Owner}.Properties[{i}] ('{property.Identity}')";
            if (!seen.Add(property.Identity))
            {
                errors.Add($"{owner} is declared more than once (compared ignoring case).");
            }

            if (!Enum.IsDefined(property.Policy))
            {
                errors.Add($"{owner} has an unknown Policy '{property.Policy}'; use one of {string.Join(", ", Enum.GetNames<OwnershipPolicy>())}.");
            }

            IdentityPropertyModel? resolved = null;
            if (property.Generate is { } generate)
            {
                if (property.Policy is not (OwnershipPolicy.InitialOnly or OwnershipPolicy.OnChange))
                {
                    errors.Add($"{owner} is generated; its Policy must be InitialOnly (set when the identity is created, then kept) or OnChange (generated again when HR changes a property its templates read).");
                }

                if (property.Source is not null)
                {
                    errors.Add($"{owner} is generated; it names no Source (the templates name the HR properties).");
                }

                if (property.Reference != IdentityReference.HrKey)
                {
                    errors.Add($"{owner} is generated; it cannot be a Reference.");
                }

                if (ValueGenerator.Build(owner, generate, entityType, errors) is { } generator)
                {
                    properties.Add(new IdentityPropertyModel(property.Identity, generator.Inputs[0], property.Policy) { Generator = generator });
                }
            }
            else if (property.Source is { } path && ContractModel.IsContractPath(path))
            {
                resolved = ContractModel.Resolve(owner, property.Identity, path, property.Policy, options, entityType, entityTypes, errors);
            }
            else if (Resolve(owner, property.Source ?? property.Identity) is { } source)
            {
                resolved = new IdentityPropertyModel(property.Identity, source, property.Policy);
            }

            if (!Enum.IsDefined(property.Reference))
            {
                errors.Add($"{owner} has an unknown Reference '{property.Reference}'; use HrKey or IdentityId.");
            }
            else if (property.Reference == IdentityReference.IdentityId && resolved is not null)
            {
                // Only a record of the provisioned entity type has an identity: a Department is not one.
                var navigation = resolved.Contract ?? resolved.Source;
                if (!navigation.IsNavigation || navigation.IsMultiValued || !string.Equals(navigation.TargetEntityType, entityType.Identifier, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{owner} has Reference IdentityId, but its source '{navigation.Identifier}' is not a single-valued navigation property to '{entityType.Identifier}' (only records of the provisioned entity type have identities); use Reference HrKey.");
                }

                resolved = resolved with { IsReference = true };
            }

            if (resolved is not null)
            {
                properties.Add(resolved);
            }
        }

        if (options.Properties.Count == 0)
        {
            errors.Add($"{Owner} maps no identity property.");
        }

        var rules = new List<CorrelationRuleModel>();
        for (var i = 0; i < options.Correlation.Count; i++)
        {
            var rule = options.Correlation[i];
            var owner = $"{Owner}.Correlation[{i}]";
            if (rule.Conditions.Count == 0)
            {
                errors.Add($"{owner} has no condition.");
            }

            if (rule.Confidence is < 1 or > 100)
            {
                errors.Add(FormattableString.Invariant($"{owner} has Confidence {rule.Confidence}; it must be between 1 and 100."));
            }

            var conditions = new List<CorrelationConditionModel>();
            foreach (var condition in rule.Conditions)
            {
                if (Resolve(owner, condition.Source) is { } source)
                {
                    conditions.Add(new CorrelationConditionModel(source, condition.Identity ?? condition.Source));
                }
            }

            rules.Add(new CorrelationRuleModel(rule.Name ?? string.Join(" + ", conditions.Select(c => c.Identity)), conditions, rule.Confidence, rule.Normalization));
        }

        var lifecycle = options.Lifecycle;
        if (!Enum.IsDefined(lifecycle.Leavers))
        {
            errors.Add($"{Owner}.Lifecycle has an unknown Leavers action '{lifecycle.Leavers}'; use Deactivate or Delete.");
        }

        void Days(string name, int? value)
        {
            if (value is < 0 or > ProvisioningDefaults.MaxDays)
            {
                errors.Add(FormattableString.Invariant($"{Owner}.Lifecycle has {name} {value}; it must be between 0 and {ProvisioningDefaults.MaxDays}."));
            }
        }

        Days("DeleteAfterDays", lifecycle.DeleteAfterDays);
        Days("PreStartDays", lifecycle.PreStartDays);
        Days("GraceDays", lifecycle.GraceDays);

        if (lifecycle.DeleteAfterDays is not null && lifecycle.Leavers == LeaverAction.Delete)
        {
            errors.Add($"{Owner}.Lifecycle sets DeleteAfterDays, which only applies when Leavers is Deactivate.");
        }

        EntityProperty? DateProperty(string name, string? value)
        {
            if (value is null || Resolve($"{Owner}.Lifecycle.{name}", value) is not { } property)
            {
                return null;
            }

            if (property.IsNavigation || property.IsMultiValued || property.Type is not (PropertyType.Date or PropertyType.DateTime))
            {
                errors.Add($"{Owner}.Lifecycle.{name} names '{property.Identifier}', which is not a single-valued Date or DateTime property.");
            }

            return property;
        }

        var startDate = DateProperty("StartDateProperty", lifecycle.StartDateProperty);
        var endDate = DateProperty("EndDateProperty", lifecycle.EndDateProperty);
        EntityProperty? status = null;
        if (lifecycle.StatusProperty is not null && Resolve($"{Owner}.Lifecycle.StatusProperty", lifecycle.StatusProperty) is { } statusProperty)
        {
            if (statusProperty.IsNavigation || statusProperty.IsMultiValued || statusProperty.Type != PropertyType.String)
            {
                errors.Add($"{Owner}.Lifecycle.StatusProperty names '{statusProperty.Identifier}', which is not a single-valued String property.");
            }

            status = statusProperty;
        }

        if (status is null && (lifecycle.LeftStatuses.Count > 0 || lifecycle.SuspendedStatuses.Count > 0))
        {
            errors.Add($"{Owner}.Lifecycle lists LeftStatuses or SuspendedStatuses but names no StatusProperty.");
        }

        var leftStatuses = lifecycle.LeftStatuses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var suspendedStatuses = lifecycle.SuspendedStatuses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var both in leftStatuses.Intersect(suspendedStatuses, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{Owner}.Lifecycle lists the status '{both}' both in LeftStatuses and in SuspendedStatuses.");
        }

        var workflows = new Dictionary<OrderKind, (string, IReadOnlySet<string>)>();
        foreach (var kind in Enum.GetValues<OrderKind>())
        {
            var definition = options.Workflows.For(kind);
            if (options.Target == ProvisioningTarget.Workflows && string.IsNullOrWhiteSpace(definition.Workflow))
            {
                errors.Add($"{Owner}.Workflows.{kind} names no Workflow.");
            }

            foreach (var name in definition.Properties.Where(n => !seen.Contains(n)))
            {
                errors.Add($"{Owner}.Workflows.{kind} carries the identity property '{name}', which Provisioning.Properties does not map.");
            }

            workflows[kind] = (definition.Workflow, definition.Properties.ToHashSet(StringComparer.OrdinalIgnoreCase));
        }

        if (options.MaxErrors < 0)
        {
            errors.Add(FormattableString.Invariant($"{Owner} has MaxErrors {options.MaxErrors}; it must be 0 (no limit) or more."));
        }

        if (options.Retry.MaxAttempts < 1)
        {
            errors.Add(FormattableString.Invariant($"{Owner}.Retry has MaxAttempts {options.Retry.MaxAttempts}; it must be 1 or more."));
        }

        if (options.Retry.Delay < TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.Delay || options.Retry.MaxDelay > ProvisioningDefaults.MaxDuration)
        {
            errors.Add(FormattableString.Invariant($"{Owner}.Retry has Delay {options.Retry.Delay} and MaxDelay {options.Retry.MaxDelay}; Delay must be 0 or more, MaxDelay at least Delay and at most {ProvisioningDefaults.MaxDuration}."));
        }

        if (options.Retry.MaxAttempts > 100)
        {
            errors.Add(FormattableString.Invariant($"{Owner}.Retry has MaxAttempts {options.Retry.MaxAttempts}; it must be at most 100."));
        }

        if (options.Retry.MaxFailures is < 1 or > 1_000)
        {
            errors.Add(FormattableString.Invariant($"{Owner}.Retry has MaxFailures {options.Retry.MaxFailures}; it must be between 1 and 1000."));
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > ProvisioningDefaults.MaxDuration)
        {
            errors.Add(FormattableString.Invariant($"{Owner} has Timeout {options.Timeout}; it must be more than 0 and at most {ProvisioningDefaults.MaxDuration}."));
        }

        var thresholds = options.Thresholds;
        foreach (var (name, limit) in new[] { ("MaxAdded", thresholds.MaxAdded), ("MaxModified", thresholds.MaxModified), ("MaxDeactivated", thresholds.MaxDeactivated), ("MaxDeleted", thresholds.MaxDeleted) })
        {
            if (limit is < 0)
            {
                errors.Add(FormattableString.Invariant($"{Owner}.Thresholds has {name} {limit}; it must be 0 (off) or more."));
            }
        }

        foreach (var (name, percent) in new[] { ("MaxAddedPercent", thresholds.MaxAddedPercent), ("MaxModifiedPercent", thresholds.MaxModifiedPercent), ("MaxDeactivatedPercent", thresholds.MaxDeactivatedPercent), ("MaxDeletedPercent", thresholds.MaxDeletedPercent) })
        {
            if (percent is not null && !(percent is >= 0 and <= 100))
            {
                errors.Add(FormattableString.Invariant($"{Owner}.Thresholds has {name} {percent}; it must be between 0 (off) and 100."));
            }
        }

        return errors.Count > count
            ? null
            : new ProvisioningModel(entityType, options.Target, properties, rules, lifecycle.Leavers, lifecycle.DeleteAfterDays, startDate, lifecycle.PreStartDays, workflows, options.MaxErrors, options.Retry.MaxAttempts, options.Retry.Delay, options.Retry.MaxDelay)
            {
                EndDate = endDate,
                GraceDays = lifecycle.GraceDays,
                Status = status,
                LeftStatuses = leftStatuses,
                SuspendedStatuses = suspendedStatuses,
                MaxFailures = options.Retry.MaxFailures,
                Timeout = options.Timeout,
                Thresholds = Copy(thresholds),
                Contracts = contracts,
                Scope = scope,
                HasContractValues = properties.Any(p => p.Contract is not null),
                HasReferences = properties.Any(p => p.IsReference),
                HasGeneratedValues = properties.Any(p => p.Generator is not null),
            };
    }

    private static OrderThresholdOptions Copy(OrderThresholdOptions o) => new()
    {
        MaxAdded = o.MaxAdded,
        MaxModified = o.MaxModified,
        MaxDeactivated = o.MaxDeactivated,
        MaxDeleted = o.MaxDeleted,
        MaxAddedPercent = o.MaxAddedPercent,
        MaxModifiedPercent = o.MaxModifiedPercent,
        MaxDeactivatedPercent = o.MaxDeactivatedPercent,
        MaxDeletedPercent = o.MaxDeletedPercent,
    };
}
