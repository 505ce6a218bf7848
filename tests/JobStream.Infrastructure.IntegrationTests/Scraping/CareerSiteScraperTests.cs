using System.Net;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping;

public sealed class CareerSiteScraperTests
{
    private FixtureSiteServer _server = null!;
    private ScraperHost _host = null!;

    [OneTimeSetUp]
    public async Task StartSites()
    {
        _server = await FixtureSiteServer.StartAsync([Corpus.StaticList(), Corpus.JsonLd(), Corpus.Empty(), Corpus.Failing(), Corpus.GreenhouseEmbed(), Corpus.FakeAts(), Corpus.JobPages(), Corpus.PagedList(), Corpus.FramedBoard()]);
        _host = new ScraperHost([.. Corpus.AtsTemplates(_server["fake-ats"])]);
    }

    [OneTimeTearDown]
    public async Task StopSites()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Finds_a_static_job_list_through_the_home_pages_careers_link()
    {
        var site = _server["static-list"];
        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Senior Backend Engineer", "Frontend Developer", "Account Executive" }));
        var backend = jobs.Single(j => j.Title == "Senior Backend Engineer");
        Assert.Multiple(() =>
        {
            Assert.That(backend.Url, Is.EqualTo(new Uri(site.Url, "/company/join/jobs/senior-backend-engineer").AbsoluteUri));
            Assert.That(backend.Company, Is.EqualTo("Northwind Traders"));
            Assert.That(backend.Location, Is.EqualTo("Remote (EU)"));
            Assert.That(backend.LocationType, Is.EqualTo(LocationType.Remote));
            Assert.That(backend.Department, Is.EqualTo("Engineering"));
            Assert.That(backend.Seniority, Is.EqualTo("senior"));
            Assert.That(backend.ExtractionSource, Is.EqualTo(ExtractionSource.Html));
            Assert.That(backend.SourcePage, Is.EqualTo(new Uri(site.Url, "/company/join").AbsoluteUri));
            Assert.That(jobs.Single(j => j.Title == "Frontend Developer").LocationType, Is.EqualTo(LocationType.Hybrid));
            Assert.That(jobs.Single(j => j.Title == "Account Executive").Department, Is.EqualTo("Sales"));
            Assert.That(jobs.Single(j => j.Title == "Account Executive").LocationType, Is.EqualTo(LocationType.Onsite));
        });
    }

    [Test]
    public async Task Reads_each_jobs_own_page_for_what_the_list_leaves_out()
    {
        var site = _server["job-pages"];
        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Platform Engineer", "Data Analyst", "Softwareentwickler:in \"Backend\" <Go>" }));
        var platform = jobs.Single(j => j.Title == "Platform Engineer");
        var analyst = jobs.Single(j => j.Title == "Data Analyst");
        var go = jobs.Single(j => j.Title.StartsWith("Softwareentwickler", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            // JSON-LD on the job's page only.
            Assert.That(platform.Location, Is.EqualTo("Amsterdam, NL"));
            Assert.That(platform.EmploymentType, Is.EqualTo("full_time"));
            Assert.That(platform.Department, Is.EqualTo("Infrastructure"));
            Assert.That(platform.Salary, Is.EqualTo("EUR 70000–90000 per year"));
            Assert.That(platform.Summary, Is.EqualTo("Run our Kubernetes platform & its tooling."));
            Assert.That(platform.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(platform.Company, Is.EqualTo("Fabrikam B.V."), "the posting's hiring organisation");
            Assert.That(analyst.Company, Is.EqualTo("Fabrikam"), "the site's name, where the page names none");
            Assert.That(platform.ExtractionSource, Is.EqualTo(ExtractionSource.JsonLd));
            // Microdata.
            Assert.That(analyst.Location, Is.EqualTo("Lyon, FR"));
            Assert.That(analyst.EmploymentType, Is.EqualTo("part_time"));
            Assert.That(analyst.Summary, Is.EqualTo("Dashboards and SQL, four days a week."));
            // Labelled words and OpenGraph.
            Assert.That(go.Location, Is.EqualTo("Hamburg"));
            Assert.That(go.Department, Is.EqualTo("Plattform"));
            Assert.That(go.EmploymentType, Is.EqualTo("full_time"), "Vollzeit");
            Assert.That(go.Summary, Is.EqualTo("Wir suchen Verstärkung für unser Go-Backend."));
        });
        Assert.That(site.Requests.Count(path => path.StartsWith("/jobs/", StringComparison.Ordinal)), Is.EqualTo(3), "each job page once");
    }

    [Test]
    public async Task Reads_json_ld_postings_on_a_careers_page_at_a_usual_path()
    {
        var site = _server["json-ld"];
        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs, Has.Count.EqualTo(2));
        var data = jobs.Single(j => j.Title == "Staff Data Engineer");
        var student = jobs.Single(j => j.Title == "Werkstudent Marketing (m/w/d)");
        Assert.Multiple(() =>
        {
            Assert.That(data.Company, Is.EqualTo("Contoso GmbH"));
            Assert.That(data.Url, Is.EqualTo(new Uri(site.Url, "/careers/staff-data-engineer").AbsoluteUri));
            Assert.That(data.LocationType, Is.EqualTo(LocationType.Remote));
            Assert.That(data.Location, Is.EqualTo("Remote (Germany)"));
            Assert.That(data.EmploymentType, Is.EqualTo("full_time"));
            Assert.That(data.Seniority, Is.EqualTo("staff"));
            Assert.That(data.Summary, Is.EqualTo("Pipelines & platforms."));
            Assert.That(data.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(data.ExtractionSource, Is.EqualTo(ExtractionSource.JsonLd));
            Assert.That(student.Location, Is.EqualTo("München, DE"));
            Assert.That(student.EmploymentType, Is.EqualTo("part_time"));
            Assert.That(student.Seniority, Is.EqualTo("intern"));
            Assert.That(student.Summary, Is.EqualTo("Über uns: 🚀"));
            Assert.That(data.CompanyHealth!.OpenRoles, Is.EqualTo(2));
            Assert.That(data.CompanyHealth.RemoteShare, Is.EqualTo(0.5));
        });
    }

    [Test]
    public async Task An_embedded_greenhouse_board_is_read_through_its_api()
    {
        var jobs = await ScrapeAsync(_server["greenhouse-embed"].Url);

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Senior Site Reliability Engineer", "Office Manager" }));
        var sre = jobs.Single(j => j.Title.StartsWith("Senior", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(sre.ExtractionSource, Is.EqualTo(ExtractionSource.AtsApi));
            Assert.That(sre.Company, Is.EqualTo("Fabrikam"));
            Assert.That(sre.Department, Is.EqualTo("Infrastructure"));
            Assert.That(sre.LocationType, Is.EqualTo(LocationType.Remote));
            Assert.That(sre.Summary, Is.EqualTo("Keep & scale our platform."));
            Assert.That(sre.SourcePage, Does.Contain("/greenhouse/fabrikam/jobs"));
            Assert.That(sre.AtsId, Is.EqualTo("greenhouse:fabrikam:1"), "the board's own id, scoped to the board");
            Assert.That(jobs.Single(j => j.Title == "Office Manager").LocationType, Is.EqualTo(LocationType.Onsite));
        });
    }

    [TestCase("""<a href="https://jobs.lever.co/fabrikam">See all jobs</a>""", "Data Analyst", LocationType.Hybrid, "Analytics")]
    [TestCase("""<iframe src="https://jobs.ashbyhq.com/fabrikam/embed"></iframe>""", "Platform Engineer", LocationType.Hybrid, "Engineering")]
    [TestCase("""<a href="https://apply.workable.com/fabrikam/">Openings</a>""", "Support Engineer", LocationType.Remote, "Support")]
    [TestCase("""<a href="https://careers.smartrecruiters.com/Fabrikam">Openings</a>""", "Sales Manager", LocationType.Onsite, "Sales")]
    [TestCase("""<a href="https://fabrikam.recruitee.com/">Openings</a>""", "Accountant", LocationType.Onsite, "Finance")]
    [TestCase("""<a href="https://fabrikam.jobs.personio.de/">Offene Stellen</a>""", "Buchhalter:in (m/w/d)", LocationType.Onsite, "Finance", "part_time")]
    [TestCase("""<a href="https://fabrikam.wd3.myworkdayjobs.com/en-US/External">Open roles</a>""", "Logistics Coordinator", LocationType.Onsite, "Operations", null)]
    public async Task Every_supported_ats_embed_is_read_through_its_api(string embed, string title, LocationType locationType, string? department, string? employmentType = "full_time")
    {
        var site = Corpus.AtsEmbed("embeds", embed);
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var job = (await ScrapeAsync(site.Url)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(job.Title, Is.EqualTo(title));
            Assert.That(job.ExtractionSource, Is.EqualTo(ExtractionSource.AtsApi));
            Assert.That(job.LocationType, Is.EqualTo(locationType));
            Assert.That(job.Department, Is.EqualTo(department));
            Assert.That(job.EmploymentType, Is.EqualTo(employmentType));
            Assert.That(job.SourcePage, Does.StartWith(_server["fake-ats"].Url.AbsoluteUri));
        });
    }

    [TestCase("""<a href="https://fabrikam.breezy.hr/">Jobs</a>""", 1, "QA Engineer", "Porto, PT", LocationType.Remote, "Quality", "contract")]
    [TestCase("""<a href="https://ats.rippling.com/fabrikam/jobs">Jobs</a>""", 2, "Payroll Specialist", "Austin, TX; Denver, CO", LocationType.Onsite, "Finance", null)]
    [TestCase("""<a href="https://fabrikam.eightfold.ai/careers?domain=fabrikam.example">Jobs</a>""", 1, "Process Engineer", "Lyon, France; Grenoble, France", LocationType.Onsite, "Manufacturing", "full_time")]
    [TestCase("""<a href="https://fabrikam.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/requisitions">Jobs</a>""", 2, "Graduate Civil Engineer", "Brisbane, Queensland, Australia; Sydney, New South Wales, Australia", LocationType.Hybrid, "Engineering", "full_time")]
    [TestCase("""<iframe src="https://app.dover.com/jobs/fabrikam"></iframe>""", 1, "Founding Engineer", "San Francisco, CA", LocationType.Hybrid, "Engineering", null)]
    [TestCase("""<a href="https://www.comeet.com/jobs/fabrikam/A1.00B">Jobs</a>""", 1, "Customer Success Manager", "Tel Aviv, Israel", LocationType.Hybrid, "Customer Success", "full_time")]
    [TestCase("""<a href="https://jobs.jobvite.com/fabrikam/jobs">Jobs</a>""", 2, "Warehouse Associate (Part-Time)", "Columbus, Ohio", LocationType.Onsite, "Operations", "part_time")]
    [TestCase("""<iframe src="https://careers-fabrikam.icims.com/jobs/intro?in_iframe=1"></iframe>""", 2, "Audit Senior", "US-MN-Minneapolis", LocationType.Onsite, null, null)]
    [TestCase("""<a href="https://fabrikam.applytojob.com/apply">Jobs</a>""", 1, "Lab Technician", "Raleigh, NC", LocationType.Onsite, "Research", "full_time")]
    [TestCase("""<a href="https://recruiting.paylocity.com/recruiting/jobs/All/5d1a2b3c-0000-4e5f-8a9b-0c1d2e3f4a5b">Jobs</a>""", 2, "Power Systems Engineer", "Raleigh, NC", LocationType.Hybrid, "Engineering", null)]
    [TestCase("""<script src="https://www.workable.com/assets/embed.js"></script><script>whr_embed(456208, {detail: 'titles', base: 'jobs'});</script>""", 1, "Mobile Engineer", "Athens, Greece", LocationType.Onsite, "Engineering", "full_time")]
    public async Task Every_further_ats_is_read_to_the_end_of_its_board(string embed, int count, string title, string location, LocationType locationType, string? department, string? employmentType)
    {
        var site = Corpus.AtsEmbed("embeds", embed);
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs, Has.Count.EqualTo(count), string.Join(", ", jobs.Select(j => j.Title)));
        var job = jobs.Single(j => j.Title == title);
        Assert.Multiple(() =>
        {
            Assert.That(job.ExtractionSource, Is.EqualTo(ExtractionSource.AtsApi));
            Assert.That(job.Location, Is.EqualTo(location));
            Assert.That(job.LocationType, Is.EqualTo(locationType));
            Assert.That(job.Department, Is.EqualTo(department));
            Assert.That(job.EmploymentType, Is.EqualTo(employmentType));
            Assert.That(job.SourcePage, Does.StartWith(_server["fake-ats"].Url.AbsoluteUri));
        });
    }

    [Test]
    public async Task A_career_site_on_the_companys_own_domain_is_read_through_its_ats()
    {
        var recruitee = Corpus.RecruiteeDomain();
        var successFactors = Corpus.SuccessFactorsSite();
        await using var server = await FixtureSiteServer.StartAsync([recruitee, successFactors]);

        var store = (await ScrapeAsync(recruitee.Url)).Single();
        var sf = await ScrapeAsync(successFactors.Url);

        Assert.That(store.Title, Is.EqualTo("Store Manager"));
        Assert.That(store.LocationType, Is.EqualTo(LocationType.Onsite));
        Assert.That(recruitee.Requests, Does.Contain("/api/offers"));
        Assert.That(sf.Select(j => j.Title), Is.EqualTo(new[] { "Tooling Specialist", "Elektroniker (m/w/d)" }));
        Assert.That(sf[0].Location, Is.EqualTo("Plattsburgh, NY, US, 12901"));
        Assert.That(sf[1].Location, Is.Empty, "a gender marker in parentheses is part of the title");
        Assert.That(sf[0].Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task A_paginated_list_is_read_to_its_last_page_and_a_featured_posting_does_not_hide_it()
    {
        var site = _server["paged-list"];
        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Featured Role", "Alpha Engineer", "Beta Analyst", "Gamma Designer", "Delta Recruiter", "Epsilon Accountant" }));
        Assert.That(jobs.Single(j => j.Title == "Featured Role").ExtractionSource, Is.EqualTo(ExtractionSource.JsonLd));
        Assert.That(site.Requests.Count(path => path.StartsWith("/openings/", StringComparison.Ordinal)), Is.EqualTo(2), "each further page once");
    }

    [Test]
    public async Task A_board_embedded_by_an_iframe_is_read_as_a_page_of_its_own()
    {
        var jobs = await ScrapeAsync(_server["framed-board"].Url);

        Assert.That(jobs.Select(j => (j.Title, j.Location)), Is.EquivalentTo(new[] { ("Claims Specialist", "Leeds"), ("Actuary", "London") }));
    }

    [Test]
    public async Task Every_board_a_page_embeds_is_read()
    {
        var site = Corpus.AtsEmbed("two-boards", """<a href="https://jobs.lever.co/fabrikam">Lever</a><iframe src="https://jobs.ashbyhq.com/fabrikam/embed"></iframe>""");
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Data Analyst", "Platform Engineer" }));
    }

    [Test]
    public async Task A_job_an_ats_lists_once_per_place_is_one_job_in_all_its_places()
    {
        var site = Corpus.AtsEmbed("workable-twice", """<a href="https://apply.workable.com/fabrikam/">Openings</a>""");
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var job = (await ScrapeAsync(site.Url)).Single();

        Assert.That(job.Location, Is.EqualTo("Portugal; Madrid, Spain"));
    }

    [Test]
    public async Task A_paged_smartrecruiters_board_is_read_to_its_last_page()
    {
        var ats = new FixtureSite("paged-ats")
            .WithPage("/smartrecruiters/Paged", new FixturePage("""
                {"offset":0,"limit":2,"totalFound":3,"content":[
                  {"id":"1","name":"First Job","company":{"identifier":"Paged","name":"Paged"}},
                  {"id":"2","name":"Second Job","company":{"identifier":"Paged","name":"Paged"}}]}
                """, "application/json"))
            .WithPage("/smartrecruiters/Paged?offset=2", new FixturePage("""
                {"offset":2,"limit":2,"totalFound":3,"content":[{"id":"3","name":"Third Job","company":{"identifier":"Paged","name":"Paged"}}]}
                """, "application/json"));
        var site = Corpus.AtsEmbed("paged", """<a href="https://careers.smartrecruiters.com/Paged">Openings</a>""");
        await using var server = await FixtureSiteServer.StartAsync([ats, site]);
        await using var host = new ScraperHost(("Scraping:Ats:SmartRecruiters", $"{ats.Url}smartrecruiters/{{token}}"));

        var jobs = (await host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "First Job", "Second Job", "Third Job" }));
    }

    [Test]
    public async Task A_site_without_jobs_is_a_success_with_none()
    {
        Assert.That(await ScrapeAsync(_server["empty"].Url), Is.Empty);
    }

    [Test]
    public void A_site_answering_with_an_error_status_fails_with_a_clear_message()
    {
        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => ScrapeAsync(_server["failing"].Url));

        Assert.That(ex!.Message, Does.Contain("error status"));
    }

    [Test]
    public void An_unreachable_site_fails_with_a_clear_message()
    {
        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => ScrapeAsync(new Uri("http://127.0.0.1:9/")));

        Assert.That(ex!.Message, Does.Contain("connection refused"));
    }

    [Test]
    public async Task A_site_slower_than_the_request_timeout_fails_saying_so_and_is_let_go()
    {
        var site = new FixtureSite("stuck") { Gate = new TaskCompletionSource() }.WithPage("/", "<html></html>");
        await using var server = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost(("Scraping:Http:RequestTimeoutSeconds", "1"), ("Scraping:Http:MaxRetries", "0"));

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("did not answer within 1 s"));
        await site.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the request was abandoned, not left open
    }

    [Test]
    public async Task A_loopback_address_outside_the_allow_list_is_never_contacted()
    {
        await using var outside = await FixtureSiteServer.StartAsync([Corpus.JsonLd("outside")], IPAddress.Parse("127.0.0.2"));

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => ScrapeAsync(outside["outside"].Url));

        Assert.That(ex!.Message, Does.StartWith("blocked"));
        Assert.That(outside["outside"].Requests, Is.Empty);
    }

    [Test]
    public async Task A_name_resolving_to_a_blocked_address_is_refused_without_saying_the_address()
    {
        await using var outside = await FixtureSiteServer.StartAsync([Corpus.JsonLd("named")], IPAddress.Parse("127.0.0.2"));
        await using var host = new ScraperHost(new Dictionary<string, IPAddress> { ["intranet.example"] = IPAddress.Parse("127.0.0.2") });
        Assert.That(SiteAddress.TryParse($"http://intranet.example:{outside["named"].Url.Port}/", out var site), Is.True);

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => host.Scraper.ScrapeAsync(site!, null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("blocked: not a public address"));
        Assert.That(outside["named"].Requests, Is.Empty);
    }

    [Test]
    public async Task A_port_other_than_the_web_ports_is_refused_outside_development()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("odd-port")]);
        await using var host = new ScraperHost(("Scraping:Http:AllowAnyPort", "false"));

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => host.Scraper.ScrapeAsync(sites["odd-port"].Address, null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo($"blocked: port {sites["odd-port"].Url.Port} is not allowed"));
        Assert.That(sites["odd-port"].Requests, Is.Empty);
    }

    [Test]
    public async Task A_redirect_to_a_blocked_address_is_refused_at_that_hop()
    {
        await using var outside = await FixtureSiteServer.StartAsync([Corpus.JsonLd("target")], IPAddress.Parse("127.0.0.2"));
        var redirecting = new FixtureSite("redirecting").WithPage("/", FixturePage.Redirect(outside["target"].Url.AbsoluteUri));
        await using var inside = await FixtureSiteServer.StartAsync([redirecting]);

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => ScrapeAsync(redirecting.Url));

        Assert.That(ex!.Message, Does.StartWith("blocked"));
        Assert.That(redirecting.Requests, Is.Not.Empty);
        Assert.That(outside["target"].Requests, Is.Empty);
    }

    [Test]
    public async Task A_careers_page_only_the_sitemap_knows_is_found_through_it()
    {
        var site = new FixtureSite("mapped")
            .WithPage("/", "<!doctype html><html><body><h1>Tailspin</h1><a href=\"/about\">About</a></body></html>")
            .WithPage("/de/karriere", Corpus.JsonLd().Pages["/careers"]);
        await using var server = await FixtureSiteServer.StartAsync([site]);
        site.WithPage("/robots.txt", new FixturePage($"User-agent: *\nAllow: /\nSitemap: {site.Url}sitemap_index.xml\n", "text/plain"))
            .WithPage("/sitemap_index.xml", new FixturePage($"<?xml version=\"1.0\"?><sitemapindex><sitemap><loc>{site.Url}pages.xml</loc></sitemap></sitemapindex>", "application/xml"))
            .WithPage("/pages.xml", new FixturePage($"<?xml version=\"1.0\"?><urlset><url><loc>{site.Url}about</loc></url><url><loc>{site.Url}de/karriere</loc></url></urlset>", "application/xml"));

        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(jobs[0].SourcePage, Is.EqualTo(new Uri(site.Url, "/de/karriere").AbsoluteUri));
        Assert.That(site.Requests, Does.Contain("/pages.xml"));
    }

    [Test]
    public async Task Robots_txt_keeps_the_scraper_off_disallowed_pages()
    {
        var site = Corpus.StaticList("polite").WithPage("/robots.txt", new FixturePage("User-agent: *\nDisallow: /company/join\n", "text/plain"));
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs, Is.Empty);
        Assert.That(site.Requests, Does.Contain("/robots.txt").And.Contain("/"));
        Assert.That(site.Requests, Has.None.StartsWith("/company/join"));
    }

    [Test]
    public async Task A_site_whose_robots_txt_disallows_everything_is_an_error_saying_so()
    {
        var site = Corpus.JsonLd("closed").WithPage("/robots.txt", new FixturePage("User-agent: *\nDisallow: /\n", "text/plain"));
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => ScrapeAsync(site.Url));

        Assert.That(ex!.Message, Does.StartWith("robots.txt"));
        Assert.That(site.Requests, Is.EqualTo(new[] { "/robots.txt" }));
    }

    [Test]
    public async Task Robots_txt_can_be_ignored_by_configuration()
    {
        var site = Corpus.JsonLd("ignored").WithPage("/robots.txt", new FixturePage("User-agent: *\nDisallow: /\n", "text/plain"));
        await using var server = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost(("Scraping:Http:RespectRobotsTxt", "false"));

        var jobs = (await host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None)).Jobs;

        Assert.That(jobs, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Busy_answers_are_retried_as_retry_after_says()
    {
        var site = new FixtureSite("busy") { TransientFailures = 2, RetryAfter = "0" };
        foreach (var (path, page) in Corpus.JsonLd().Pages)
        {
            site.WithPage(path, page);
        }
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var jobs = await ScrapeAsync(site.Url);

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(site.Requests.Count(p => p == "/careers"), Is.EqualTo(3), "two 503s, then the page");
    }

    [Test]
    public async Task A_retry_after_beyond_the_limit_is_not_waited_for()
    {
        var site = new FixtureSite("overloaded") { TransientFailures = 5, RetryAfter = "3600" }.WithPage("/", "<html></html>");
        await using var server = await FixtureSiteServer.StartAsync([site]);

        var ex = Assert.ThrowsAsync<ScrapeFailedException>(() => ScrapeAsync(site.Url));

        // Its robots.txt is the first thing asked for, and a 503 there means: crawl nothing (RFC 9309).
        Assert.That(ex!.Message, Does.Contain("robots.txt could not be read (HTTP 503)"));
        Assert.That(site.Requests, Is.EqualTo(new[] { "/robots.txt" }), "the hour-long Retry-After was not waited for");
    }

    [Test]
    public async Task Reports_progress_through_each_step()
    {
        var steps = new List<ScrapeStep>();
        var progress = new SynchronousProgress(p => steps.Add(p.Step));

        await _host.Scraper.ScrapeAsync(_server["json-ld"].Address, progress, CancellationToken.None);

        Assert.That(steps.Distinct(), Is.EquivalentTo(Enum.GetValues<ScrapeStep>()));
        Assert.That(steps.First(), Is.EqualTo(ScrapeStep.Resolving));
        Assert.That(steps.Last(), Is.EqualTo(ScrapeStep.Enriching));
    }

    private async Task<IReadOnlyList<Job>> ScrapeAsync(Uri url)
    {
        var scraped = await ReadAsync(url);
        Assert.That(scraped.Warnings, Is.Empty, $"everything the scrape relied on was read: {string.Join("; ", scraped.Warnings)}");
        return scraped.Jobs;
    }

    private Task<SiteScrape> ReadAsync(Uri url) =>
        _host.Scraper.ScrapeAsync(SiteAddress.TryParse(url.AbsoluteUri, out var site) ? site : throw new ArgumentException(url.AbsoluteUri), null, CancellationToken.None);

    private sealed class SynchronousProgress(Action<ScrapeProgress> report) : IProgress<ScrapeProgress>
    {
        public void Report(ScrapeProgress value) => report(value);
    }
}
