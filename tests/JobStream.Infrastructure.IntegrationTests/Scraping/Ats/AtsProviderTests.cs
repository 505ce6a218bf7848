using System.Text.Json;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Ats;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Ats;

// Over the real responses captured from public boards (../shared/fixtures/real/ats).
public sealed class AtsProviderTests
{
    [Test]
    public void Greenhouse_double_escaped_content_becomes_plain_text()
    {
        var jobs = Parse("Greenhouse", "stripe", "greenhouse_stripe.json");

        Assert.That(jobs, Has.Count.EqualTo(3));
        var first = jobs[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Title, Is.EqualTo("Abuse Research Engineer"));
            Assert.That(first.Url, Is.EqualTo("https://stripe.com/jobs/search?gh_jid=8172503"));
            Assert.That(first.Company, Is.EqualTo("Stripe"));
            Assert.That(first.Location, Is.EqualTo("Remote from the US"));
            Assert.That(first.Summary, Does.StartWith("Who we are About Stripe Stripe is a financial infrastructure platform"));
            Assert.That(first.Summary, Does.Not.Contain("&lt;").And.Not.Contain("<"));
            Assert.That(first.PostedAt, Is.EqualTo(DateTimeOffset.Parse("2026-09-09T10:52:09-04:00", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(first.Source, Is.EqualTo(ExtractionSource.AtsApi));
            Assert.That(first.AtsId, Is.EqualTo("8172503"), "the id stays when the company moves the job's page (here on its own site)");
        });
    }

    // The id each board gives its postings, where its answer gives one: what a watch knows a job by.
    [TestCase("Ashby", "ramp", "ashby_ramp.json", "d1183b00-6590-4fe4-a585-28d84e578fe3")]
    [TestCase("BambooHr", "acme", "careerkit_bamboohr.json", "86")]
    [TestCase("Eightfold", "albemarle/albemarle.com", "careerkit_eightfold.json", "1099555326551")]
    [TestCase("OracleCloud", "ejov.fa.ca2.oraclecloud.com/CX", "careerkit_oracle_orc.json", "25587")]
    [TestCase("Workday", "acme/wd5/External", "workday_list.json", "JR2021061")]
    [TestCase("Lever", "spotify", "lever_spotify.json", "1bbaf909-5ff3-4ed6-87ca-f7ff007a169c")]
    [TestCase("Pinpoint", "acme", "careerkit_pinpoint.json", "post-001")]
    [TestCase("Recruitee", "bunq", "recruitee_bunq.json", "2770592")]
    [TestCase("SmartRecruiters", "servicenow", "smartrecruiters_servicenow.json", "744000153871309")]
    [TestCase("Workable", "huggingface", "workable_huggingface.json", "19A136F8E2")]
    [TestCase("Teamtailor", "career", "careerkit_teamtailor.json", "20fafb7d-f013-4061-b6de-2894b3e0838b")]
    public void Each_posting_carries_its_boards_id(string provider, string token, string file, string id)
    {
        var jobs = Parse(provider, token, file);

        Assert.That(jobs[0].AtsId, Is.EqualTo(id));
        Assert.That(jobs.Select(j => j.AtsId).Distinct().Count(), Is.EqualTo(jobs.Count), "one id per posting");
    }

    [Test]
    public void Lever_reads_workplace_type_all_locations_and_epoch_dates()
    {
        var jobs = Parse("Lever", "spotify", "lever_spotify.json");

        Assert.That(jobs, Has.Count.EqualTo(3));
        Assert.That(jobs[0].Title, Is.EqualTo("Data Scientist - Music Mission"));
        Assert.That(jobs[0].StatedLocationType, Is.EqualTo(LocationType.Remote));
        Assert.That(jobs.Select(j => j.StatedLocationType), Does.Contain(LocationType.Hybrid));
        Assert.That(jobs.Select(j => j.Location), Has.Some.Contains("Stockholm").And.Some.Contains("London"));
        Assert.That(jobs[0].PostedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1782148440858)));
    }

    [Test]
    public void Ashby_trusts_workplace_type_over_is_remote()
    {
        var jobs = Parse("Ashby", "ramp", "ashby_ramp.json");

        Assert.That(jobs, Has.Count.EqualTo(3));
        // All three say isRemote: true; two of them are hybrid.
        Assert.That(jobs.Select(j => j.StatedLocationType), Is.EqualTo(new LocationType?[] { LocationType.Remote, LocationType.Hybrid, LocationType.Hybrid }));
        Assert.That(jobs[0].Location, Does.Contain("New York, NY (HQ)").And.Contain("Remote (US)"));
        Assert.That(jobs[0].Department, Is.EqualTo("Engineering"));
    }

    [Test]
    public void Workable_skips_empty_strings_and_keeps_non_ascii()
    {
        var jobs = Parse("Workable", "huggingface", "workable_huggingface.json");

        Assert.That(jobs, Has.Count.EqualTo(3));
        Assert.That(jobs[0].Company, Is.EqualTo("Hugging Face"));
        Assert.That(jobs[0].StatedLocationType, Is.EqualTo(LocationType.Remote));
        Assert.That(jobs.Select(j => j.Location), Has.Some.Contains("Île-de-France"));
        Assert.That(jobs.Select(j => j.Location), Has.None.Contains(", ,"));
    }

    [Test]
    public void SmartRecruiters_uses_the_detail_posting_url_and_location_flags()
    {
        var jobs = Parse("SmartRecruiters", "ServiceNow", "smartrecruiters_servicenow.json");

        Assert.That(jobs, Has.Count.EqualTo(3));
        Assert.That(jobs[0].Title, Is.EqualTo("Software Engineer"));
        Assert.That(jobs[0].Company, Is.EqualTo("ServiceNow"));
        Assert.That(jobs[0].Department, Is.EqualTo("Engineering, Infrastructure and Operations"));
        Assert.That(jobs.All(j => j.Url.StartsWith("https://", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Recruitee_reads_its_non_iso_dates_and_hybrid_flag()
    {
        var jobs = Parse("Recruitee", "bunq", "recruitee_bunq.json");

        Assert.That(jobs, Has.Count.EqualTo(3));
        Assert.That(jobs.All(j => j.StatedLocationType == LocationType.Hybrid), Is.True);
        Assert.That(jobs[0].PostedAt, Is.EqualTo(new DateTimeOffset(2026, 10, 5, 8, 25, 23, TimeSpan.Zero)));
        Assert.That(jobs.Select(j => j.Title), Has.Some.Contains("&"));
    }

    [Test]
    public void Workday_resolves_relative_dates_and_collapsed_locations()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var jobs = Parse("Workday", "acme/wd5/External", "workday_list.json", now);

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(jobs[0].Title, Is.EqualTo("Director, Engineering – Software Engineering"));
            Assert.That(jobs[0].Url, Is.EqualTo("https://acme.wd5.myworkdayjobs.com/External/job/Vietnam-Hanoi/Director--Engineering---Software-Engineering_JR2021061"));
            Assert.That(jobs[0].Location, Is.EqualTo("Vietnam Hanoi (and 1 more)"));
            Assert.That(jobs[0].PostedAt, Is.EqualTo(new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero)), "30+ days ago: at least 30");
            Assert.That(jobs[1].Location, Is.EqualTo("Poland Remote (and 4 more)"));
            Assert.That(jobs[1].PostedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(jobs[0].Company, Is.Null, "the answer names no company: the page showing the board does");
        });
        Assert.That(Ats.Provider("Workday").CompanyOf(Ats.Board("Workday", "acme/wd5/External")), Is.EqualTo("acme"), "where the site is the board itself");
    }

    [Test]
    public void A_collapsed_workday_location_keeps_the_separators_its_path_encodes()
    {
        using var json = JsonDocument.Parse("""
            {"total": 1, "jobPostings": [{"title": "Data Engineer", "locationsText": "3 Locations", "postedOn": "Posted Today",
              "externalPath": "/job/Virginia---Washington-DC-Metro---Remote/Data-Engineer_R123"}]}
            """);

        var job = Ats.Provider("Workday").Parse(Ats.Board("Workday", "acme/wd5/External"), Answer(json), DateTimeOffset.UtcNow).Single();

        Assert.That(job.Location, Is.EqualTo("Virginia - Washington DC Metro - Remote (and 2 more)"));
    }

    [Test]
    public void Workday_pages_by_an_offset_in_the_request_body_until_the_total()
    {
        var board = Ats.Board("Workday", "acme/wd5/External");
        var workday = Ats.Provider("Workday");
        var options = new AtsOptions();
        var first = workday.FirstRequest(board, options);
        var postings = string.Join(",", Enumerable.Repeat("""{"title":"x","externalPath":"/job/a/x"}""", 20));
        using var page1 = JsonDocument.Parse($$"""{"total":45,"jobPostings":[{{postings}}]}""");

        var second = workday.NextRequest(board, Answer(page1), first, options);
        using var last = JsonDocument.Parse("""{"total":45,"jobPostings":[{"title":"y","externalPath":"/job/a/y"}]}""");
        var lastRequest = second! with { Body = second.Body!.Replace("\"offset\":20", "\"offset\":44", StringComparison.Ordinal) };

        Assert.That(JsonDocument.Parse(first.Body!).RootElement.GetProperty("offset").GetInt32(), Is.Zero);
        Assert.That(JsonDocument.Parse(second.Body!).RootElement.GetProperty("offset").GetInt32(), Is.EqualTo(20));
        Assert.That(first.Url.AbsoluteUri, Is.EqualTo("https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/External/jobs"));
        Assert.That(workday.NextRequest(board, Answer(last), lastRequest, options), Is.Null);
    }

    [Test]
    public void A_workday_board_on_the_shared_myworkdaysite_host_links_its_jobs_there()
    {
        var jobs = Parse("WorkdaySite", "acme/wd3/External", "workday_list.json");

        Assert.That(jobs[0].Url, Is.EqualTo("https://wd3.myworkdaysite.com/recruiting/acme/External/job/Vietnam-Hanoi/Director--Engineering---Software-Engineering_JR2021061"));
        var request = Ats.Provider("WorkdaySite").FirstRequest(Ats.Board("WorkdaySite", "acme/wd3/External"), new AtsOptions());
        Assert.That(request.Url.AbsoluteUri, Is.EqualTo("https://wd3.myworkdaysite.com/wday/cxs/acme/External/jobs"));
        Assert.That(request.Body, Does.Contain("\"offset\":0"));
    }

    [Test]
    public void Personio_reads_its_xml_feed_with_every_office_and_the_schedule()
    {
        var feed = System.Xml.Linq.XDocument.Parse(RealFixtures.Read("ats/careerkit_personio.xml"));

        var jobs = Ats.Provider("Personio")
            .Parse(Ats.Board("Personio", "acme"), AtsAnswer.FromXml(new Uri("https://acme.jobs.personio.de/xml"), feed), DateTimeOffset.UtcNow).ToList();

        var first = jobs[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Title, Is.EqualTo("Staff Software Engineer, Data Platform"));
            Assert.That(first.Url, Is.EqualTo("https://acme.jobs.personio.de/job/1834171"));
            Assert.That(first.Company, Is.EqualTo("Acme SE & Co. KG"));
            Assert.That(first.Location, Is.EqualTo("Munich; Berlin"));
            Assert.That(first.Department, Is.EqualTo("Product and Tech"));
            Assert.That(first.EmploymentTypes, Is.EqualTo(new[] { "full-time", "permanent" }));
            Assert.That(first.PostedAt, Is.EqualTo(DateTimeOffset.Parse("2024-11-13T14:10:41+00:00", System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Teamtailor_reads_its_json_feed_and_each_items_job_posting()
    {
        var jobs = Parse("Teamtailor", "career", "careerkit_teamtailor.json");

        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "Account Executive - Italy (Madrid based)", "Mid-Market Account Executive - Copenhagen" }));
        Assert.That(jobs[0].Url, Is.EqualTo("https://career.teamtailor.com/jobs/7167985-account-executive-italy-madrid-based"));
        Assert.That(jobs[0].Location, Does.StartWith("Madrid"));
        Assert.That(jobs[1].Location, Does.Contain("Stockholm").And.Contain("København"), "a job listed for two places keeps both");
        Assert.That(jobs[0].PostedAt, Is.EqualTo(DateTimeOffset.Parse("2026-02-04T09:26:20+01:00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Pinpoint_reads_postings_with_paths_workplace_and_pay()
    {
        var jobs = Parse("Pinpoint", "acme", "careerkit_pinpoint.json");

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(jobs[0].Url, Is.EqualTo("https://acme.pinpointhq.com/en/postings/post-001"));
        Assert.That(jobs[1].Url, Is.EqualTo("https://api.example/postings/post-002"), "a path is resolved against the board");
        Assert.That(jobs[0].StatedLocationType, Is.EqualTo(LocationType.Remote));
        Assert.That(jobs[1].StatedLocationType, Is.EqualTo(LocationType.Hybrid));
        Assert.That(jobs[0].Department, Is.EqualTo("Technology"));
        Assert.That(jobs[1].Department, Is.EqualTo("Consulting"));
        Assert.That(jobs[0].Salary, Is.EqualTo("$135,000 - $198,000 / year"));
        Assert.That(jobs[1].Location, Is.EqualTo("Atlanta, GA"));
    }

    [Test]
    public void BambooHr_builds_each_openings_link_on_the_board()
    {
        var jobs = Parse("BambooHr", "acme", "careerkit_bamboohr.json");

        Assert.That(jobs.Select(j => j.Title), Does.Contain("Nurse Paralegal").And.Contain("Marketing & Social Media Intern"));
        var paralegal = jobs.Single(j => j.Title == "Nurse Paralegal");
        Assert.That(paralegal.Url, Is.EqualTo("https://acme.bamboohr.com/careers/86"));
        Assert.That(paralegal.Location, Is.EqualTo("Fort Lauderdale, Florida"));
        Assert.That(paralegal.Department, Is.EqualTo("Legal"));
        Assert.That(paralegal.EmploymentTypes, Is.EqualTo(new[] { "Full Time" }));
    }

    [Test]
    public void Rippling_reads_each_listing_and_pages_by_page_number_to_total_pages()
    {
        var rippling = Ats.Provider("Rippling");
        var board = Ats.Board("Rippling", "rippling");
        using var json = JsonDocument.Parse(RealFixtures.Read("ats/rippling_list.json"));

        var jobs = rippling.Parse(board, Answer(json), DateTimeOffset.UtcNow).ToList();
        var next = rippling.NextRequest(board, Answer(json), rippling.FirstRequest(board, new AtsOptions()), new AtsOptions());

        Assert.That(jobs.Select(j => j.Location), Is.EqualTo(new[] { "San Francisco, CA", "New York, NY" }), "one listing per place; the reader merges them");
        Assert.That(jobs[0].Url, Is.EqualTo("https://ats.rippling.com/rippling/jobs/84d388b6-7656-434c-8862-0312eb6b97ac"));
        Assert.That(jobs[0].Department, Is.EqualTo("Bizops"));
        Assert.That(jobs[0].StatedLocationType, Is.EqualTo(LocationType.Onsite));
        Assert.That(next!.Url.Query, Does.Contain("page=1"));
    }

    [Test]
    public void Rippling_reads_the_older_v1_answer_a_bare_array_with_labelled_places_and_departments()
    {
        var rippling = Ats.Provider("Rippling");
        var board = Ats.Board("Rippling", "acme-jobs");
        using var json = JsonDocument.Parse("""
            [{"uuid":"abc-123","name":"Senior Backend Engineer","url":"https://ats.rippling.com/acme-jobs/jobs/abc-123",
              "workLocation":{"id":"w1","label":"Hybrid (Toronto, CA)"},"department":{"id":"d1","label":"Engineering"}},
             {"uuid":"def-456","name":"Remote Product Manager","workLocation":"Remote (United States)","department":"Product"},
             {"uuid":"no-name","url":"https://ats.rippling.com/acme-jobs/jobs/no-name"}]
            """);

        var jobs = rippling.Parse(board, Answer(json), DateTimeOffset.UtcNow).ToList();

        Assert.That(jobs.Select(j => (j.Title, j.Location, j.Department, j.StatedLocationType)), Is.EqualTo(new[]
        {
            ("Senior Backend Engineer", "Hybrid (Toronto, CA)", "Engineering", (LocationType?)LocationType.Hybrid),
            ("Remote Product Manager", "Remote (United States)", "Product", LocationType.Remote),
        }));
        Assert.That(jobs[1].Url, Is.EqualTo("https://ats.rippling.com/acme-jobs/jobs/def-456"), "no url: the board's job page by its uuid");
        Assert.That(rippling.NextRequest(board, Answer(json), rippling.FirstRequest(board, new AtsOptions()), new AtsOptions()), Is.Null);
        Assert.That(Ats.Providers.Detect(new Uri("https://api.rippling.com/platform/api/ats/v1/board/acme-jobs/jobs")), Is.EqualTo(new[] { board }));
    }

    [Test]
    public void Neogov_reads_an_agencys_rss_feed_with_its_joblisting_fields()
    {
        var neogov = Ats.Provider("Neogov");
        var board = Ats.Board("Neogov", "clarkcounty");
        var feed = System.Xml.Linq.XDocument.Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:joblisting="http://www.neogov.com/namespaces/JobListing"><channel><title>Clark County Jobs</title>
              <item><title>Assistant/Associate Engineer</title><link>https://www.governmentjobs.com/careers/clarkcounty/jobs/4004033/assistant-associate-engineer</link>
                <guid>4004033</guid><pubDate>Mon, 21 Sep 2026 17:00:00 GMT</pubDate><description>Designs public works.</description>
                <joblisting:jobId>4004033</joblisting:jobId><joblisting:location>Las Vegas, NV</joblisting:location>
                <joblisting:department>Public Works</joblisting:department><joblisting:jobType>Full Time</joblisting:jobType>
                <joblisting:minimumSalary>38.50</joblisting:minimumSalary><joblisting:maximumSalary>55.10</joblisting:maximumSalary>
                <joblisting:salaryCurrency>USD</joblisting:salaryCurrency><joblisting:salaryInterval>Hour</joblisting:salaryInterval></item>
            </channel></rss>
            """);

        var job = neogov.Parse(board, AtsAnswer.FromXml(new Uri("https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=clarkcounty"), feed), DateTimeOffset.UtcNow).Single();

        Assert.That((job.Title, job.Location, job.Department, job.Salary), Is.EqualTo(("Assistant/Associate Engineer", "Las Vegas, NV", "Public Works", "USD 38.50–55.10 per hour")));
        Assert.That(job.EmploymentTypes, Is.EqualTo(new[] { "Full Time" }));
        Assert.That(job.PostedAt, Is.EqualTo(new DateTimeOffset(2026, 9, 21, 17, 0, 0, TimeSpan.Zero)));
        Assert.That(job.Url, Is.EqualTo("https://www.governmentjobs.com/careers/clarkcounty/jobs/4004033/assistant-associate-engineer"));
        Assert.That(neogov.FirstRequest(board, new AtsOptions()).Url.AbsoluteUri, Is.EqualTo("https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=clarkcounty"));
        Assert.That(neogov.FirstRequest(Ats.Board("Neogov", "seattleschools@schooljobs"), new AtsOptions()).Url.AbsoluteUri, Is.EqualTo("https://www.schooljobs.com/SearchEngine/JobsFeed?agency=seattleschools"));
    }

    [Test]
    public void Eightfold_reads_every_location_and_epoch_seconds()
    {
        var jobs = Parse("Eightfold", "albemarle/albemarle.com", "careerkit_eightfold.json");

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(jobs[0].Title, Is.EqualTo("Supply Planner, Bromine S&OP"));
        Assert.That(jobs[0].Url, Is.EqualTo("https://albemarle.eightfold.ai/careers/job/1099555326551"));
        Assert.That(jobs[0].Location, Is.EqualTo("Charlotte, North Carolina, United States of America; Magnolia, Arkansas, United States of America"));
        Assert.That(jobs[0].Department, Is.EqualTo("Supply Chain"));
        Assert.That(jobs[0].PostedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1785801600)));
        Assert.That(Ats.Provider("Eightfold").FirstRequest(Ats.Board("Eightfold", "albemarle/albemarle.com"), new AtsOptions()).Url.AbsoluteUri,
            Is.EqualTo("https://albemarle.eightfold.ai/api/apply/v2/jobs?domain=albemarle.com&start=0&num=100"));
    }

    [Test]
    public void Oracle_recruiting_links_each_requisition_on_its_site_with_every_location()
    {
        var jobs = Parse("OracleCloud", "ejov.fa.ca2.oraclecloud.com/CX", "careerkit_oracle_orc.json");

        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "Bridge Inspector", "Technology and Communications Sector Leader" }));
        Assert.That(jobs[0].Url, Is.EqualTo("https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX/job/25587"));
        Assert.That(jobs[0].Location, Is.EqualTo("PERTH, WESTERN AUSTRALIA, Australia"));
        Assert.That(jobs[1].Location, Does.StartWith("SAN FRANCISCO, CA, United States; HOUSTON, TX, United States").And.Contain("IRVINE"));
        Assert.That(jobs[0].PostedAt, Is.EqualTo(new DateTimeOffset(2026, 8, 7, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(Ats.Provider("OracleCloud").FirstRequest(Ats.Board("OracleCloud", "ejov.fa.ca2.oraclecloud.com/CX"), new AtsOptions()).Url.AbsoluteUri,
            Does.StartWith("https://ejov.fa.ca2.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions?").And.Contain("siteNumber=CX,limit=200,offset=0"));
    }

    [Test]
    public void Every_endpoint_is_a_setting_and_a_bad_one_is_named()
    {
        var options = new AtsOptions();
        options.Templates["Breezy"] = "not a url {token}";

        var failures = new AtsOptionsValidation(Ats.Providers).Validate(null, options).Failures!.ToList();

        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Does.StartWith("Scraping:Ats:Breezy: an endpoint template must be"));
        Assert.That(Ats.Providers.All.Select(p => p.Name), Is.Unique);
        Assert.That(Ats.Providers.All.SelectMany(p => p.Templates.Keys), Is.Unique, "each endpoint is one provider's");
    }

    // Whatever an ATS (or something posing as one) answers, a provider reads what it can and throws nothing.
    [TestCase("[1, \"x\", null, [], {}]")]
    [TestCase("{\"jobs\": [1, \"x\"], \"offers\": {}, \"items\": \"x\", \"data\": [[]], \"result\": 5, \"positions\": [null], \"content\": [true]}")]
    [TestCase("{\"items\": [{\"requisitionList\": [1, {\"Title\": 5, \"Id\": []}]}], \"hasMore\": true, \"totalFound\": \"9\", \"total\": 3, \"totalPages\": 2, \"count\": -1, \"next\": 7}")]
    [TestCase("{\"jobs\": [{\"title\": {\"a\": 1}, \"absolute_url\": \"javascript:alert(1)\", \"location\": [], \"departments\": {}, \"categories\": 1}]}")]
    [TestCase("\"just a string\"")]
    public void A_malformed_answer_yields_what_it_can_and_no_exception(string body)
    {
        using var json = JsonDocument.Parse(body);
        var answer = AtsAnswer.FromJson(new Uri("https://api.example/board?page=0&offset=0&start=0"), json.RootElement);
        var html = AtsAnswer.FromHtml(answer.Url, new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<a href='/jobs/1/x/job'>{body}</a><script>var COMPANY_POSITIONS_DATA = {body}; window.pageData = {body}; phApp.ddo = {body};</script>"));
        var xml = AtsAnswer.FromXml(answer.Url, System.Xml.Linq.XDocument.Parse("<rss><item><title>(</title><link>not a url</link></item><position><id/></position></rss>"));
        var options = new AtsOptions();

        foreach (var provider in Ats.Providers.All)
        {
            var board = new AtsBoard(provider, provider.Name switch
            {
                "Workday" or "WorkdaySite" => "acme/wd1/External",
                "OracleCloud" or "Eightfold" or "Comeet" => "acme/site",
                "SuccessFactors" or "Phenom" => "https://jobs.acme.example",
                _ => "acme",
            });
            var request = provider.FirstRequest(board, options);
            var read = provider.Format switch
            {
                AtsFormat.Html => html,
                AtsFormat.Xml => xml,
                _ => answer,
            };
            Assert.DoesNotThrow(() => provider.Parse(board, read, DateTimeOffset.UtcNow).ToList(), provider.GetType().Name);
            Assert.DoesNotThrow(() => provider.NextRequest(board, read, request, options), provider.GetType().Name);
            Assert.That(provider.Parse(board, read, DateTimeOffset.UtcNow).All(job => job.Url.StartsWith("http", StringComparison.Ordinal)), Is.True, provider.GetType().Name);
        }
    }

    private static List<JobCandidate> Parse(string provider, string token, string file, DateTimeOffset? now = null)
    {
        using var json = JsonDocument.Parse(RealFixtures.Read($"ats/{file}"));
        return Ats.Provider(provider).Parse(Ats.Board(provider, token), Answer(json), now ?? DateTimeOffset.UtcNow).ToList();
    }

    private static AtsAnswer Answer(JsonDocument json) => AtsAnswer.FromJson(new Uri("https://api.example/board"), json.RootElement);
}
