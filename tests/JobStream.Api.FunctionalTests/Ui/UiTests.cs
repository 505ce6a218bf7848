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

    [Test]
    public async Task A_person_scrapes_three_sites_watches_them_finish_filters_the_jobs_and_exports_csv()
    {
        var slow = Corpus.JsonLd("gamma", delay: TimeSpan.FromMilliseconds(400));
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("alpha"), Corpus.StaticList("beta"), slow]);
        await using var api = new ApiFactory();
        api.StartServer();
        var tab = await _browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var steps = new List<string>();

        await tab.GotoAsync(api.CreateClient().BaseAddress!.AbsoluteUri);
        await tab.GetByLabel("Domains").FillAsync(string.Join("\n", sites["alpha"].Url.AbsoluteUri, sites["beta"].Url.AbsoluteUri, slow.Url.AbsoluteUri));
        await tab.GetByRole(AriaRole.Button, new() { Name = "Scrape" }).ClickAsync();

        var rows = tab.Locator("li.row");
        await Expect(rows).ToHaveCountAsync(3);
        // The rows move: each shows steps before its result.
        while (await tab.Locator("li.row.running").CountAsync() > 0 && steps.Count < 200)
        {
            steps.AddRange(await tab.Locator("li.row .step").AllTextContentsAsync());
            if (steps.Count == 6)
            {
                await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-running.png"), FullPage = true });
            }
            await Task.Delay(50);
        }
        await Expect(tab.Locator("li.row.success")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Expect(tab.GetByText("Finished: 3 of 3 succeeded, 0 failed.")).ToBeVisibleAsync();
        Assert.That(steps.Intersect(["resolving", "fetching", "discovering", "extracting", "enriching"]), Is.Not.Empty, "progress steps were shown while the domains ran");
        await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Disconnected"); // closed cleanly after completed

        var jobRows = tab.Locator("section[aria-labelledby=jobs-heading] tbody tr");
        var all = await jobRows.CountAsync();
        Assert.That(all, Is.GreaterThanOrEqualTo(6), "two JSON-LD sites with two jobs each and the static list's");
        await Expect(tab.GetByRole(AriaRole.Link, new() { Name = "Staff Data Engineer" }).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/careers/staff-data-engineer$"));
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-done.png"), FullPage = true });

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

        // Readable at phone width: nothing wider than the screen but the tables' own scrolling.
        await tab.SetViewportSizeAsync(390, 844);
        await tab.GetByLabel("Search").FillAsync("");
        Assert.That(await tab.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390));
        await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-phone.png"), FullPage = true });
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
            await Expect(tab.Locator("li.row.success")).ToHaveCountAsync(1, new() { Timeout = 30_000 }); // the quick one; the held one waits
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connected");

            await api.DisposeAsync(); // stopped mid-stream
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reconnecting…", new() { Timeout = 15_000 });
            await tab.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "scrape-reconnecting.png"), FullPage = true });

            gate.SetResult();
            api = new ApiFactory(port);
            api.StartServer();
            // Started again, in memory: it does not know the run, so the page's reconnect starts it anew and it finishes.
            await Expect(tab.GetByRole(AriaRole.Status)).Not.ToHaveTextAsync("Reconnecting…", new() { Timeout = 30_000 });
            await Expect(tab.Locator("li.row.success")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Expect(tab.GetByText("Finished: 2 of 2 succeeded, 0 failed.")).ToBeVisibleAsync();
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
