using System.Globalization;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Spectre.Console;

namespace HrConnector.Cli.Rendering;

/// <summary>
/// The orders of a preview, for review: a table per order kind with the HR key, the identity, the reason, the workflow
/// and each changed identity property old → new. Values of sensitive properties are shown as <c>***</c>.
/// </summary>
internal static class OrdersView
{
    /// <summary>How many orders of each kind are listed without <c>--all</c>.</summary>
    public const int FirstShown = 10;

    private const string Hidden = "***";
    private const string None = "(none)";

    public static void Render(Terminal terminal, JobResult result, bool all)
    {
        if (result.PlannedOrders is not { Total: > 0 } orders)
        {
            return;
        }

        var shown = all ? int.MaxValue : FirstShown;
        foreach (var (kind, count) in orders.Counts.Where(c => c.Value > 0).OrderBy(c => c.Key))
        {
            var listed = orders.Listed.Where(o => o.Kind == kind).ToList();
            var rows = listed.Take(shown).ToList();
            var workflows = rows.Any(o => o.Workflow is not null);
            var table = workflows
                ? Tables.Create("HR key", "Identity", "Reason", "Workflow", "Changes")
                : Tables.Create("HR key", "Identity", "Reason", "Changes");
            table.Title = new TableTitle($"{kind} orders ({count.ToString("N0", CultureInfo.InvariantCulture)})", new Style(decoration: Decoration.Bold));
            foreach (var order in rows)
            {
                var cells = new List<Spectre.Console.Rendering.IRenderable>
                {
                    Tables.Cell(order.ResourceKey),
                    Tables.Cell(order.IdentityId ?? "–"),
                    Tables.Cell(order.Reason.ToString()),
                };
                if (workflows)
                {
                    cells.Add(Tables.Cell(order.Workflow ?? "–"));
                }

                cells.Add(Tables.Cell(Changes(order)));
                table.AddRow(cells);
            }

            terminal.Out.Write(table);
            var more = count - rows.Count;
            if (more > 0)
            {
                terminal.OutWriter.WriteLine(rows.Count < listed.Count || !all
                    ? $"… and {more.ToString("N0", CultureInfo.InvariantCulture)} more (--all to list every one)"
                    : $"… and {more.ToString("N0", CultureInfo.InvariantCulture)} more, beyond the {JobResult.MaxListedOrders.ToString("N0", CultureInfo.InvariantCulture)} orders the plan lists");
            }
        }
    }

    /// <summary>One line per changed property: <c>Title: Engineer → Lead</c>; a joiner's values without the old one.</summary>
    private static string Changes(ProvisioningOrder order)
    {
        if (order.Changes.Count == 0)
        {
            return "–";
        }

        return string.Join('\n', order.Changes.Select(c => order.Kind == OrderKind.Added && c.OldValue is null
            ? $"{c.Property}: {Value(c, c.NewValue)}"
            : $"{c.Property}: {Value(c, c.OldValue)} → {Value(c, c.NewValue)}"));
    }

    private static string Value(IdentityValueChange change, object? value) => value switch
    {
        null => None,
        _ when change.IsSensitive => Hidden,
        IReadOnlyList<object> many => string.Join(", ", many.Select(Scalar)),
        _ => Scalar(value),
    };

    private static string Scalar(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
