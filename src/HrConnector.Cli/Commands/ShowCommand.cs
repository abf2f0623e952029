using System.Collections;
using System.ComponentModel;
using System.Globalization;
using HrConnector.Cli.Rendering;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HrConnector.Cli.Commands;

/// <summary>
/// Browses what was synchronized: the entity types with their counts, a page of resources, or one resource with its
/// properties (sensitive ones as <c>***</c>), its navigation targets, the resources pointing at it, its identity and
/// its last orders. Changes nothing.
/// </summary>
[Description("Browse what was synchronized: entity types with counts, a page of resources, or one resource with its links, identity and last orders (sensitive values ***).")]
internal sealed class ShowCommand(Terminal terminal, IInfrastructureFactory infrastructure)
    : ConnectorCommand<ShowSettings>(terminal, infrastructure)
{
    /// <summary>How many orders of a resource are shown, newest first.</summary>
    public const int LastOrders = 5;

    private const string Redacted = "***";

    protected override async Task<int> RunAsync(ShowSettings settings, CancellationToken cancellationToken)
    {
        var connector = LoadConnector(settings);
        await using var services = InfrastructureFactory.Open(settings.DatabasePath, create: false);
        var browser = services.CreateJob(connector).Resources;
        if (settings.EntityType is not { Length: > 0 } typeName)
        {
            await ShowEntityTypesAsync(connector, services, settings, cancellationToken);
        }
        else if (settings.Key is not { Length: > 0 } key)
        {
            await ShowPageAsync(connector, services, browser, typeName, settings, cancellationToken);
        }
        else
        {
            await ShowResourceAsync(connector, services, browser, typeName, key, settings, cancellationToken);
        }

        return ExitCodes.Success;
    }

    private async Task ShowEntityTypesAsync(Connector connector, Infrastructure services, ShowSettings settings, CancellationToken cancellationToken)
    {
        var counts = new List<(string EntityType, long Count)>();
        foreach (var entityType in connector.EntityTypes)
        {
            counts.Add((entityType.Identifier, await services.ResourceStore.CountAsync(connector.Identifier, entityType.Identifier, cancellationToken)));
        }

        var lastRun = await services.ResourceStore.GetLastRunIdAsync(connector.Identifier, cancellationToken);
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Serialize(new { Connector = connector.Identifier, LastRunId = lastRun, EntityTypes = counts.Select(c => new { c.EntityType, Resources = c.Count }) }));
            return;
        }

        Terminal.Out.WriteLine(lastRun is null
            ? $"{connector.Identifier}: nothing synchronized yet."
            : $"{connector.Identifier}: last synchronized by run {lastRun}.");
        var table = Tables.CreateNumeric(1, "Entity type", "Resources");
        foreach (var (entityType, count) in counts)
        {
            table.AddRow(Tables.Cell(entityType), Tables.Number(count));
        }

        Terminal.Out.Write(table);
    }

    private async Task ShowPageAsync(Connector connector, Infrastructure services, ResourceBrowser browser, string typeName, ShowSettings settings, CancellationToken cancellationToken)
    {
        var entityType = Find(connector, typeName);
        var total = await services.ResourceStore.CountAsync(connector.Identifier, entityType.Identifier, cancellationToken);
        var columns = entityType.Properties.Where(p => !p.IsSensitive && !p.IsNavigation).Take(4).ToList();
        var skip = (long)(settings.Page - 1) * settings.PageSize;
        var page = new List<ResourceValues>(settings.PageSize);
        long index = 0;
        await foreach (var resource in browser.ReadAsync(entityType.Identifier, cancellationToken))
        {
            if (index++ < skip)
            {
                continue;
            }

            page.Add(resource);
            if (page.Count == settings.PageSize)
            {
                break;
            }
        }

        var pages = Math.Max(1, (total + settings.PageSize - 1) / settings.PageSize);
        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Serialize(new
            {
                EntityType = entityType.Identifier,
                Total = total,
                settings.Page,
                settings.PageSize,
                Resources = page.Select(r => new { r.Key, Properties = columns.ToDictionary(c => c.Identifier, c => Format(r.Values[c.Index])) }),
            }));
            return;
        }

        Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entityType.Identifier}: {Wording.Plural((int)Math.Min(total, int.MaxValue), "resource")}, page {settings.Page} of {pages} ({settings.PageSize} a page)."));
        if (page.Count == 0)
        {
            return;
        }

        var table = Tables.Create(columns.Select(c => c.Identifier).Prepend("Key").ToArray());
        foreach (var resource in page)
        {
            table.AddRow(columns.Select(c => Tables.Cell(Format(resource.Values[c.Index]) ?? "–")).Prepend(Tables.Cell(resource.Key)).ToArray());
        }

        Terminal.Out.Write(table);
        if (settings.Page < pages)
        {
            Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Next page: --page {settings.Page + 1}."));
        }
    }

    private async Task ShowResourceAsync(Connector connector, Infrastructure services, ResourceBrowser browser, string typeName, string key, ShowSettings settings, CancellationToken cancellationToken)
    {
        var entityType = Find(connector, typeName);
        var resource = await browser.GetAsync(entityType.Identifier, key, cancellationToken)
            ?? throw new HrConnectorException($"There is no resource '{key}' of '{entityType.Identifier}' in the resource store (keys are case-sensitive): list them with show {entityType.Identifier}.");
        var referrers = new List<ResourceReference>();
        await foreach (var referrer in browser.ReadReferrersAsync(entityType.Identifier, key, cancellationToken))
        {
            referrers.Add(referrer);
        }

        IdentityLink? link = null;
        await foreach (var candidate in services.Journal.ReadLinksAsync(connector.Identifier, cancellationToken))
        {
            if (string.Equals(candidate.EntityType, entityType.Identifier, StringComparison.OrdinalIgnoreCase) && string.Equals(candidate.ResourceKey, key, StringComparison.Ordinal))
            {
                link = candidate;
            }
        }

        var identity = link is null ? null : await services.IdentityRepository.GetAsync(link.IdentityId, cancellationToken);
        var orders = new List<JournalEntry>();
        await foreach (var entry in services.Journal.ReadAsync(connector.Identifier, openOnly: false, cancellationToken))
        {
            if (string.Equals(entry.Order.EntityType, entityType.Identifier, StringComparison.OrdinalIgnoreCase) && string.Equals(entry.Order.ResourceKey, key, StringComparison.Ordinal))
            {
                orders.Add(entry);
            }
        }

        var last = orders.OrderByDescending(e => e.UpdatedAt).Take(LastOrders).ToList();
        var provisioned = IsProvisioned(connector, services, entityType);
        var properties = entityType.Properties.Select(p => (Property: p, Value: p.IsSensitive && resource.Values[p.Index] is not null ? Redacted : Format(resource.Values[p.Index]))).ToList();

        if (settings.Json)
        {
            Terminal.OutWriter.WriteLine(JsonDocuments.Serialize(new
            {
                EntityType = entityType.Identifier,
                resource.Key,
                Properties = properties.Where(p => !p.Property.IsNavigation).ToDictionary(p => p.Property.Identifier, p => p.Value),
                Navigations = properties.Where(p => p.Property.IsNavigation).Select(p => new { Property = p.Property.Identifier, Target = p.Property.TargetEntityType, Key = p.Value }),
                PointedAtBy = referrers,
                Identity = link is null ? null : new { link.IdentityId, State = identity?.State.ToString() ?? "Missing", Link = link.State.ToString() },
                Orders = last.Select(e => new { e.Order.Id, e.Order.Kind, e.State, e.UpdatedAt }),
            }));
            return;
        }

        var console = Terminal.Out;
        console.WriteLine($"{entityType.Identifier} {resource.Key}");
        var table = Tables.Create("Property", "Value");
        foreach (var (property, value) in properties)
        {
            table.AddRow(
                Tables.Cell(property.Identifier),
                Tables.Cell(property.IsNavigation ? (value is null ? "–" : $"→ {property.TargetEntityType} {value}") : value ?? "–"));
        }

        console.Write(table);

        if (referrers.Count > 0)
        {
            var pointing = Tables.Create("Pointed at by", "Keys");
            foreach (var group in referrers.GroupBy(r => $"{r.EntityType}.{r.Property}"))
            {
                pointing.AddRow(Tables.Cell($"{group.Key} ({group.Count()})"), Tables.Cell(string.Join(", ", group.Select(r => r.Key))));
            }

            console.Write(pointing);
        }
        else
        {
            console.WriteLine("Nothing points at it.");
        }

        if (link is not null)
        {
            console.WriteLine($"Identity: {link.IdentityId} ({identity?.State.ToString() ?? "missing from the repository"}; link {link.State})");
        }
        else if (provisioned)
        {
            console.WriteLine("Identity: not linked (see review and report).");
        }

        if (last.Count > 0)
        {
            var ordersTable = Tables.Create("Order", "Kind", "State", "Updated");
            foreach (var entry in last)
            {
                ordersTable.AddRow(Tables.Cell(entry.Order.Id), Tables.Cell(entry.Order.Kind.ToString()), Tables.Cell(entry.State.ToString()), Tables.Time(entry.UpdatedAt));
            }

            console.Write(new Text($"Last orders ({last.Count} of {orders.Count})", new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            console.Write(ordersTable);
        }
        else if (provisioned)
        {
            console.WriteLine("No order.");
        }
    }

    private static bool IsProvisioned(Connector connector, Infrastructure services, EntityType entityType)
    {
        try
        {
            return string.Equals(services.CreateReview(connector).EntityType, entityType.Identifier, StringComparison.OrdinalIgnoreCase);
        }
        catch (CorrelationReviewException)
        {
            // The connector provisions nothing (or the journal keeps no review): no identity to show.
            return false;
        }
    }

    private static EntityType Find(Connector connector, string name)
        => connector.EntityTypes.FirstOrDefault(e => string.Equals(e.Identifier, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new HrConnectorException($"The connector '{connector.Identifier}' has no entity type '{name}'; its entity types: {string.Join(", ", connector.EntityTypes.Select(e => e.Identifier))}.");

    /// <summary>A stored value as text (invariant culture; dates as yyyy-MM-dd; several values separated by commas).</summary>
    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable many => string.Join(", ", many.Cast<object?>().Select(Format)),
        _ => value.ToString(),
    };
}

/// <summary>The settings of <see cref="ShowCommand"/>.</summary>
internal sealed class ShowSettings : ConnectorSettings
{
    [CommandArgument(1, "[EntityType]")]
    [Description("An entity type: lists a page of its resources. Default: every entity type with its count.")]
    public string? EntityType { get; set; }

    [CommandArgument(2, "[key]")]
    [Description("A resource key: shows that resource, what it points at and what points at it, its identity and last orders.")]
    public string? Key { get; set; }

    [CommandOption("--page <n>")]
    [Description("The page of resources to list, from 1. Default: 1.")]
    [DefaultValue(1)]
    public int Page { get; set; } = 1;

    [CommandOption("--page-size <n>")]
    [Description("How many resources a page lists. Default: 20.")]
    [DefaultValue(20)]
    public int PageSize { get; set; } = 20;

    public override Spectre.Console.ValidationResult Validate()
        => Page < 1 ? Spectre.Console.ValidationResult.Error("--page must be 1 or more.")
            : PageSize is < 1 or > 1000 ? Spectre.Console.ValidationResult.Error("--page-size must be from 1 to 1000.")
            : base.Validate();
}
