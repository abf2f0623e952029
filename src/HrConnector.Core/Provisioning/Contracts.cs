using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Synchronization;

namespace HrConnector.Provisioning;

/// <summary>The validated form of <see cref="ContractOptions"/>.</summary>
internal sealed record ContractModel(EntityType EntityType, EntityProperty Person, EntityProperty StartDate, EntityProperty? EndDate, EntityProperty? Status, IReadOnlySet<string> LeftStatuses)
{
    private const string Owner = "Provisioning.Lifecycle.Contracts";

    /// <summary>Validates the contracts of <paramref name="options"/> (none is fine); every problem goes to <paramref name="errors"/>.</summary>
    public static ContractModel? Build(ProvisioningOptions options, EntityType person, IReadOnlyDictionary<string, EntityType> entityTypes, List<string> errors)
    {
        if (options.Lifecycle.Contracts is not { } contracts)
        {
            return null;
        }

        var count = errors.Count;
        if (string.IsNullOrWhiteSpace(contracts.EntityType))
        {
            errors.Add($"{Owner} names no EntityType (the HR entity type of the contract rows).");
            return null;
        }

        if (!entityTypes.TryGetValue(contracts.EntityType, out var entityType))
        {
            errors.Add($"{Owner} names the entity type '{contracts.EntityType}', which the connector does not declare.");
            return null;
        }

        if (ReferenceEquals(entityType, person))
        {
            errors.Add($"{Owner} names the entity type '{entityType.Identifier}', which is the provisioned entity type; contracts are rows of another entity type.");
            return null;
        }

        EntityProperty? Resolve(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{Owner}.{name} names no HR property.");
                return null;
            }

            if (Find(entityType, value) is { } property)
            {
                return property;
            }

            errors.Add($"{Owner}.{name} names the HR property '{value}', which the entity type '{entityType.Identifier}' does not declare.");
            return null;
        }

        var personProperty = Resolve(nameof(ContractOptions.PersonProperty), contracts.PersonProperty);
        if (personProperty is not null && (personProperty.IsMultiValued || !string.Equals(personProperty.TargetEntityType, person.Identifier, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add($"{Owner}.PersonProperty names '{personProperty.Identifier}', which is not a single-valued navigation property to the entity type '{person.Identifier}'.");
        }

        EntityProperty? Date(string name, string? value)
        {
            if (Resolve(name, value) is not { } property)
            {
                return null;
            }

            if (property.IsNavigation || property.IsMultiValued || property.Type is not (PropertyType.Date or PropertyType.DateTime))
            {
                errors.Add($"{Owner}.{name} names '{property.Identifier}', which is not a single-valued Date or DateTime property.");
            }

            return property;
        }

        var start = Date(nameof(ContractOptions.StartDateProperty), contracts.StartDateProperty);
        var end = contracts.EndDateProperty is null ? null : Date(nameof(ContractOptions.EndDateProperty), contracts.EndDateProperty);
        EntityProperty? status = null;
        if (contracts.StatusProperty is not null && Resolve(nameof(ContractOptions.StatusProperty), contracts.StatusProperty) is { } statusProperty)
        {
            if (statusProperty.IsNavigation || statusProperty.IsMultiValued || statusProperty.Type != PropertyType.String)
            {
                errors.Add($"{Owner}.StatusProperty names '{statusProperty.Identifier}', which is not a single-valued String property.");
            }

            status = statusProperty;
        }

        if (status is null && contracts.LeftStatuses.Count > 0)
        {
            errors.Add($"{Owner} lists LeftStatuses but names no StatusProperty.");
        }

        return errors.Count > count
            ? null
            : new ContractModel(entityType, personProperty!, start!, end, status, contracts.LeftStatuses.Select(s => s.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Whether an identity property's source is a path into the current contract (such as <c>Contract.Title</c>): HR property identifiers have no dot.</summary>
    public static bool IsContractPath(string source) => source.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// Resolves an identity property whose source is a path into the current contract. Its <see cref="IdentityPropertyModel.Source"/>
    /// is a stand-in whose index follows the person's properties, so that it indexes the values of <see cref="ContractIndex.Values"/>;
    /// <see cref="IdentityPropertyModel.Contract"/> is the contract's own property.
    /// </summary>
    public static IdentityPropertyModel? Resolve(string owner, string identity, string source, OwnershipPolicy policy, ProvisioningOptions options, EntityType person, IReadOnlyDictionary<string, EntityType> entityTypes, List<string> errors)
    {
        if (options.Lifecycle.Contracts is not { } contracts)
        {
            errors.Add($"{owner} takes its value from '{source}', a property of a contract, but Provisioning.Lifecycle.Contracts is not set.");
            return null;
        }

        if (!entityTypes.TryGetValue(contracts.EntityType ?? string.Empty, out var entityType) || ReferenceEquals(entityType, person))
        {
            // Reported with the contracts.
            return null;
        }

        var dot = source.IndexOf('.', StringComparison.Ordinal);
        if (!string.Equals(source[..dot], entityType.Identifier, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{owner} names the source '{source}'; a dotted source must start with the contracts' entity type '{entityType.Identifier}'.");
            return null;
        }

        var name = source[(dot + 1)..];
        if (Find(entityType, name) is not { } property)
        {
            errors.Add($"{owner} names the HR property '{name}', which the entity type '{entityType.Identifier}' does not declare.");
            return null;
        }

        var standIn = new EntityProperty($"{entityType.Identifier}.{property.Identifier}", person.Properties.Count + property.Index, property.Type, property.TargetEntityType, property.IsMultiValued, isRequired: false, property.IsSensitive);
        return new IdentityPropertyModel(identity, standIn, policy) { Contract = property };
    }

    private static EntityProperty? Find(EntityType entityType, string name)
        => entityType.Properties.FirstOrDefault(p => string.Equals(p.Identifier, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Where a person stands by their contracts today.</summary>
internal enum ContractLife
{
    /// <summary>No contracts are configured: the person's record alone decides.</summary>
    Unknown = 0,

    /// <summary>At least one contract is active.</summary>
    Active,

    /// <summary>Every contract starts beyond the pre-start window.</summary>
    Future,

    /// <summary>Between two contracts: one ended, the next starts beyond the pre-start window.</summary>
    Between,

    /// <summary>Every contract ended, or the person has none.</summary>
    Ended,
}

/// <summary>The contracts of one person today: their life, and the payload of the current contract (empty when they have none).</summary>
internal readonly record struct PersonContracts(ContractLife Life, ReadOnlyMemory<byte> Current);

/// <summary>
/// The contracts of every person after the plan — the stored resources of the contract entity type with the plan's
/// changes laid over them — grouped by the key of their person; read once per run, before the persons are visited.
/// </summary>
internal sealed class ContractIndex
{
    private readonly ContractModel _model;
    private readonly Dictionary<string, List<(string Key, ReadOnlyMemory<byte> Payload)>> _byPerson;

    private ContractIndex(ContractModel model, Dictionary<string, List<(string Key, ReadOnlyMemory<byte> Payload)>> byPerson)
    {
        _model = model;
        _byPerson = byPerson;
    }

    /// <summary>Reads the contracts after <paramref name="plan"/> (the stored ones when <see langword="null"/>); <see langword="null"/> when the model has no contracts.</summary>
    public static async Task<ContractIndex?> ReadAsync(ConnectorModel connector, ProvisioningModel model, IResourceStore store, SyncPlan? plan, CancellationToken cancellationToken)
    {
        if (model.Contracts is not { } contracts)
        {
            return null;
        }

        var byPerson = new Dictionary<string, List<(string, ReadOnlyMemory<byte>)>>(StringComparer.Ordinal);
        var typePlan = plan?.EntityTypes.FirstOrDefault(e => ReferenceEquals(e.EntityType, contracts.EntityType));
        await foreach (var (key, payload) in AfterPlanState.ReadAsync(store, connector.Identifier, contracts.EntityType, typePlan, cancellationToken).ConfigureAwait(false))
        {
            if (ResourcePayload.GetValue(payload.Span, contracts.EntityType, contracts.Person.Index) is string person)
            {
                if (!byPerson.TryGetValue(person, out var list))
                {
                    byPerson[person] = list = [];
                }

                list.Add((key, payload));
            }
        }

        return new ContractIndex(contracts, byPerson);
    }

    /// <summary>The values of a person's record followed by those of their current contract, indexed by <see cref="IdentityPropertyModel.Source"/>.</summary>
    public static object?[] Values(ProvisioningModel model, ReadOnlySpan<byte> person, ReadOnlySpan<byte> contract)
    {
        var values = ResourcePayload.GetValues(person, model.EntityType);
        if (model.Contracts is not { } contracts)
        {
            return values;
        }

        var all = new object?[values.Length + contracts.EntityType.Properties.Count];
        values.CopyTo(all, 0);
        if (!contract.IsEmpty)
        {
            ResourcePayload.GetValues(contract, contracts.EntityType).CopyTo(all, values.Length);
        }

        return all;
    }

    /// <summary>The value of one identity property, from the person's record or their current contract.</summary>
    public static object? ValueOf(ProvisioningModel model, IdentityPropertyModel property, ReadOnlySpan<byte> person, ReadOnlySpan<byte> contract)
        => property.Contract is { } fromContract
            ? contract.IsEmpty ? null : ResourcePayload.GetValue(contract, model.Contracts!.EntityType, fromContract.Index)
            : ResourcePayload.GetValue(person, model.EntityType, property.Source.Index);

    /// <summary>Where the person stands by their contracts on <paramref name="today"/>, and their current contract.</summary>
    public PersonContracts Of(string personKey, DateOnly today, int preStartDays, int graceDays)
    {
        if (!_byPerson.TryGetValue(personKey, out var contracts))
        {
            return new PersonContracts(ContractLife.Ended, default);
        }

        var lastDay = today.AddDays(-graceDays);
        var horizon = today.AddDays(preStartDays);
        (string Key, ReadOnlyMemory<byte> Payload, DateOnly Rank)? active = null, future = null, ended = null;
        var activeStarted = false;
        foreach (var (key, payload) in contracts)
        {
            var span = payload.Span;
            var entityType = _model.EntityType;
            var start = AfterPlanState.Day(ResourcePayload.GetValue(span, entityType, _model.StartDate.Index));
            var end = _model.EndDate is { } endDate ? AfterPlanState.Day(ResourcePayload.GetValue(span, entityType, endDate.Index)) : null;
            var left = _model.Status is { } status && ResourcePayload.GetValue(span, entityType, status.Index) is string value && _model.LeftStatuses.Contains(value.Trim());
            if (left || end < lastDay)
            {
                // Ended: the one that ended last is kept.
                var rank = end ?? DateOnly.MinValue;
                if (ended is not { } e || Later(rank, key, e.Rank, e.Key))
                {
                    ended = (key, payload, rank);
                }
            }
            else if (start is { } first && first > horizon)
            {
                // Future: the one that starts first is kept.
                if (future is not { } f || Later(f.Rank, f.Key, first, key))
                {
                    future = (key, payload, first);
                }
            }
            else
            {
                // Active: the one that started last is current; while none has started (the pre-start window), the one that starts first.
                var rank = start ?? DateOnly.MinValue;
                var started = rank <= today;
                if (active is not { } a
                    || (started && !activeStarted)
                    || (started && Later(rank, key, a.Rank, a.Key))
                    || (!started && !activeStarted && Later(a.Rank, a.Key, rank, key)))
                {
                    active = (key, payload, rank);
                    activeStarted = started;
                }
            }
        }

        return (active, future, ended) switch
        {
            ({ } a, _, _) => new PersonContracts(ContractLife.Active, a.Payload),
            (null, { } f, { }) => new PersonContracts(ContractLife.Between, f.Payload),
            (null, { } f, null) => new PersonContracts(ContractLife.Future, f.Payload),
            (null, null, { } e) => new PersonContracts(ContractLife.Ended, e.Payload),
            _ => new PersonContracts(ContractLife.Ended, default),
        };
    }

    /// <summary>Whether (<paramref name="day"/>, <paramref name="key"/>) comes after (<paramref name="otherDay"/>, <paramref name="otherKey"/>): by day, then by key (ordinal), so that the choice never depends on the store's order.</summary>
    private static bool Later(DateOnly day, string key, DateOnly otherDay, string otherKey)
        => day != otherDay ? day > otherDay : string.CompareOrdinal(key, otherKey) > 0;

}
