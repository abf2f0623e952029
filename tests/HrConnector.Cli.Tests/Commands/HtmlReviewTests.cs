using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HrConnector.Cli.Rendering;
using HrConnector.Jobs;
using HrConnector.Mapping;
using HrConnector.Modeling;
using HrConnector.Csv;

namespace HrConnector.Cli.Tests.Commands;

/// <summary>
/// The review pages of <c>preview --html</c> and <c>report --html</c>, parsed with an HTML5 parser (AngleSharp), and
/// once rendered by headless Chromium.
/// </summary>
[Trait("Category", "Review")]
public sealed class HtmlReviewTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task PreviewHtml_DayTwo_ShowsSummaryChangesOrdersAndRejects()
    {
        var identities = await DayTwoAsync();
        var page = _cli.PathOf("review.html");

        var run = await _cli.RunAsync("preview", _cli.Configuration, "--html", page);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Review page written to {page}", run.Output);
        var document = Parse(page);

        // Summary and status.
        var status = document.QuerySelector("#status")!;
        Assert.Equal("SucceededWithWarnings", status.GetAttribute("data-status"));
        Assert.Contains("Fabrikam_HR", document.QuerySelector("#summary")!.TextContent);
        var person = document.QuerySelectorAll("#counts tbody tr").Single(r => Cells(r)[0].TextContent == "Person");
        Assert.Equal(["Person", "6", "1", "1", "1", "3", "1", "0"], Cells(person).Select(c => c.TextContent));

        // Changes per entity type, old → new: the mover E003.
        var mover = Assert.Single(document.QuerySelectorAll("#changes-Person tr[data-key='E003']"));
        Assert.Equal("Update", mover.GetAttribute("data-kind"));
        Assert.Equal("Person", mover.GetAttribute("data-entity"));
        var title = Change(mover, "Title");
        Assert.Equal("Account Manager", title.QuerySelector(".old")!.TextContent);
        Assert.Equal("Engineering Manager", title.QuerySelector(".new")!.TextContent);
        Assert.Equal("D03", Change(mover, "Department").QuerySelector(".old")!.TextContent);
        Assert.Equal("D02", Change(mover, "Department").QuerySelector(".new")!.TextContent);
        Assert.Equal("Insert", document.QuerySelector("#changes-Person tr[data-key='E006']")!.GetAttribute("data-kind"));
        Assert.Equal("Delete", document.QuerySelector("#changes-Person tr[data-key='E005']")!.GetAttribute("data-kind"));

        // Orders per identity: the identity, the kind, old → new with the policy.
        var moverOrder = Assert.Single(document.QuerySelectorAll($"#orders tr[data-identity='{identities["E003"]}']"));
        Assert.Equal("Modified", moverOrder.GetAttribute("data-kind"));
        Assert.Equal(identities["E003"], Cells(moverOrder)[0].TextContent);
        var orderTitle = Change(moverOrder, "Title");
        Assert.Equal("Account Manager", orderTitle.QuerySelector(".old")!.TextContent);
        Assert.Equal("Engineering Manager", orderTitle.QuerySelector(".new")!.TextContent);
        Assert.Equal("OnChange", orderTitle.QuerySelector(".policy")!.TextContent);
        var leaver = Assert.Single(document.QuerySelectorAll($"#orders tr[data-identity='{identities["E005"]}']"));
        Assert.Equal("Deactivated", leaver.GetAttribute("data-kind"));
        var joiner = Assert.Single(document.QuerySelectorAll("#orders tr[data-key='E006']"));
        Assert.Equal("Added", joiner.GetAttribute("data-kind"));
        Assert.Equal("Johnson", Change(joiner, "LastName").QuerySelector(".new")!.TextContent);

        // A reject with file:line and reason.
        var reject = Assert.Single(document.QuerySelectorAll("#rejects tbody tr"));
        Assert.StartsWith("people.csv:7", reject.QuerySelector(".where")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("E007", reject.GetAttribute("data-key"));
        Assert.Equal(reject.GetAttribute("data-kind"), reject.QuerySelector(".reason")!.TextContent);
        Assert.Contains("LastName", reject.TextContent, StringComparison.Ordinal);

        // The filters know every entity type and kind listed.
        var kinds = document.QuerySelectorAll("#filter-kind option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("Deactivated", kinds);
        Assert.Contains("Update", kinds);
        Assert.Contains("Person", document.QuerySelectorAll("#filter-entity option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task PreviewHtml_NeverHoldsASensitiveValue()
    {
        await DayTwoAsync();
        var page = _cli.PathOf("review.html");

        var run = await _cli.RunAsync("preview", _cli.Configuration, "--html", page);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = File.ReadAllText(page);
        // Every BirthDate of both days, as HR wrote it and as the plan types it.
        foreach (var line in File.ReadLines(_cli.PathOf("people.csv")).Concat(File.ReadLines(_cli.PathOf("people.csv.day1"))))
        {
            var birthDate = line.Split(';')[5];
            if (birthDate.Length == 0 || birthDate == "BirthDate")
            {
                continue;
            }

            var parts = birthDate.Split('/');
            Assert.DoesNotContain(birthDate, text, StringComparison.Ordinal);
            Assert.DoesNotContain($"{parts[2]}-{parts[1]}-{parts[0]}", text, StringComparison.Ordinal);
        }

        var document = new HtmlParser().ParseDocument(text);
        var joiner = document.QuerySelector("#changes-Person tr[data-key='E006']")!;
        var birth = Change(joiner, "BirthDate").QuerySelector(".new")!;
        Assert.Equal("***", birth.TextContent);
        Assert.Contains("redacted", birth.ClassList);
        Assert.Equal("***", Change(document.QuerySelector("#changes-Person tr[data-key='E005']")!, "BirthDate").QuerySelector(".old")!.TextContent);
    }

    [Fact]
    public async Task PreviewHtml_IsSelfContainedAndReadableByItsOwnerOnly()
    {
        await DayTwoAsync();
        var page = _cli.PathOf("review.html");

        var run = await _cli.RunAsync("preview", _cli.Configuration, "--html", page);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertSelfContained(page);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(page));
        }
    }

    [Fact]
    public async Task PreviewHtml_Blocked_ShowsTheBreachesWithTheirLimits()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.UsePeople("people-truncated.csv");
        var page = _cli.PathOf("review.html");

        var run = await _cli.RunAsync("preview", _cli.Configuration, "--html", page);

        Assert.True(run.ExitCode == 2, run.ToString());
        var document = Parse(page);
        Assert.Equal("Blocked", document.QuerySelector("#status")!.GetAttribute("data-status"));
        Assert.NotNull(document.QuerySelector("#messages li"));
        var breach = Assert.Single(document.QuerySelectorAll("#breaches tr.breach[data-kind='Delete']"));
        Assert.Equal("Person", breach.GetAttribute("data-entity"));
        Assert.Equal("3", Cells(breach)[3].TextContent);
        Assert.Equal("2", breach.QuerySelector(".limit")!.TextContent);
        Assert.Contains("MaxDeleted", breach.QuerySelector(".setting")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewHtml_EncodesEveryText()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        _cli.Edit("people.csv", ";Engineer;28/12/1989;", ";<script>alert('x')</script> & <b>Co</b>;28/12/1989;");
        var page = _cli.PathOf("review.html");

        var run = await _cli.RunAsync("preview", _cli.Configuration, "--html", page);

        Assert.True(run.ExitCode == 0, run.ToString());
        var document = Parse(page);
        Assert.Single(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("main b"));
        var linus = document.QuerySelector("#changes-Person tr[data-key='E004']")!;
        Assert.Equal("<script>alert('x')</script> & <b>Co</b>", Change(linus, "Title").QuerySelector(".new")!.TextContent);
    }

    [Fact]
    public async Task ReportHtml_ListsTheDriftByKindWithThePolicyThatApplies()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        var repository = _cli.Services.IdentityRepository;
        var grace = await _cli.IdentityOfAsync("E003");
        await repository.UpdateAsync(grace.Id, new Dictionary<string, object?> { ["Title"] = "Chief Hand Edit", ["LastName"] = "Hand-Edited" }, "hand-edit-1");
        var stranger = await repository.CreateAsync(new Dictionary<string, object?> { ["LastName"] = "Contractor" }, "hand-create-1");
        var page = _cli.PathOf("report.html");

        var run = await _cli.RunAsync("report", _cli.Configuration, "--html", page);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Report page written to {page}", run.Output);
        var document = Parse(page);
        Assert.Equal("Drift", document.QuerySelector("#status")!.GetAttribute("data-status"));
        Assert.Contains("3 differences", document.QuerySelector("#status")!.TextContent, StringComparison.Ordinal);
        var mismatches = document.QuerySelectorAll("#drift-PropertyMismatch tbody tr");
        Assert.Equal(2, mismatches.Length);
        Assert.All(mismatches, r => Assert.Equal("PropertyMismatch", r.GetAttribute("data-kind")));
        var lastName = mismatches.Single(r => Cells(r)[2].TextContent == "LastName");
        Assert.Equal(["E003", grace.Id, "LastName", "Authoritative", "corrected"], Cells(lastName).Select(c => c.TextContent));
        var title = mismatches.Single(r => Cells(r)[2].TextContent == "Title");
        Assert.Equal(["E003", grace.Id, "Title", "OnChange", "kept until HR changes it"], Cells(title).Select(c => c.TextContent));
        var orphan = Assert.Single(document.QuerySelectorAll("#drift-IdentityWithoutHrRecord tbody tr"));
        Assert.Equal(stranger, Cells(orphan)[1].TextContent);
        var text = File.ReadAllText(page);
        Assert.DoesNotContain("Hand", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hopper", text, StringComparison.Ordinal);
        AssertSelfContained(page);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(page));
        }
    }

    [Fact]
    public void PreviewHtml_LargeRun_ListsTheFirstRowsAndSaysHowManyMore()
    {
        var connector = ConnectorConfiguration.FromJsonFile(_cli.Configuration);
        var result = new JobResult
        {
            Connector = "Fabrikam_HR",
            RunId = "run-1",
            Preview = true,
            Rejects = [.. Enumerable.Range(1, 5).Select(i => new Reject("Person", "people.csv", i + 1, "LastName", RejectReason.MissingValue, $"people.csv line {i + 1}: LastName is required.", $"E{i:000}"))],
        };

        var html = HtmlReview.Preview(result, connector, maxRows: 2);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(2, document.QuerySelectorAll("#rejects tbody tr").Length);
        Assert.Contains("… and 3 more rejects", document.QuerySelector("#rejects .more")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The page in headless Chromium, filtered from the address to the Deactivated orders: one row shown, the others hidden, no script error.</summary>
    [Fact]
    public async Task PreviewHtml_InChromium_RowsRenderAndTheFilterWorks()
    {
        var chromium = FindChromium();
        await DayTwoAsync();
        var page = _cli.PathOf("review.html");
        Assert.Equal(0, (await _cli.RunAsync("preview", _cli.Configuration, "--html", page)).ExitCode);

        var dom = await DumpDomAsync(chromium, new Uri(page).AbsoluteUri + "#kind=Deactivated");

        var document = new HtmlParser().ParseDocument(dom);
        Assert.Equal("1", document.Body!.GetAttribute("data-ready"));
        var rows = document.QuerySelectorAll("tr[data-kind]");
        Assert.True(rows.Length > 5, dom);
        var shown = Assert.Single(rows, r => !r.HasAttribute("hidden"));
        Assert.Equal("Deactivated", shown.GetAttribute("data-kind"));
        Assert.Equal("E005", shown.GetAttribute("data-key"));
        Assert.Equal($"1 of {rows.Length} rows shown", document.QuerySelector("#visible-count")!.TextContent);
    }

    /// <summary>Day 1 applied, day 2 (a mover, a leaver, a joiner) as the people file, plus a row without its required LastName (line 7).</summary>
    private async Task<Dictionary<string, string>> DayTwoAsync()
    {
        Assert.Equal(0, (await _cli.RunAsync("sync", _cli.Configuration)).ExitCode);
        var identities = new Dictionary<string, string>();
        foreach (var key in new[] { "E003", "E005" })
        {
            identities[key] = (await _cli.IdentityOfAsync(key)).Id;
        }

        File.Copy(_cli.PathOf("people.csv"), _cli.PathOf("people.csv.day1"));
        _cli.UsePeople("people-day2.csv");
        File.AppendAllText(_cli.PathOf("people.csv"), "E007;Nobody;;nobody@fabrikam.example;Engineer;01/02/1990;2024-02-01;D02;E002\n");
        return identities;
    }

    private static List<IElement> Cells(IElement row) => [.. row.Children.Where(c => c.LocalName is "td" or "th")];

    private static IDocument Parse(string path) => new HtmlParser().ParseDocument(File.ReadAllText(path));

    /// <summary>The old → new item of a property in a row.</summary>
    private static IElement Change(IElement row, string property)
        => row.QuerySelectorAll("ul.diff li").Single(li => li.QuerySelector(".prop")!.TextContent == property);

    private static void AssertSelfContained(string path)
    {
        var text = File.ReadAllText(path);
        var document = new HtmlParser().ParseDocument(text);
        Assert.Empty(document.QuerySelectorAll("[src], link, iframe, object, embed, img, base"));
        Assert.All(document.QuerySelectorAll("[href]"), e => Assert.StartsWith("#", e.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(document.QuerySelectorAll("script"), s => Assert.False(s.HasAttribute("src")));
        Assert.DoesNotContain("@import", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http:", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
    }

    private static string FindChromium()
    {
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        Assert.Fail("Chromium is not installed: this test renders the review page in headless Chromium. Install Debian's package (apt-get install -y chromium); .ci/run installs it when missing.");
        return string.Empty;
    }

    private async Task<string> DumpDomAsync(string chromium, string url)
    {
        var profile = _cli.PathOf("chromium-profile");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--dump-dom", url })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Chromium did not finish within 60 s.\n{await error}");
        }

        var dom = await output;
        Assert.True(dom.Contains("</html>", StringComparison.OrdinalIgnoreCase), $"Chromium dumped no page (exit {process.ExitCode}).\n{await error}");
        return dom;
    }
}
