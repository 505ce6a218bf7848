using System.Net;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.Infrastructure.Scraping.Rendering;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Rendering;

// Real Chromium (Debian's headless shell, as the service runs it by default), driven by Playwright.
[NonParallelizable]
public sealed class BrowserRenderingTests
{
    private static readonly string Chromium = new BrowserOptions().Executable;

    [Test]
    public async Task Jobs_that_only_a_script_renders_are_found_in_the_browser()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium-headless-shell)");
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.ScriptRendered()]);
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(sites["script-rendered"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Machine Learning Engineer", "Product Designer" }));
        Assert.That(jobs.All(j => j.ExtractionSource == ExtractionSource.RenderedPage), Is.True);
        Assert.That(jobs.Single(j => j.Title == "Machine Learning Engineer").LocationType, Is.EqualTo(LocationType.Remote));
        Assert.That(jobs.Single(j => j.Title == "Product Designer").Url, Is.EqualTo(new Uri(sites["script-rendered"].Url, "/careers/jobs/product-designer").AbsoluteUri));
        Assert.That(host.Get<BrowserRenderer>().Status.Available, Is.True);
    }

    [Test]
    public async Task A_list_a_script_draws_from_a_json_request_keeps_each_jobs_place_from_the_data()
    {
        // The page shows only titles and links; the places and types are in the JSON its script fetched.
        var app = new FixtureSite("json-drawn")
            .WithPage("/", """
                <!doctype html><html><body><h1>Careers</h1><div id="root"></div><script>
                  fetch('/api/openings').then(r => r.json()).then(data => {
                    document.getElementById('root').innerHTML = data.openings
                      .map(o => `<div class="card"><a href="/careers/${o.slug}">${o.title}</a></div>`).join('');
                  });
                </script></body></html>
                """)
            .WithPage("/api/openings", new FixturePage("""
                {"openings":[
                  {"id":1,"slug":"backend-engineer","title":"Backend Engineer","location":"Remote (EU)","team":"Platform","commitment":"Full-time"},
                  {"id":2,"slug":"product-designer","title":"Product Designer","location":"Lisbon, Portugal - Hybrid","team":"Design"}
                ]}
                """, "application/json"));
        await using var sites = await FixtureSiteServer.StartAsync([app]);
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(sites["json-drawn"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs.Select(j => (j.Title, j.Location, j.LocationType, j.Department)), Is.EquivalentTo(new[]
        {
            ("Backend Engineer", "Remote (EU)", LocationType.Remote, (string?)"Platform"),
            ("Product Designer", "Lisbon, Portugal - Hybrid", LocationType.Hybrid, (string?)"Design"),
        }));
        Assert.That(jobs.Single(j => j.Title == "Backend Engineer").EmploymentType, Is.EqualTo("full_time"));
        Assert.That(jobs.Select(j => j.Url), Is.EquivalentTo(new[] { new Uri(sites["json-drawn"].Url, "/careers/backend-engineer").AbsoluteUri, new Uri(sites["json-drawn"].Url, "/careers/product-designer").AbsoluteUri }));
        Assert.That(jobs, Has.All.Property(nameof(Job.ExtractionSource)).EqualTo(ExtractionSource.RenderedPage));
    }

    [Test]
    public async Task Images_media_fonts_and_trackers_are_refused_in_the_browser_and_the_list_is_still_read()
    {
        var page = new FixtureSite("heavy")
            .WithPage("/", """
                <!doctype html><html><head>
                  <style>@font-face { font-family: Brand; src: url(/fonts/brand.woff2) format('woff2'); } body { font-family: Brand; }</style>
                  <script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
                </head><body>
                  <img src="/img/hero.png"><img src="/img/team.JPG?w=800"><video src="/media/tour.mp4" autoplay muted></video>
                  <div id="root">Loading…</div>
                  <script>
                    fetch('/api/openings').then(r => r.json()).then(data => {
                      document.getElementById('root').innerHTML = data.openings.map(o => `<div class="card"><a href="/careers/${o.slug}">${o.title}</a></div>`).join('');
                    });
                  </script>
                </body></html>
                """)
            .WithPage("/api/openings", new FixturePage("""{"openings":[{"slug":"site-reliability-engineer","title":"Site Reliability Engineer","location":"Berlin"}]}""", "application/json"))
            .WithPage("/img/hero.png", new FixturePage("png", "image/png"))
            .WithPage("/img/team.JPG", new FixturePage("jpg", "image/jpeg"))
            .WithPage("/fonts/brand.woff2", new FixturePage("font", "font/woff2"))
            .WithPage("/media/tour.mp4", new FixturePage("mp4", "video/mp4"));
        await using var sites = await FixtureSiteServer.StartAsync([page]);
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(sites["heavy"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs.Select(j => (j.Title, j.Location)), Is.EqualTo(new[] { ("Site Reliability Engineer", (string?)"Berlin") }));
        Assert.That(sites["heavy"].Requests, Does.Contain("/api/openings"), "the page's own data was fetched");
        Assert.That(sites["heavy"].Requests.Where(path => path.StartsWith("/img/", StringComparison.Ordinal) || path.StartsWith("/fonts/", StringComparison.Ordinal) || path.StartsWith("/media/", StringComparison.Ordinal)),
            Is.Empty, "an image, font or video reached the site");
    }

    [Test]
    public async Task An_app_that_starts_on_a_timer_after_its_load_event_is_read_once_it_has_drawn_its_list()
    {
        // Nothing changes for 600 ms after the load event (more than the quiet window, less than three of them);
        // then the list comes in two steps, the second 400 ms after the first.
        var app = new FixtureSite("late-app")
            .WithPage("/", """
                <!doctype html><html><body><h1>Careers</h1><div id="app"><ul id="jobs"></ul></div><script>
                  const add = (slug, title) => document.getElementById('jobs').insertAdjacentHTML('beforeend', `<li><a href="/careers/${slug}">${title}</a></li>`);
                  addEventListener('load', () => setTimeout(() => {
                    fetch('/api/first').then(r => r.json()).then(first => {
                      add(first.slug, first.title);
                      setTimeout(() => fetch('/api/second').then(r => r.json()).then(second => add(second.slug, second.title)), 200);
                    });
                  }, 600));
                </script></body></html>
                """)
            .WithPage("/api/first", new FixturePage("""{"slug":"data-engineer","title":"Data Engineer"}""", "application/json"))
            .WithPage("/api/second", new FixturePage("""{"slug":"support-engineer","title":"Support Engineer"}""", "application/json"));
        await using var sites = await FixtureSiteServer.StartAsync([app]);
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(sites["late-app"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Data Engineer", "Support Engineer" }));
    }

    [Test]
    public async Task A_careers_page_the_site_links_to_is_rendered_before_the_usual_paths_are_guessed()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.ScriptRendered("linked-app")]);
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(sites["linked-app"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(sites["linked-app"].Requests, Does.Not.Contain("/jobs").And.Not.Contain("/join-us"), "a usual path was guessed though the linked careers page held the list");
    }

    [Test]
    public async Task A_page_that_takes_more_memory_than_its_budget_is_stopped_its_domain_says_why_and_the_browser_goes_on()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium-headless-shell)");
        // Outside the JavaScript heap, in 64 MB buffers each written to, as far as 2 GB.
        var hog = new FixtureSite("memory-hog")
            .WithPage("/", """
                <!doctype html><html><body><div id="root">Loading…</div><script>
                  window.held = [];
                  let n = 0;
                  const grow = () => { if (n++ < 32) { const b = new Uint8Array(64 * 1024 * 1024); b.fill(n); window.held.push(b); setTimeout(grow, 20); } };
                  grow();
                </script></body></html>
                """);
        await using var sites = await FixtureSiteServer.StartAsync([hog, Corpus.ScriptRendered()]);
        await using var host = new ScraperHost(
            ("Scraping:Browser:MaxConcurrentPages", "2"),
            ("Scraping:Browser:MaxPageMemoryMegabytes", "384"),
            ("Scraping:Browser:MaxTotalMemoryMegabytes", "1024"),
            ("Scraping:Browser:SettleSeconds", "10"));

        var failure = Assert.ThrowsAsync<ScrapeFailedException>(() => host.Scraper.ScrapeAsync(sites["memory-hog"].Address, null, CancellationToken.None));
        var jobs = (await host.Scraper.ScrapeAsync(sites["script-rendered"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(failure!.Message, Does.Contain("more memory than its budget"));
        Assert.That(jobs, Has.Count.EqualTo(2), "the browser rendered the next page");
    }

    [Test]
    public async Task Budgets_that_pages_at_once_could_exceed_stop_the_start()
    {
        await using var host = new ScraperHost(("Scraping:Browser:MaxConcurrentPages", "8"), ("Scraping:Browser:MaxPageMemoryMegabytes", "512"), ("Scraping:Browser:MaxTotalMemoryMegabytes", "2048"));

        var invalid = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => _ = host.Get<Microsoft.Extensions.Options.IOptions<BrowserOptions>>().Value);

        Assert.That(invalid!.Message, Does.Contain("MaxTotalMemoryMegabytes"));
    }

    [Test]
    public async Task A_board_that_a_script_renders_inside_an_iframe_is_read_from_the_rendered_frame()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium-headless-shell)");
        var site = new FixtureSite("framed-app")
            .WithPage("/", """<!doctype html><html><body><app-root></app-root><iframe src="/board/embed" title="Jobs"></iframe><script src="/main.js"></script></body></html>""")
            .WithPage("/board/embed", """
                <!doctype html><html><body><ul id="jobs"></ul><script>
                  fetch('/board/api').then(r => r.json()).then(jobs => {
                    document.getElementById('jobs').innerHTML = jobs.map(j => `<li><a href="${j.path}">${j.title}</a> <span class="location">${j.city}</span></li>`).join('');
                  });
                </script></body></html>
                """)
            .WithPage("/board/api", new FixturePage("""[{"title":"Site Reliability Engineer","path":"/board/jobs/7","city":"Oslo"}]""", "application/json"));
        await using var sites = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost();

        var job = (await host.Scraper.ScrapeAsync(sites["framed-app"].Address, null, CancellationToken.None)).Jobs.Single();

        Assert.That(job.Title, Is.EqualTo("Site Reliability Engineer"));
        Assert.That(job.Url, Is.EqualTo(new Uri(sites["framed-app"].Url, "/board/jobs/7").AbsoluteUri));
        Assert.That(job.Location, Is.EqualTo("Oslo"));
        Assert.That(job.ExtractionSource, Is.EqualTo(ExtractionSource.RenderedPage));
    }

    [Test]
    public async Task The_page_cannot_make_the_browser_reach_a_blocked_address()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium-headless-shell)");
        await using var outside = await FixtureSiteServer.StartAsync([new FixtureSite("secret").WithPage("/", "secret")], IPAddress.Parse("127.0.0.2"));
        var target = outside["secret"].Url.AbsoluteUri;
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.ScriptRendered("sneaky", alsoRequest: target)]);
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(sites["sneaky"].Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs, Has.Count.EqualTo(2), "the page itself still rendered");
        Assert.That(outside["secret"].Requests, Is.Empty, "the browser reached an address outside the allow-list");
    }

    [Test]
    public async Task Without_a_browser_the_result_says_so_and_status_reports_it()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.ScriptRendered("no-browser")]);
        await using var host = new ScraperHost(("Scraping:Browser:ExecutablePath", "/nonexistent/chromium"));

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => host.Scraper.ScrapeAsync(sites["no-browser"].Address, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("needs a browser"));
        var status = host.Get<BrowserRenderer>().Status;
        Assert.That(status.Available, Is.False);
        Assert.That(status.Detail, Does.Contain("/nonexistent/chromium"));
    }
}
