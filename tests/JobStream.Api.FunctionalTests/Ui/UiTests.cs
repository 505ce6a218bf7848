using JobStream.TestServers;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JobStream.Api.FunctionalTests.Ui;

// The React UI as a person uses it, in real Chromium (Debian's package) driven by Playwright, against
// the running API and loopback fixture sites. Screenshots of the main states go to the test output
// folder (ui-screenshots/).
[NonParallelizable]
public sealed class UiTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "ui-screenshots");

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Launch()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium)");
        var built = Path.Combine(Repository.Root(), "src", "JobStream.Api", "wwwroot", "index.html");
        Assert.That(File.Exists(built), Is.True, "the UI is not built: scripts/test.sh builds it (npm ci, then npm run build, in ui/)");
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task Close()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    // Three sites pasted as full URLs (with the trailing "/" a browser's address bar gives), at a desk
    // and on a phone: one row per site, each ending done; "Finished" with the counts, never a red
    // "Disconnected"; the location and its type in their own columns; one health row per company.
    [TestCase(1280)]
    [TestCase(390)]
    public async Task A_person_scrapes_three_sites_watches_them_finish_filters_the_jobs_and_exports_csv(int width)
    {
        var slow = Corpus.JsonLd("gamma", delay: TimeSpan.FromMilliseconds(400));
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("alpha"), Corpus.StaticList("beta"), slow]);
        await using var api = new ApiFactory();
        api.StartServer();
        var tab = await _browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var steps = new List<string>();
        var rowCounts = new HashSet<int>();

        await tab.GotoAsync(api.CreateClient().BaseAddress!.AbsoluteUri);
        var pasted = new[] { sites["alpha"].Url.AbsoluteUri, sites["beta"].Url.AbsoluteUri, slow.Url.AbsoluteUri };
        Assert.That(pasted, Is.All.EndsWith("/"));
        await tab.GetByLabel("Domains").FillAsync(string.Join("\n", pasted));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Scrape" }).ClickAsync();

        var rows = tab.Locator("li.row");
        var status = tab.GetByRole(AriaRole.Status);
        await Expect(status).ToHaveAttributeAsync("data-state", "running");
        // The rows move: each shows steps before its result, and there is never more than one row a site.
        while (await tab.Locator("li.row.running, li.row.waiting").CountAsync() > 0 && steps.Count < 400)
        {
            rowCounts.Add(await rows.CountAsync());
            steps.AddRange(await tab.Locator("li.row .step").AllTextContentsAsync());
            if (steps.Count == 6)
            {
                await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"scrape-running-{width}.png"), FullPage = true });
            }
            await Task.Delay(50);
        }
        await Expect(tab.Locator("li.row.done")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Expect(status).ToHaveAttributeAsync("data-state", "finished");
        await Expect(status).ToHaveTextAsync("Finished: 3 of 3 succeeded, 0 failed.");
        await Expect(status).ToHaveClassAsync("run-status run-finished");
        rowCounts.Add(await rows.CountAsync());
        Assert.That(rowCounts, Is.EquivalentTo(new[] { 3 }), "one row per site, the whole run through");
        Assert.That(await rows.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.domain)"), Is.EquivalentTo(pasted), "each row is the site as pasted");
        Assert.That(await tab.Locator("li.row .step").AllTextContentsAsync(), Is.All.EqualTo("done"), "no row is left mid-step");
        Assert.That(steps.Intersect(["resolving", "fetching", "discovering", "extracting", "enriching"]), Is.Not.Empty, "progress steps were shown while the sites ran");

        var jobRows = tab.Locator("section[aria-labelledby=jobs-heading] tbody tr");
        var all = await jobRows.CountAsync();
        Assert.That(all, Is.GreaterThanOrEqualTo(6), "two JSON-LD sites with two jobs each and the static list's");
        await Expect(tab.GetByRole(AriaRole.Link, new() { Name = "Staff Data Engineer" }).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/careers/staff-data-engineer$"));
        var remote = jobRows.Filter(new() { Has = tab.GetByRole(AriaRole.Link, new() { Name = "Staff Data Engineer" }) }).First;
        await Expect(remote.Locator("td[data-label=Workplace]")).ToHaveTextAsync("remote");
        foreach (var location in await tab.Locator("section[aria-labelledby=jobs-heading] td[data-label=Location]").AllTextContentsAsync())
        {
            Assert.That(location, Does.Not.EndWith("(remote)").And.Not.EndWith("(hybrid)").And.Not.EndWith("(onsite)"), "the type has its own column");
        }
        // Two sites of one company (Contoso GmbH) and one of another: two companies, by name, not host.
        await Expect(tab.Locator("table.health tbody tr")).ToHaveCountAsync(2);
        await Expect(tab.Locator("table.health tbody tr td:first-child")).ToHaveTextAsync(new[] { "Contoso GmbH", "Northwind Traders" });
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"scrape-done-{width}.png"), FullPage = true });

        if (width < 600)
        {
            // A phone: each job is a card, and every field of it is on the screen with its label.
            var card = jobRows.Filter(new() { Has = tab.GetByRole(AriaRole.Link, new() { Name = "Staff Data Engineer" }) }).First;
            await card.ScrollIntoViewIfNeededAsync();
            foreach (var label in new[] { "Title", "Company", "Location", "Workplace", "Employment", "Seniority", "Department", "Score" })
            {
                var field = card.Locator($"td[data-label={label}]");
                await Expect(field).ToBeVisibleAsync();
                var box = (await field.BoundingBoxAsync())!;
                Assert.That(box.X, Is.GreaterThanOrEqualTo(0), label);
                Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(width), $"{label} runs off a {width} px screen");
                Assert.That(await field.EvaluateAsync<string>("cell => getComputedStyle(cell, '::before').content"), Is.EqualTo($"\"{label}\""), "each field says what it is");
            }
            Assert.That(await tab.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(width), "nothing wider than the screen");
            await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-phone-cards.png"), FullPage = true });
        }

        // Sorting, filtering and export work the same at either width.
        await tab.GetByRole(AriaRole.Button, new() { Name = "Title" }).ClickAsync();
        await Expect(jobRows.First.Locator("td[data-label=Title]")).ToHaveTextAsync("Account Executive");
        await tab.GetByLabel("Search").FillAsync("Werkstudent");
        await Expect(jobRows).ToHaveCountAsync(2); // alpha's and gamma's
        await tab.GetByLabel("Location type").SelectOptionAsync("remote");
        await Expect(jobRows).ToHaveCountAsync(0);
        await tab.GetByLabel("Location type").SelectOptionAsync("");
        var download = await tab.RunAndWaitForDownloadAsync(() => tab.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.That(download.SuggestedFilename, Is.EqualTo("jobs.csv"));
        Assert.That(csv[0], Does.StartWith("title,company,location"));
        Assert.That(csv.Skip(1).Where(line => line.Length > 0).ToList(), Has.Count.EqualTo(2).And.All.StartsWith("Werkstudent Marketing (m/w/d)"));
    }

    [Test]
    public async Task A_site_whose_board_cannot_be_read_ends_failed_with_the_reason_and_one_with_jobs_beside_it_partial()
    {
        var boards = new FixtureSite("no-boards"); // every board API call answers 404
        var boardOnly = Corpus.AtsEmbed("board-only-ui", Corpus.GreenhouseMarkup("gone"));
        var beside = Corpus.JsonLdBesideGreenhouse("beside-ui", "gone");
        await using var sites = await FixtureSiteServer.StartAsync([boards, boardOnly, beside]);
        await using var api = new ApiFactory([.. Corpus.AtsTemplates(boards).Select(t => (t.Key, (string?)t.Value))]);
        api.StartServer();
        var tab = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await tab.GotoAsync(api.CreateClient().BaseAddress!.AbsoluteUri);
        await tab.GetByLabel("Domains").FillAsync($"{boardOnly.Url.AbsoluteUri}\n{beside.Url.AbsoluteUri}");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Scrape" }).ClickAsync();

        await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Finished: 1 of 2 succeeded (1 partly), 1 failed.", new() { Timeout = 30_000 });
        var failed = tab.Locator($"li.row[data-domain='{boardOnly.Url.AbsoluteUri}']");
        await Expect(failed).ToHaveClassAsync("row failed");
        await Expect(failed.Locator(".step")).ToHaveTextAsync("failed");
        await Expect(failed.Locator(".message")).ToContainTextAsync("the Greenhouse board 'gone' could not be read");
        var partial = tab.Locator($"li.row[data-domain='{beside.Url.AbsoluteUri}']");
        await Expect(partial).ToHaveClassAsync("row partial");
        await Expect(partial.Locator(".message")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^2 jobs; the Greenhouse board 'gone' could not be read"));
        await Expect(tab.Locator("section[aria-labelledby=jobs-heading] tbody tr")).ToHaveCountAsync(2);
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-failed-and-partial.png"), FullPage = true });
    }


    [Test]
    public async Task When_the_api_stops_mid_stream_the_page_shows_reconnecting_then_continues()
    {
        var gate = new TaskCompletionSource();
        var held = Corpus.JsonLd("held-ui", gate);
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("quick-ui"), held]);
        var port = Loopback.FreePort();
        var api = new ApiFactory(port, ("Streams:ReconnectAfterMilliseconds", "500"));
        api.StartServer();
        var tab = await _browser.NewPageAsync();
        try
        {
            await tab.GotoAsync($"http://localhost:{port}/");
            await tab.GetByLabel("Domains").FillAsync($"{sites["quick-ui"].Url.AbsoluteUri}, {held.Url.AbsoluteUri}");
            await tab.GetByRole(AriaRole.Button, new() { Name = "Scrape" }).ClickAsync();
            await Expect(tab.Locator("li.row.done")).ToHaveCountAsync(1, new() { Timeout = 30_000 }); // the quick one; the held one waits
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Running: 1 of 2 sites done.");

            await api.DisposeAsync(); // stopped mid-stream
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 15_000 });
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reconnecting… 1 of 2 sites done so far.");
            await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-reconnecting.png"), FullPage = true });

            gate.SetResult();
            api = new ApiFactory(port);
            api.StartServer();
            // Started again, in memory: it does not know the run, so the page's reconnect starts it anew and it finishes.
            await Expect(tab.GetByRole(AriaRole.Status)).Not.ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
            await Expect(tab.Locator("li.row.done")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Finished: 2 of 2 succeeded, 0 failed.");
            await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-continued.png"), FullPage = true });
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Test]
    public async Task The_other_pages_show_the_live_events_a_background_job_and_a_users_progress()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("job-ui")]);
        await using var api = new ApiFactory(("ASPNETCORE_ENVIRONMENT_OVERRIDE", "Development"));
        api.StartServer();
        var tab = await _browser.NewPageAsync();
        var root = api.CreateClient().BaseAddress!.AbsoluteUri.TrimEnd('/');

        await tab.GotoAsync(root + "/live");
        await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connected");
        await Expect(tab.Locator("ol.log li.log-connected")).ToHaveCountAsync(1);

        await tab.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Get a development token" }).ClickAsync();
        await Expect(tab.GetByLabel("Token")).Not.ToBeEmptyAsync();
        await tab.GetByLabel("Domains").FillAsync(sites["job-ui"].Url.AbsoluteUri);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Start job" }).ClickAsync();
        await Expect(tab.Locator("ol.log li > strong:text-is('completed')")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "jobs.png"), FullPage = true });

        await tab.GetByRole(AriaRole.Link, new() { Name = "Progress" }).ClickAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Get a development token" }).ClickAsync();
        await Expect(tab.GetByLabel("Token")).Not.ToBeEmptyAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();
        await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connected");
        await api.Services.GetRequiredService<IStreamBus>().PublishAsync(
            StreamTopic.UserProgress("ui-user"), "progress", JsonPayload.From(new { completed = 3, total = 4, status = "processing", message = "File 3 of 4" }), default);
        await Expect(tab.GetByText("processing File 3 of 4")).ToBeVisibleAsync();
        await Expect(tab.GetByText("75%")).ToBeVisibleAsync();
        await tab.GetByRole(AriaRole.Button, new() { Name = "Connection counts" }).ClickAsync();
        await Expect(tab.Locator("dl.counts")).ToContainTextAsync("Progress streams");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(tab.GetByRole(AriaRole.Alert)).ToContainTextAsync("cleared");
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "progress.png"), FullPage = true });
    }

    [TestCase("/")]
    [TestCase("/live")]
    [TestCase("/progress")]
    public async Task The_ui_is_served_at_its_routes_with_a_content_security_policy(string path)
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var page = await client.GetAsync(path);

        Assert.That(page.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<div id=\"root\">"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'"));
        Assert.That(page.Headers.CacheControl?.NoCache, Is.True, "a new build is picked up at once");
    }

    [TestCase("/api/v1/nothing-here")]
    [TestCase("/scrape/nothing-here")]
    [TestCase("/assets/missing.js")]
    public async Task The_apis_own_paths_and_missing_files_keep_their_404s(string path)
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase(1280)]
    [TestCase(390)]
    public async Task A_person_creates_a_watch_sees_its_jobs_arrive_as_new_then_a_change_and_searches_them(int width)
    {
        var site = new Watches.ChangingSite("watched-ui");
        site.Show(("a", "Data Engineer", "Berlin"), ("b", "Product Designer", "Remote"));
        await using var sites = await FixtureSiteServer.StartAsync([site.Site]);
        await using var api = new ApiFactory(Watches.WatchTests.FastWatches.Append(("ASPNETCORE_ENVIRONMENT_OVERRIDE", (string?)"Development")).ToArray());
        api.StartServer();
        var tab = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        await tab.GotoAsync(api.CreateClient().BaseAddress!.AbsoluteUri.TrimEnd('/') + "/watches");

        await tab.GetByRole(AriaRole.Button, new() { Name = "Get a development token" }).ClickAsync();
        await Expect(tab.GetByLabel("Token")).Not.ToBeEmptyAsync();
        await tab.GetByLabel("Domains").FillAsync(site.Domain);
        await tab.GetByLabel("Every").FillAsync("1d");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Create watch" }).ClickAsync();

        await Expect(tab.Locator("ol[aria-label=Changes] li.change.new")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(tab.Locator("li.watch .open-jobs")).ToHaveTextAsync("2 open");
        await Expect(tab.Locator("li.watch .last-run")).ToContainTextAsync("2 new");

        site.Show(("a", "Senior Data Engineer", "Berlin"), ("b", "Product Designer", "Remote"));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        var changed = tab.Locator("ol[aria-label=Changes] li.change").First;
        await Expect(changed).ToHaveClassAsync("change changed", new() { Timeout = 30_000 });
        await Expect(changed).ToContainTextAsync("Senior Data Engineer");
        await Expect(changed).ToContainTextAsync("title");

        await tab.GetByLabel("Search", new() { Exact = true }).FillAsync("data eng");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(tab.Locator("ul[aria-label='Search results'] li")).ToHaveCountAsync(1);
        await Expect(tab.Locator("ul[aria-label='Search results'] li")).ToContainTextAsync("Senior Data Engineer");
        var overflow = await tab.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.That(overflow, Is.False, $"the page runs off a {width} px screen");
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"watches-{width}.png"), FullPage = true });

        await tab.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(tab.Locator("li.watch")).ToContainTextAsync("(paused)");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(tab.Locator("li.watch")).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
