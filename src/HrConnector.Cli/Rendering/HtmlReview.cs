using System.Globalization;
using System.Net;
using System.Text;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;

namespace HrConnector.Cli.Rendering;

/// <summary>
/// One self-contained HTML page to review a preview or a consistency report in a browser: no external script, style,
/// font or image; every text HTML-encoded; sensitive values redacted by the rule of the plan file
/// (<see cref="EntityProperty.Redact"/>). Every listed row is a <c>tr</c> with <c>data-entity</c> and <c>data-kind</c>,
/// which the inline script filters by the search box and the two selects (an initial filter can be given in the
/// address: <c>#kind=Deactivated&amp;entity=Person&amp;q=E003</c>). Each section lists at most
/// <see cref="MaxRowsPerSection"/> rows and says how many more there are.
/// </summary>
internal static class HtmlReview
{
    /// <summary>The most rows a section lists: a million-row preview does not write a page of a gigabyte.</summary>
    public const int MaxRowsPerSection = 10_000;

    /// <summary>
    /// The columns of the orders table, in order. A column is a header and what a cell shows; adding one (the reason
    /// of an order, say) is one line here.
    /// </summary>
    private static readonly OrderColumn[] OrderColumns =
    [
        new("Identity", (w, o, _) => w.Text(o.IdentityId ?? "(new)")),
        new("HR record", (w, o, _) => w.Text($"{o.EntityType} {o.ResourceKey}")),
        new("Kind", (w, o, _) => w.Text(o.Kind.ToString())),
        new("Why", (w, o, _) => w.Text(o.Reason.ToString())),
        new("Workflow", (w, o, _) => w.Text(o.Workflow ?? "–")),
        new("Changes (old → new, policy)", (w, o, connector) => w.OrderChanges(o, connector)),
    ];

    /// <summary>Writes the review page of a preview.</summary>
    public static string Preview(JobResult result, Connector connector, int maxRows = MaxRowsPerSection)
    {
        var page = new Page(maxRows);
        var title = $"Preview {result.RunId} of {result.Connector}";
        page.Begin(title, "preview");
        page.Raw("<section id=\"summary\"><h2>Summary</h2>");
        page.Raw($"<p id=\"status\" class=\"status status-{Lower(result.Status)}\" data-status=\"{result.Status}\">");
        page.Text(result.Status.ToString());
        page.Raw("</p>");
        page.Raw("<dl class=\"facts\">");
        page.Fact("Connector", result.Connector);
        page.Fact("Run", result.RunId);
        page.Fact("Mode", result.Mode.ToString());
        page.Fact("Started", Time(result.StartedAt));
        page.Fact("Orders", JobResultView.OrdersByKind(result.Provisioning));
        page.Raw("</dl>");
        if (result.Messages.Count > 0)
        {
            page.Raw("<ul id=\"messages\">");
            foreach (var message in result.Messages)
            {
                page.Raw("<li>");
                page.Text(message);
                page.Raw("</li>");
            }

            page.Raw("</ul>");
        }

        if (result.Status == JobStatus.Blocked)
        {
            page.Raw("<p class=\"note\">Blocked: nothing would be applied. Review this page, then run sync with --force to apply it anyway.</p>");
        }

        page.Raw("<table id=\"counts\"><thead><tr>");
        page.Headers("Entity type", "Rows", "Inserted", "Updated", "Deleted", "Unchanged", "Rejected", "Kept");
        page.Raw("</tr></thead><tbody>");
        foreach (var e in result.EntityTypes)
        {
            page.Raw("<tr>");
            page.Cell(e.EntityType);
            foreach (var n in new[] { e.Rows, e.Inserted, e.Updated, e.Deleted, e.Unchanged, e.Rejected, e.Kept })
            {
                page.Cell(Number(n), "num");
            }

            page.Raw("</tr>");
        }

        page.Raw("</tbody></table></section>");

        Breaches(page, result);
        Changes(page, result.Plan);
        Orders(page, result, connector);
        Review(page, result.Provisioning);
        Rejects(page, result.Rejects);
        return page.End();
    }

    /// <summary>Writes the review page of a consistency report.</summary>
    public static string Report(ConsistencyReport report, int maxRows = MaxRowsPerSection)
    {
        var page = new Page(maxRows);
        page.Begin($"Consistency of {report.EntityType} records of {report.Connector}", "report");
        page.Raw("<section id=\"summary\"><h2>Summary</h2>");
        var status = report.Drifts.Count == 0 ? "NoDrift" : "Drift";
        page.Raw($"<p id=\"status\" class=\"status status-{status.ToLowerInvariant()}\" data-status=\"{status}\">");
        page.Text(report.Drifts.Count == 0 ? "No drift: HR and the identities agree." : Wording.Plural(report.Drifts.Count, "difference"));
        page.Raw("</p><dl class=\"facts\">");
        page.Fact("Connector", report.Connector);
        page.Fact("Entity type", report.EntityType);
        page.Fact("Computed", Time(report.CreatedAt));
        page.Fact("HR records", Number(report.HrRecords));
        page.Fact("Identities", Number(report.Identities));
        page.Fact("Linked", Number(report.Linked));
        page.Raw("</dl><table id=\"drift-counts\"><thead><tr>");
        page.Headers("Drift", "Count");
        page.Raw("</tr></thead><tbody>");
        foreach (var kind in Enum.GetValues<DriftKind>())
        {
            page.Raw("<tr>");
            page.Cell(kind.ToString());
            page.Cell(Number(report.Count(kind)), "num");
            page.Raw("</tr>");
        }

        page.Raw("</tbody></table></section>");

        page.Raw("<section id=\"drift\"><h2>Drift by kind</h2>");
        if (report.Drifts.Count == 0)
        {
            page.Raw("<p class=\"empty\">None.</p>");
        }

        var values = report.Drifts.Any(d => d.HrValue is not null || d.IdentityValue is not null);
        foreach (var group in report.Drifts.GroupBy(d => d.Kind).OrderBy(g => g.Key))
        {
            var mismatch = group.Key == DriftKind.PropertyMismatch;
            page.Raw($"<section class=\"drift-kind\" id=\"drift-{group.Key}\"><h3>");
            page.Text($"{group.Key} ({group.Count()})");
            page.Raw("</h3><table class=\"rows\"><thead><tr>");
            page.Headers(mismatch
                ? values ? ["HR record", "Identity", "Property", "Policy", "Next run", "HR value", "Identity value"] : ["HR record", "Identity", "Property", "Policy", "Next run"]
                : ["HR record", "Identity"]);
            page.Raw("</tr></thead><tbody>");
            page.Rows(group, group.Count(), drift =>
            {
                page.Row(report.EntityType, drift.Kind.ToString(), drift.ResourceKey);
                page.Cell(drift.ResourceKey ?? "–");
                page.Cell(drift.IdentityId ?? "–");
                if (mismatch)
                {
                    page.Cell(drift.Property);
                    page.Cell(drift.Policy?.ToString(), "policy");
                    page.Cell(Wording.NextRun(drift.Policy));
                    if (values)
                    {
                        // The report carries values only when asked and never those of a sensitive property.
                        page.Cell(Format(drift.HrValue));
                        page.Cell(Format(drift.IdentityValue));
                    }
                }

                page.Raw("</tr>");
            });
            page.Raw("</tbody></table>");
            page.More(group.Count(), "differences");
            page.Raw("</section>");
        }

        page.Raw("</section>");
        Stuck(page, report.Stuck);
        return page.End();
    }

    private static void Breaches(Page page, JobResult result)
    {
        var orderBreaches = result.Provisioning?.Breaches ?? [];
        page.Raw("<section id=\"breaches\"><h2>Threshold breaches</h2>");
        if (result.Breaches.Count + orderBreaches.Count == 0)
        {
            page.Raw("<p class=\"empty\">None: every threshold holds.</p></section>");
            return;
        }

        page.Raw("<table class=\"rows\"><thead><tr>");
        page.Headers("Entity type", "Threshold of", "Kind", "Count", "Limit", "Setting");
        page.Raw("</tr></thead><tbody>");
        foreach (var b in result.Breaches)
        {
            page.Row(b.EntityType, b.Kind.ToString(), null, "breach");
            page.Cell(b.EntityType);
            page.Cell("changes");
            page.Cell(b.Kind.ToString());
            page.Cell(Number(b.Count), "num");
            page.Cell(Number(b.Limit), "num limit");
            page.Cell(b.Setting, "setting");
            page.Raw("</tr>");
        }

        foreach (var b in orderBreaches)
        {
            page.Row(b.EntityType, b.Kind.ToString(), null, "breach");
            page.Cell(b.EntityType);
            page.Cell("orders");
            page.Cell(b.Kind.ToString());
            page.Cell(Number(b.Count), "num");
            page.Cell(Number(b.Limit), "num limit");
            page.Cell(b.Setting, "setting");
            page.Raw("</tr>");
        }

        page.Raw("</tbody></table></section>");
    }

    private static void Changes(Page page, SyncPlan? plan)
    {
        page.Raw("<section id=\"changes\"><h2>Changes</h2>");
        if (plan is null || !plan.HasChanges)
        {
            page.Raw("<p class=\"empty\">No change.</p></section>");
            return;
        }

        foreach (var entityType in plan.EntityTypes.Where(e => e.HasChanges))
        {
            var id = entityType.EntityType.Identifier;
            var total = entityType.Inserts.Count + entityType.Updates.Count + entityType.Deletes.Count;
            page.Raw($"<section class=\"entity-type\" id=\"changes-{Attribute(id)}\" data-entity=\"{Attribute(id)}\"><h3>");
            page.Text($"{id}: {entityType.Inserts.Count} inserted, {entityType.Updates.Count} updated, {entityType.Deletes.Count} deleted");
            page.Raw("</h3><table class=\"rows\"><thead><tr>");
            page.Headers("Key", "Line", "Kind", "Changes (old → new)");
            page.Raw("</tr></thead><tbody>");
            page.Rows(entityType.Updates.Concat(entityType.Inserts).Concat(entityType.Deletes), total, change =>
            {
                page.Row(id, change.Kind.ToString(), change.Key);
                page.Cell(change.Key, "key");
                page.Cell(change.Line > 0 ? Number(change.Line) : "–", "num");
                page.Cell(change.Kind.ToString());
                page.Raw("<td><ul class=\"diff\">");
                foreach (var property in change.Changes)
                {
                    page.Diff(property.Property.Identifier, property.Property.Redact(property.OldValue), property.Property.Redact(property.NewValue), policy: null);
                }

                page.Raw("</ul></td></tr>");
            });
            page.Raw("</tbody></table>");
            page.More(total, "changes");
            page.Raw("</section>");
        }

        page.Raw("</section>");
    }

    private static void Orders(Page page, JobResult result, Connector connector)
    {
        if (result.Provisioning is not { } provisioning)
        {
            return;
        }

        page.Raw("<section id=\"orders\"><h2>Provisioning orders by identity</h2>");
        if (result.Orders.Count == 0)
        {
            page.Raw("<p class=\"empty\">No order.</p></section>");
            return;
        }

        page.Raw("<table class=\"rows\"><thead><tr>");
        page.Headers([.. OrderColumns.Select(c => c.Header)]);
        page.Raw("</tr></thead><tbody>");
        // By identity: the orders of one person together, joiners (no identity yet) last.
        var orders = result.Orders
            .OrderBy(o => o.IdentityId is null)
            .ThenBy(o => o.IdentityId, StringComparer.Ordinal)
            .ThenBy(o => o.ResourceKey, StringComparer.Ordinal);
        page.Rows(orders, result.Orders.Count, order =>
        {
            page.Row(order.EntityType, order.Kind.ToString(), order.ResourceKey, identity: order.IdentityId);
            foreach (var column in OrderColumns)
            {
                page.Raw("<td>");
                column.Cell(page, order, connector);
                page.Raw("</td>");
            }

            page.Raw("</tr>");
        });
        page.Raw("</tbody></table>");
        // The result lists the first JobResult.MaxListedOrders orders; the summary counts them all.
        page.More(Math.Max(provisioning.Orders.Values.Sum(), result.Orders.Count), "orders");
        page.Raw("</section>");
    }

    private static void Review(Page page, ProvisioningSummary? provisioning)
    {
        if (provisioning is not { Review.Count: > 0 })
        {
            return;
        }

        page.Raw("<section id=\"review\"><h2>Correlations to review</h2><table class=\"rows\"><thead><tr>");
        page.Headers("HR record", "Rule", "Confidence", "Candidate identities");
        page.Raw("</tr></thead><tbody>");
        page.Rows(provisioning.Review, provisioning.Review.Count, c =>
        {
            page.Row(c.EntityType, nameof(CorrelationSituation.Disputed), c.ResourceKey);
            page.Cell($"{c.EntityType} {c.ResourceKey}");
            page.Cell(c.Rule);
            page.Cell(Number(c.Confidence), "num");
            page.Cell(string.Join(", ", c.Candidates));
            page.Raw("</tr>");
        });
        page.Raw("</tbody></table>");
        page.More(provisioning.Review.Count, "records");
        page.Raw("</section>");
    }

    private static void Rejects(Page page, IReadOnlyList<Csv.Reject> rejects)
    {
        page.Raw("<section id=\"rejects\"><h2>Rejects</h2>");
        if (rejects.Count == 0)
        {
            page.Raw("<p class=\"empty\">None.</p></section>");
            return;
        }

        page.Raw("<table class=\"rows\"><thead><tr>");
        page.Headers("Where", "Key", "Reason", "Detail");
        page.Raw("</tr></thead><tbody>");
        page.Rows(rejects, rejects.Count, reject =>
        {
            page.Row(reject.EntityType, reject.Reason.ToString(), reject.Key);
            var where = reject.Column is null ? $"{reject.File}:{reject.Line}" : $"{reject.File}:{reject.Line} ({reject.Column})";
            page.Cell(where, "where");
            page.Cell(reject.Key ?? "–", "key");
            page.Cell(reject.Reason.ToString(), "reason");
            // The message names a value only when the host opted in and the property is not sensitive.
            page.Cell(reject.Message);
            page.Raw("</tr>");
        });
        page.Raw("</tbody></table>");
        page.More(rejects.Count, "rejects");
        page.Raw("</section>");
    }

    private static void Stuck(Page page, IReadOnlyList<StuckOrder> stuck)
    {
        if (stuck.Count == 0)
        {
            return;
        }

        page.Raw("<section id=\"stuck\"><h2>Stuck orders</h2><table class=\"rows\"><thead><tr>");
        page.Headers("Order", "HR record", "Kind", "Failures", "Last error");
        page.Raw("</tr></thead><tbody>");
        page.Rows(stuck, stuck.Count, order =>
        {
            page.Row(order.EntityType, order.Kind.ToString(), order.ResourceKey);
            page.Cell(order.OrderId);
            page.Cell($"{order.EntityType} {order.ResourceKey}");
            page.Cell(order.Kind.ToString());
            page.Cell(Number(order.Failures), "num");
            page.Cell(order.Error ?? string.Empty);
            page.Raw("</tr>");
        });
        page.Raw("</tbody></table>");
        page.More(stuck.Count, "orders");
        page.Raw("</section>");
    }

    private static string Lower(JobStatus status) => status.ToString().ToLowerInvariant();

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Attribute(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A value as a person reads it: dates as yyyy-MM-dd, numbers invariant, several values joined.</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<object> many => string.Join(", ", many.Select(Format)),
        _ => value.ToString(),
    };

    private sealed record OrderColumn(string Header, Action<Page, ProvisioningOrder, Connector> Cell);

    /// <summary>The page being written: every text goes through <see cref="Text"/>, which HTML-encodes it.</summary>
    private sealed class Page(int maxRows)
    {
        private readonly StringBuilder _html = new();
        private readonly SortedSet<string> _entities = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _kinds = new(StringComparer.Ordinal);
        private int _filterAt;

        public void Begin(string title, string kind)
        {
            Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
            Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            Raw("<meta name=\"referrer\" content=\"no-referrer\">");
            Raw("<title>");
            Text(title);
            Raw("</title><style>");
            Raw(Style);
            Raw($"</style></head><body data-page=\"{kind}\"><header><h1>");
            Text(title);
            Raw("</h1>");
            // The filters are written at the end, once every entity type and kind of the page is known.
            _filterAt = _html.Length;
            Raw("</header><main>");
        }

        public string End()
        {
            Raw("</main><footer><p>Written by hrconnector. Values of sensitive properties are shown as ");
            Text(EntityProperty.RedactedValue);
            Raw(".</p></footer><script>");
            Raw(Script);
            Raw("</script></body></html>\n");
            _html.Insert(_filterAt, Filters());
            return _html.ToString();
        }

        public void Raw(string html) => _html.Append(html);

        public void Text(string? text) => _html.Append(WebUtility.HtmlEncode(text ?? string.Empty));

        public void Fact(string name, string value)
        {
            Raw("<dt>");
            Text(name);
            Raw("</dt><dd>");
            Text(value);
            Raw("</dd>");
        }

        public void Headers(params string[] headers)
        {
            foreach (var header in headers)
            {
                Raw("<th scope=\"col\">");
                Text(header);
                Raw("</th>");
            }
        }

        public void Cell(string? text, string? cssClass = null)
        {
            Raw(cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">");
            Text(text);
            Raw("</td>");
        }

        /// <summary>Opens a filterable row.</summary>
        public void Row(string entity, string kind, string? key, string cssClass = "row", string? identity = null)
        {
            _entities.Add(entity);
            _kinds.Add(kind);
            Raw($"<tr class=\"{cssClass}\" data-entity=\"{Attribute(entity)}\" data-kind=\"{Attribute(kind)}\"");
            if (key is not null)
            {
                Raw($" data-key=\"{Attribute(key)}\"");
            }

            if (identity is not null)
            {
                Raw($" data-identity=\"{Attribute(identity)}\"");
            }

            Raw(">");
        }

        /// <summary>Writes the first rows of a section, up to the cap.</summary>
        public void Rows<T>(IEnumerable<T> items, int count, Action<T> write)
        {
            foreach (var item in items.Take(Math.Min(count, maxRows)))
            {
                write(item);
            }
        }

        /// <summary>Says how many rows of a section the cap left out.</summary>
        public void More(int total, string noun)
        {
            if (total > maxRows)
            {
                Raw("<p class=\"more\">");
                Text($"… and {Number(total - maxRows)} more {noun} not listed here (the page lists the first {Number(maxRows)}).");
                Raw("</p>");
            }
        }

        /// <summary>One property change: old → new, values already redacted by the caller.</summary>
        public void Diff(string property, object? oldValue, object? newValue, OwnershipPolicy? policy)
        {
            Raw("<li><span class=\"prop\">");
            Text(property);
            Raw("</span> ");
            Value("old", oldValue);
            Raw(" <span class=\"arrow\">→</span> ");
            Value("new", newValue);
            if (policy is { } p)
            {
                Raw(" <span class=\"policy\">");
                Text(p.ToString());
                Raw("</span>");
            }

            Raw("</li>");
        }

        public void OrderChanges(ProvisioningOrder order, Connector connector)
        {
            if (order.Changes.Count == 0)
            {
                Raw("<span class=\"none\">–</span>");
                return;
            }

            Raw("<ul class=\"diff\">");
            foreach (var change in order.Changes)
            {
                // An identity value is redacted when its HR source is sensitive; one the connector does not feed, always.
                var source = connector.GetIdentitySource(change.Property);
                Diff(change.Property, Redact(source, change.OldValue), Redact(source, change.NewValue), change.Policy);
            }

            Raw("</ul>");
        }

        private static object? Redact(EntityProperty? source, object? value)
            => source is not null ? source.Redact(value) : value is null ? null : EntityProperty.RedactedValue;

        private void Value(string cssClass, object? value)
        {
            if (value is null)
            {
                Raw($"<span class=\"{cssClass} none\">∅</span>");
                return;
            }

            var redacted = value is string s && s == EntityProperty.RedactedValue;
            Raw(redacted ? $"<span class=\"{cssClass} redacted\">" : $"<span class=\"{cssClass}\">");
            Text(Format(value));
            Raw("</span>");
        }

        private string Filters()
        {
            var html = new StringBuilder();
            html.Append("<nav id=\"filters\" class=\"filters\"><label>Search <input id=\"search\" type=\"search\" autocomplete=\"off\"></label>");
            Select(html, "filter-entity", "Entity type", "All entity types", _entities);
            Select(html, "filter-kind", "Kind", "All kinds", _kinds);
            html.Append("<output id=\"visible-count\" aria-live=\"polite\"></output></nav>");
            return html.ToString();
        }

        private static void Select(StringBuilder html, string id, string label, string all, IEnumerable<string> values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label>{WebUtility.HtmlEncode(label)} <select id=\"{id}\"><option value=\"\">{WebUtility.HtmlEncode(all)}</option>");
            foreach (var value in values)
            {
                var text = WebUtility.HtmlEncode(value);
                html.Append(CultureInfo.InvariantCulture, $"<option value=\"{text}\">{text}</option>");
            }

            html.Append("</select></label>");
        }
    }

    private const string Style = """
        :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:15px;color:#1b1f24}
        body{margin:0 auto;max-width:1200px;padding:0 1rem 2rem}
        header{position:sticky;top:0;background:#fff;border-bottom:1px solid #d0d7de;padding:.5rem 0;z-index:1}
        h1{font-size:1.4rem;margin:.3rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #d0d7de}h3{font-size:1rem}
        .filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center}
        .filters input,.filters select{font:inherit;padding:.2rem .4rem}
        #visible-count{color:#57606a}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}
        th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
        tbody tr:nth-child(even){background:#fafbfc}
        [hidden]{display:none!important}
        .status{display:inline-block;font-weight:bold;padding:.2rem .6rem;border-radius:4px;background:#eee}
        .status-succeeded,.status-nodrift{background:#dafbe1;color:#116329}
        .status-succeededwithwarnings,.status-drift{background:#fff8c5;color:#7d4e00}
        .status-blocked,.status-failed{background:#ffebe9;color:#a40e26}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}.facts dt{font-weight:bold}.facts dd{margin:0}
        ul.diff{list-style:none;margin:0;padding:0}
        .prop{font-weight:600}.old{color:#a40e26;text-decoration:line-through}.new{color:#116329}
        .none{color:#8c959f}.redacted{color:#57606a;font-style:italic;text-decoration:none}
        .policy{font-size:.85em;color:#57606a;border:1px solid #d0d7de;border-radius:3px;padding:0 .3rem}
        .limit{font-weight:bold}.more,.empty,.note{color:#57606a;font-style:italic}
        @media print{
          header{position:static}.filters{display:none!important}
          body{max-width:none;font-size:10pt}
          table,tr,li{break-inside:avoid;page-break-inside:avoid}
          thead{display:table-header-group}
          h2,h3{break-after:avoid;page-break-after:avoid}
          .old{text-decoration:line-through}
        }
        """;

    // Filters the rows by the search box, entity type and kind; reads a first filter from the address (#kind=…&entity=…&q=…).
    private const string Script = """
        (function () {
          var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-kind]"));
          var search = document.getElementById("search"), entity = document.getElementById("filter-entity"), kind = document.getElementById("filter-kind"), count = document.getElementById("visible-count");
          function apply() {
            var text = search.value.trim().toLowerCase(), shown = 0;
            rows.forEach(function (row) {
              var show = (!entity.value || row.dataset.entity === entity.value) && (!kind.value || row.dataset.kind === kind.value) && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
              row.hidden = !show; if (show) { shown++; }
            });
            count.textContent = shown + " of " + rows.length + " rows shown";
          }
          var hash = new URLSearchParams(location.hash.slice(1));
          search.value = hash.get("q") || ""; entity.value = hash.get("entity") || ""; kind.value = hash.get("kind") || "";
          [search, entity, kind].forEach(function (control) { control.addEventListener("input", apply); control.addEventListener("change", apply); });
          apply();
          document.body.dataset.ready = "1";
        })();
        """;
}
