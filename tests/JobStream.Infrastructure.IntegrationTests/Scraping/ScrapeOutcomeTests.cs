using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping;

// A board a company page names that cannot be read is never "no openings": the scrape says what it could
// not read, and the domain's result is partial (jobs from the rest) or an error (nothing read).
public sealed class ScrapeOutcomeTests
{
    private FixtureSiteServer _server = null!;
    private ScraperHost _host = null!;

    [OneTimeSetUp]
    public async Task StartSites()
    {
        var boards = new FixtureSite("boards")
            .WithPage("/greenhouse/oddshape/jobs", new FixturePage("""{"postings":{"count_of_roles":"several"},"renderer":"v3"}""", "application/json"))
            .WithPage("/greenhouse/quiet/jobs", new FixturePage("""{"jobs":[],"meta":{"total":0}}""", "application/json"))
            .WithPage("/lever/nojobs", new FixturePage("[]", "application/json"))
            .WithPage("/jobylon/2380", """
                <!doctype html><html><body><div id="jobylon-jobs-widget"></div><script>
                  var JBL = window.JBL || {}; JBL.embed_v2 = JBL.embed_v2 || {};
                  JBL.embed_v2['jobs'] = [
                    {id: 101, title: 'Systemutvecklare', slug: 'systemutvecklare', url: '/jobs/101-systemutvecklare/', town: 'Linköping',
                     function: 'Engineering', employment_type: 'Heltid', summary: 'None', published_date: 'April 21, 2026', is_internal: false},
                    {id: 102, title: 'Ekonomiassistent', slug: 'ekonomiassistent', town: 'Stockholm', function: 'Finance', employment_type: 'Deltid',
                     summary: 'Bokföring och rapporter.', published_date: 'May 2, 2026'}
                  ];
                  JBL.embed_v2['apply_template'] = 'https://emp.jobylon.com/applications/jobs/{id}/create/';
                </script></body></html>
                """)
            .WithPage("/teamtailor-rss/northwind", new FixturePage("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:tt="https://teamtailor.com/locations"><channel><title>Northwind</title>
                  <item><title>Battery Cell Engineer</title><link>https://northwind.teamtailor.com/jobs/1-battery-cell-engineer</link>
                    <guid>1</guid><pubDate>Tue, 01 Sep 2026 10:00:00 +0000</pubDate><description><![CDATA[<p>Cells &amp; modules.</p>]]></description>
                    <tt:department>Engineering</tt:department>
                    <tt:locations><tt:location><tt:name>Skellefteå</tt:name><tt:city>Skellefteå</tt:city><tt:country>Sweden</tt:country></tt:location>
                      <tt:location><tt:city>Västerås</tt:city><tt:country>Sweden</tt:country></tt:location></tt:locations>
                    <tt:remoteStatus>hybrid</tt:remoteStatus></item>
                  <item><title>Support Agent</title><link>https://northwind.teamtailor.com/jobs/2-support-agent</link>
                    <pubDate>Wed, 02 Sep 2026 10:00:00 +0000</pubDate><tt:remoteStatus>fully</tt:remoteStatus></item>
                </channel></rss>
                """, "application/rss+xml"));
        _server = await FixtureSiteServer.StartAsync(
        [
            boards,
            Corpus.AtsEmbed("missing-board", Corpus.GreenhouseMarkup("gone")),
            Corpus.AtsEmbed("odd-board", Corpus.GreenhouseMarkup("oddshape")),
            Corpus.AtsEmbed("quiet-board", Corpus.GreenhouseMarkup("quiet")),
            Corpus.AtsEmbed("rss-board", """<a href="https://northwind.teamtailor.com/jobs">Open positions</a>"""),
            Corpus.AtsEmbed("jobylon-embed", """<div id="jobylon-jobs-widget"></div><script>jbl_company_id = 2380; jbl_version = "v2";</script><script src="https://cdn.jobylon.com/embedder.js"></script>"""),
            new FixtureSite("board-and-postings")
                .WithPage("/", "<!doctype html><html><body><h1>Careers at Contoso</h1>" + Corpus.GreenhouseMarkup("gone") + """
                    <script type="application/ld+json">
                    {"@context":"https://schema.org","@type":"JobPosting","title":"Staff Data Engineer","url":"/careers/staff-data-engineer",
                     "hiringOrganization":{"@type":"Organization","name":"Contoso"},"jobLocation":{"@type":"Place","address":{"addressLocality":"Berlin"}}}
                    </script></body></html>
                    """),
            PagedListWithABrokenSecondPage(),
        ]);
        _host = new ScraperHost([.. Corpus.AtsTemplates(boards)]);
    }

    [OneTimeTearDown]
    public async Task StopSites()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task A_named_board_whose_api_answers_404_is_a_warning_and_no_jobs_so_the_domain_is_an_error()
    {
        var scraped = await ReadAsync("missing-board");

        Assert.That(scraped.Jobs, Is.Empty);
        Assert.That(scraped.Warnings, Has.One.Contains("the Greenhouse board 'gone' could not be read").And.Contains("404"));
        var result = ScrapeResult.Of("missing-board.test", scraped.Jobs, scraped.Warnings);
        Assert.That(result.Status, Is.EqualTo(ScrapeStatus.Error));
        Assert.That(result.Error, Does.Contain("the Greenhouse board 'gone' could not be read"));
    }

    [Test]
    public async Task A_board_that_answers_in_a_shape_its_provider_does_not_read_is_a_warning()
    {
        var scraped = await ReadAsync("odd-board");

        Assert.That(scraped.Jobs, Is.Empty);
        Assert.That(scraped.Warnings, Has.One.Contains("the Greenhouse board 'oddshape' answered in a form JobStream does not read"));
    }

    [Test]
    public async Task A_board_that_says_it_has_no_jobs_is_a_success_with_none()
    {
        var scraped = await ReadAsync("quiet-board");

        Assert.That(scraped.Jobs, Is.Empty);
        Assert.That(scraped.Warnings, Is.Empty, "an empty list is the board's own answer: this company has no openings");
    }

    [Test]
    public async Task Jobs_read_beside_a_board_that_failed_are_a_partial_result_naming_the_board()
    {
        var scraped = await ReadAsync("board-and-postings");

        Assert.That(scraped.Jobs.Select(j => j.Title), Is.EqualTo(new[] { "Staff Data Engineer" }));
        var result = ScrapeResult.Of("board-and-postings.test", scraped.Jobs, scraped.Warnings);
        Assert.That(result.Status, Is.EqualTo(ScrapeStatus.Partial));
        Assert.That(result.Warnings, Has.One.Contains("'gone'"));
    }

    [Test]
    public async Task A_teamtailor_board_without_its_json_feed_is_read_from_its_rss_feed()
    {
        var scraped = await ReadAsync("rss-board");

        Assert.That(scraped.Warnings, Is.Empty, "the RSS feed stood in for the JSON Feed");
        Assert.That(scraped.Jobs.Select(j => (j.Title, j.Location, j.Department, j.LocationType)), Is.EqualTo(new[]
        {
            ("Battery Cell Engineer", "Skellefteå; Västerås, Sweden", (string?)"Engineering", LocationType.Hybrid),
            ("Support Agent", "", (string?)"Customer Success", LocationType.Remote),
        }));
        Assert.That(scraped.Jobs[0].PostedAt, Is.EqualTo(new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(scraped.Jobs[0].Summary, Is.EqualTo("Cells & modules."));
        Assert.That(scraped.Jobs[0].ExtractionSource, Is.EqualTo(ExtractionSource.AtsApi));
    }

    [Test]
    public async Task A_jobylon_embed_is_read_from_its_widgets_literal_with_each_job_on_emp_jobylon()
    {
        var scraped = await ReadAsync("jobylon-embed");

        Assert.That(scraped.Warnings, Is.Empty);
        Assert.That(scraped.Jobs.Select(j => (j.Title, j.Url, j.Location, j.Department, j.EmploymentType)), Is.EquivalentTo(new[]
        {
            ("Systemutvecklare", "https://emp.jobylon.com/jobs/101-systemutvecklare/", "Linköping", (string?)"Engineering", (string?)"full_time"),
            ("Ekonomiassistent", "https://emp.jobylon.com/jobs/102-ekonomiassistent/", "Stockholm", "Finance", "part_time"),
        }), "never on the CDN host that serves the widget");
        Assert.That(scraped.Jobs.Single(j => j.Title == "Systemutvecklare").PostedAt, Is.EqualTo(new DateTimeOffset(2026, 4, 21, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(scraped.Jobs.Single(j => j.Title == "Systemutvecklare").Summary, Is.Not.EqualTo("None"));
    }

    [Test]
    public async Task A_list_whose_next_page_fails_keeps_the_first_pages_jobs_and_says_the_rest_is_missing()
    {
        var scraped = await ReadAsync("broken-pages");

        Assert.That(scraped.Jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Platform Engineer", "Data Analyst" }));
        Assert.That(scraped.Warnings, Has.One.Contains("page 2 of the list").And.Contains("could not be read"));
    }

    [Test]
    public async Task A_board_the_home_page_links_to_on_another_site_is_followed_and_its_jobs_read()
    {
        var board = new FixtureSite("their-board")
            .WithPage("/acme/positions", """
                <!doctype html><html><body><h1>Acme – open positions</h1><ul>
                  <li><a href="/acme/positions/101-platform-engineer">Platform Engineer</a><span class="location">Oslo</span></li>
                  <li><a href="/acme/positions/102-sales-lead">Sales Lead</a><span class="location">Bergen</span></li>
                </ul></body></html>
                """);
        var company = new FixtureSite("acme-home").WithPage("/", "<!doctype html><html><body><h1>Acme</h1></body></html>");
        await using var server = await FixtureSiteServer.StartAsync([board, company]);
        company.Pages["/"] = FixturePage.Html($"""
            <!doctype html><html><head><meta property="og:site_name" content="Acme AS"></head><body><h1>Acme</h1>
            <a href="https://www.linkedin.com/company/acme/jobs">Jobs on LinkedIn</a>
            <a href="{board.Url}acme/positions">View current openings</a></body></html>
            """);

        var scraped = await _host.Scraper.ScrapeAsync(company.Address, null, CancellationToken.None);

        Assert.That(scraped.Jobs.Select(j => (j.Title, j.Url, j.Location, j.Company)), Is.EquivalentTo(new[]
        {
            ("Platform Engineer", new Uri(board.Url, "/acme/positions/101-platform-engineer").AbsoluteUri, "Oslo", "Acme AS"),
            ("Sales Lead", new Uri(board.Url, "/acme/positions/102-sales-lead").AbsoluteUri, "Bergen", "Acme AS"),
        }));
        Assert.That(board.Requests, Does.Contain("/acme/positions"));
    }


    private static FixtureSite PagedListWithABrokenSecondPage() => new FixtureSite("broken-pages")
        .WithPage("/", """
            <!doctype html><html><body><h1>Open roles</h1><ul>
              <li><a href="/jobs/platform-engineer">Platform Engineer</a></li>
              <li><a href="/jobs/data-analyst">Data Analyst</a></li>
            </ul><a rel="next" href="/openings/2">Next</a></body></html>
            """)
        .WithPage("/openings/2", new FixturePage("unavailable", "text/plain", 503));

    private Task<SiteScrape> ReadAsync(string site) =>
        _host.Scraper.ScrapeAsync(_server[site].Address, null, CancellationToken.None);
}
