using HrConnector.Jobs;
using HrConnector.Provisioning;
using Spectre.Console;

namespace HrConnector.Cli.Rendering;

/// <summary>A run for people: status, counts per entity type, provisioning, review cases, breaches and messages. No field value.</summary>
internal static class JobResultView
{
    // Rejects are listed in full by --json and in the plan; a screen shows the first ones.
    private const int MaxRejectsShown = 20;

    public static void Render(Terminal terminal, JobResult result)
    {
        var console = terminal.Out;
        var what = result.Preview ? "Preview" : "Run";
        var forced = result.Approval is not null ? " (approved plan)" : result.Forced ? " (forced)" : string.Empty;
        console.Markup($"{what} [bold]{Markup.Escape(result.RunId)}[/] of [bold]{Markup.Escape(result.Connector)}[/]: ");
        console.Write(new Text(result.Status.ToString(), StatusStyle(result.Status)));
        console.WriteLine(forced + (result.Preview ? " — nothing was written" : string.Empty));
        if (result.Approval is { } approval)
        {
            console.WriteLine(FormattableString.Invariant($"Plan approved by {approval.ApprovedBy} at {approval.ApprovedAt:yyyy-MM-dd HH:mm:ss}Z."));
        }

        var counts = Tables.CreateNumeric(1, "Entity type", "Rows", "Inserted", "Updated", "Deleted", "Unchanged", "Rejected", "Kept");
        foreach (var e in result.EntityTypes)
        {
            counts.AddRow(Tables.Cell(e.EntityType), Tables.Number(e.Rows), Tables.Number(e.Inserted), Tables.Number(e.Updated), Tables.Number(e.Deleted), Tables.Number(e.Unchanged), Tables.Number(e.Rejected), Tables.Number(e.Kept));
        }

        console.Write(counts);
        RenderProvisioning(terminal, result);
        RenderBreaches(terminal, result);

        foreach (var message in result.Messages)
        {
            Errors.Line(terminal, error: result.Status == JobStatus.Failed, message);
        }

        foreach (var reject in result.Rejects.Take(MaxRejectsShown))
        {
            terminal.OutWriter.WriteLine($"  reject {reject.Reason}: {reject.Message}");
        }

        if (result.Rejects.Count > MaxRejectsShown)
        {
            terminal.OutWriter.WriteLine($"  … and {result.Rejects.Count - MaxRejectsShown} more rejects (--json lists them all).");
        }

        if (result.Status == JobStatus.Blocked)
        {
            terminal.OutWriter.WriteLine(result.Preview
                ? "Blocked: nothing would be applied. Review the plan, then run sync with --force to apply it anyway."
                : "Blocked: nothing was applied. Review the plan (preview), then run sync again with --force to apply it anyway.");
        }
    }

    private static void RenderProvisioning(Terminal terminal, JobResult result)
    {
        if (result.Provisioning is not { } provisioning)
        {
            return;
        }

        var orders = Tables.CreateNumeric(1, "Provisioning", "Count");
        foreach (var (kind, count) in provisioning.Orders.Where(o => o.Value > 0))
        {
            orders.AddRow(Tables.Cell($"{kind} orders"), Tables.Number(count));
        }

        if (!provisioning.Orders.Values.Any(c => c > 0))
        {
            orders.AddRow(Tables.Cell("orders"), Tables.Number(0));
        }

        AddIfAny(orders, "leavers waiting for their delayed delete", provisioning.Scheduled);

        foreach (var (situation, count) in provisioning.Situations.Where(s => s.Value > 0))
        {
            orders.AddRow(Tables.Cell($"{situation} records"), Tables.Number(count));
        }

        AddIfAny(orders, "deferred joiners (start date beyond the window)", provisioning.Deferred);
        AddIfAny(orders, "review cases", provisioning.Review.Count);
        AddIfAny(orders, "cancelled orders", provisioning.Cancelled);
        if (!result.Preview)
        {
            AddIfAny(orders, "dispatched", provisioning.Dispatched);
            AddIfAny(orders, "executed", provisioning.Executed);
            AddIfAny(orders, "transmitted (workflow running)", provisioning.Transmitted);
            AddIfAny(orders, "errored", provisioning.Errored);
            AddIfAny(orders, "retries", provisioning.Retries);
            AddIfAny(orders, "resumed from an earlier run", provisioning.Resumed);
            AddIfAny(orders, "verified", provisioning.Verified);
            AddIfAny(orders, "in doubt (the host is asked next run)", provisioning.InDoubt);
            AddIfAny(orders, "stuck (retry budget spent)", provisioning.Stuck.Count);
            AddIfAny(orders, "waiting for a later run", provisioning.Waiting);
        }

        terminal.Out.Write(orders);
        RenderStuck(terminal, provisioning.Stuck);
        if (provisioning.Review.Count > 0)
        {
            var review = Tables.Create("Review: HR record", "Rule", "Confidence", "Candidate identities");
            foreach (var c in provisioning.Review)
            {
                review.AddRow(Tables.Cell($"{c.EntityType} {c.ResourceKey}"), Tables.Cell(c.Rule), Tables.Number(c.Confidence), Tables.Cell(string.Join(", ", c.Candidates)));
            }

            terminal.Out.Write(review);
        }
    }

    /// <summary>Stuck orders: what failed, how often, and the id an operator retries it with.</summary>
    internal static void RenderStuck(Terminal terminal, IReadOnlyList<StuckOrder> stuck)
    {
        if (stuck.Count == 0)
        {
            return;
        }

        var table = Tables.Create("Stuck order", "HR record", "Kind", "Failures", "Last error");
        foreach (var order in stuck)
        {
            table.AddRow(Tables.Cell(order.OrderId), Tables.Cell($"{order.EntityType} {order.ResourceKey}"), Tables.Cell(order.Kind.ToString()), Tables.Number(order.Failures), Tables.Cell(order.Error ?? string.Empty));
        }

        terminal.Out.Write(table);
    }

    private static void RenderBreaches(Terminal terminal, JobResult result)
    {
        var orderBreaches = result.Provisioning?.Breaches ?? [];
        if (orderBreaches.Count > 0)
        {
            var table = Tables.Create("Order threshold breach", "Order", "Count", "Limit", "Setting");
            table.Columns[2].RightAligned();
            table.Columns[3].RightAligned();
            foreach (var b in orderBreaches)
            {
                table.AddRow(Tables.Cell(b.EntityType), Tables.Cell(b.Kind.ToString()), Tables.Number(b.Count), Tables.Number(b.Limit), Tables.Cell(b.Setting));
            }

            terminal.Out.Write(table);
        }

        if (result.Breaches.Count == 0)
        {
            return;
        }

        var breaches = Tables.Create("Threshold breach", "Change", "Count", "Limit", "Setting");
        breaches.Columns[2].RightAligned();
        breaches.Columns[3].RightAligned();
        foreach (var b in result.Breaches)
        {
            breaches.AddRow(Tables.Cell(b.EntityType), Tables.Cell(b.Kind.ToString()), Tables.Number(b.Count), Tables.Number(b.Limit), Tables.Cell(b.Setting));
        }

        terminal.Out.Write(breaches);
    }

    private static void AddIfAny(Table table, string label, int count)
    {
        if (count > 0)
        {
            table.AddRow(Tables.Cell(label), Tables.Number(count));
        }
    }

    public static Style StatusStyle(JobStatus status) => status switch
    {
        JobStatus.Succeeded => new Style(Color.Green),
        JobStatus.SucceededWithWarnings => new Style(Color.Yellow),
        _ => new Style(Color.Red, decoration: Decoration.Bold),
    };

    public static int ExitCode(JobStatus status) => status switch
    {
        JobStatus.Succeeded or JobStatus.SucceededWithWarnings => ExitCodes.Success,
        JobStatus.Blocked => ExitCodes.Blocked,
        _ => ExitCodes.Error,
    };

    public static string OrdersByKind(ProvisioningSummary? provisioning)
        => provisioning is null ? "–"
            : provisioning.Orders.Values.Sum() == 0 ? "none"
            : string.Join(", ", provisioning.Orders.Where(o => o.Value > 0).Select(o => $"{o.Value} {o.Key}"));
}
