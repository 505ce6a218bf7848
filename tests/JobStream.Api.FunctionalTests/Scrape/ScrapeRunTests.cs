using Microsoft.Playwright;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Scrape;

// Scrape streams as runs: what a browser's EventSource does with them, and what happens to a run
// nobody follows any more.
[NonParallelizable]
public sealed class ScrapeRunTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task A_run_nobody_follows_is_cancelled_after_the_grace_time()
    {
        var slow = new FixtureSite("left-behind") { Gate = new TaskCompletionSource() }.WithPage("/", "<html></html>");
        await using var sites = await FixtureSiteServer.StartAsync([slow]);
        await using var api = new ApiFactory(("Scraping:RunGraceSeconds", "1"));
        api.StartServer();
        using var client = api.CreateClient();

        var response = await client.GetAsync($"/scrape/stream?domains={Uri.EscapeDataString(slow.Url.AbsoluteUri)}", HttpCompletionOption.ResponseHeadersRead);
        await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).NextAsync(); // run
        await slow.FirstRequest.Task.WaitAsync(EventStreamReader.Patience);
        response.Dispose(); // the client goes away and does not come back

        await slow.RequestAborted.Task.WaitAsync(EventStreamReader.Patience);
        Assert.That(slow.RequestAborted.Task.IsCompletedSuccessfully, Is.True, "the scraper kept waiting on a site nobody wants");
        await Hub.HubStreamTests.WaitForAsync(() => Task.FromResult(api.Logs.Any(line => line.Contains("cancelled: no client followed it", StringComparison.Ordinal))));
    }

    [Test]
    public async Task Chromiums_event_source_left_open_after_completed_scrapes_each_domain_once_and_stops()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium)");
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("company-a"), Corpus.StaticList("company-b")]);
        await using var api = new ApiFactory(("Cors:ScrapingOrigins", "*"), ("Hub:ClientRetryMilliseconds", "500")); // the viewer page is another origin
        api.StartServer();
        using var client = api.CreateClient();
        var domains = string.Join(",", sites["company-a"].Url.AbsoluteUri, sites["company-b"].Url.AbsoluteUri);
        var page = new FixtureSite("viewer").WithPage("/", $$"""
            <!doctype html><html><body><script>
              window.seen = [];
              const source = new EventSource('{{client.BaseAddress}}scrape/stream?domains=' + encodeURIComponent('{{domains}}'));
              for (const type of ['message', 'run', 'completed']) {
                source.addEventListener(type, e => window.seen.push({ type, id: e.lastEventId }));
              }
              source.onerror = () => window.seen.push({ type: 'error', state: source.readyState });
            </script></body></html>
            """);
        await using var viewer = await FixtureSiteServer.StartAsync([page]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var tab = await browser.NewPageAsync();

        await tab.GotoAsync(viewer["viewer"].Url.AbsoluteUri);
        await tab.WaitForFunctionAsync("window.seen.some(e => e.type === 'completed')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // five times the stream's retry: EventSource would have reconnected by now

        var types = await tab.EvaluateAsync<string[]>("window.seen.map(e => e.type)");
        var state = await tab.EvaluateAsync<int>("window.seen.filter(e => e.type === 'error').map(e => e.state).pop()");
        Assert.That(types.Count(t => t == "run"), Is.EqualTo(1), "one run, never started again");
        Assert.That(types.Count(t => t == "message"), Is.EqualTo(2));
        Assert.That(types.Count(t => t == "completed"), Is.EqualTo(1));
        Assert.That(state, Is.EqualTo(2), "EventSource is CLOSED: the reconnect after completed was answered 204");
        foreach (var site in new[] { "company-a", "company-b" })
        {
            Assert.That(sites[site].Requests.Count(path => path == "/"), Is.EqualTo(1), $"{site} was scraped more than once");
        }
    }
}
