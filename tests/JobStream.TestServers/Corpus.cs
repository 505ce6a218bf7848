using JobStream.Domain.Jobs;

namespace JobStream.TestServers;

/// <summary>Career sites the project wrote itself, one per extraction path the scraper knows.</summary>
public static class Corpus
{
    /// <summary>A home page linking to a careers page with a plain HTML job list grouped by department.</summary>
    public static FixtureSite StaticList(string name = "static-list") => new FixtureSite(name)
        .WithPage("/", """
            <!doctype html><html><head><title>Northwind</title><meta property="og:site_name" content="Northwind Traders"></head>
            <body><nav><a href="/about">About</a> <a href="/company/join">Join us</a></nav></body></html>
            """)
        .WithPage("/company/join", """
            <!doctype html><html><body><h1>Open positions</h1>
            <section><h2>Engineering</h2><ul>
              <li><a href="/company/join/jobs/senior-backend-engineer"><span class="title">Senior Backend Engineer</span></a><span class="location">Remote (EU)</span></li>
              <li><a href="/company/join/jobs/frontend-developer-hybrid"><span class="title">Frontend Developer</span></a><span class="location">Hybrid – Lisbon</span></li>
            </ul></section>
            <section><h2>Sales</h2><ul>
              <li><a href="/company/join/jobs/account-executive"><span class="title">Account Executive</span></a><span class="location">London, UK</span></li>
            </ul></section>
            <a href="/company/join/jobs">View all jobs</a>
            </body></html>
            """);

    /// <summary>
    /// A careers page at the usual path, not linked from the home page, with JSON-LD postings in an @graph;
    /// answering only once <paramref name="gate"/> is completed, or after <paramref name="delay"/>, where given.
    /// </summary>
    public static FixtureSite JsonLd(string name = "json-ld", TaskCompletionSource? gate = null, TimeSpan delay = default) => new FixtureSite(name) { Gate = gate, Delay = delay }
        .WithPage("/", "<!doctype html><html><body><h1>Contoso</h1><p>We make things.</p></body></html>")
        .WithPage("/careers", """
            <!doctype html><html><body><h1>Careers at Contoso</h1>
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"JobPosting","title":"Staff Data Engineer","url":"/careers/staff-data-engineer","datePosted":"2026-11-01",
               "employmentType":"FULL_TIME","jobLocationType":"TELECOMMUTE","applicantLocationRequirements":{"@type":"Country","name":"Germany"},
               "hiringOrganization":{"@type":"Organization","name":"Contoso GmbH"},"description":"<p>Pipelines &amp; platforms.</p>"},
              {"@type":"JobPosting","title":"Werkstudent Marketing (m/w/d)","url":"/careers/werkstudent-marketing","datePosted":"2026-10-01",
               "employmentType":"PART_TIME","jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"München","addressCountry":"DE"}},
               "hiringOrganization":{"@type":"Organization","name":"Contoso GmbH"},"description":"Über uns: 🚀"}
            ]}
            </script></body></html>
            """);

    /// <summary>
    /// A list of links, one page per job, and the details only on those pages: JobPosting JSON-LD on one
    /// (where Google asks for it), microdata on another, labelled words on the third; an HTML-escaped
    /// title that only looks like a tag once decoded.
    /// </summary>
    public static FixtureSite JobPages(string name = "job-pages") => new FixtureSite(name)
        .WithPage("/", """
            <!doctype html><html><head><meta property="og:site_name" content="Fabrikam"></head><body>
            <h1>Open roles</h1>
            <ul>
              <li><a href="/jobs/platform-engineer">Platform Engineer</a></li>
              <li><a href="/jobs/data-analyst">Data Analyst</a></li>
              <li><a href="/jobs/go-developer">Softwareentwickler:in "Backend" &lt;Go&gt;</a></li>
            </ul></body></html>
            """)
        .WithPage("/jobs/platform-engineer", """
            <!doctype html><html><body><main><h1>Platform Engineer</h1><p>Run our Kubernetes platform.</p></main>
            <script type="application/ld+json">
            {"@context":"https://schema.org","@type":"JobPosting","title":"Platform Engineer","datePosted":"2026-11-20",
             "employmentType":"FULL_TIME","description":"<p>Run our <b>Kubernetes</b> platform &amp; its tooling.</p>",
             "occupationalCategory":"Infrastructure",
             "jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Amsterdam","addressCountry":"NL"}},
             "baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"@type":"QuantitativeValue","minValue":70000,"maxValue":90000,"unitText":"YEAR"}},
             "hiringOrganization":{"@type":"Organization","name":"Fabrikam B.V."}}
            </script></body></html>
            """)
        .WithPage("/jobs/data-analyst", """
            <!doctype html><html><body>
            <div itemscope itemtype="https://schema.org/JobPosting">
              <h1 itemprop="title">Data Analyst</h1>
              <meta itemprop="datePosted" content="2026-11-15">
              <span itemprop="employmentType">PART_TIME</span>
              <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
                <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
                  <span itemprop="addressLocality">Lyon</span>, <span itemprop="addressCountry">FR</span>
                </div>
              </div>
              <div itemprop="description"><p>Dashboards and SQL, four days a week.</p></div>
            </div></body></html>
            """)
        .WithPage("/jobs/go-developer", """
            <!doctype html><html><head><meta property="og:description" content="Wir suchen Verstärkung für unser Go-Backend."></head><body>
            <nav><a href="/">Home</a></nav>
            <main><h1>Softwareentwickler:in "Backend" &lt;Go&gt;</h1>
            <dl><dt>Standort</dt><dd>Hamburg</dd><dt>Anstellungsart</dt><dd>Vollzeit, unbefristet</dd><dt>Abteilung</dt><dd>Plattform</dd></dl>
            </main></body></html>
            """);

    /// <summary>
    /// A job list over three pages (rel=next, then a "Weiter" link), whose first page also carries one
    /// featured posting as JSON-LD: the featured posting must not hide the rest of the list.
    /// </summary>
    public static FixtureSite PagedList(string name = "paged-list") => new FixtureSite(name)
        .WithPage("/", """
            <!doctype html><html><body><h1>Jobs at Tailspin</h1>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Featured Role","url":"/jobs/featured","datePosted":"2026-11-01","employmentType":"FULL_TIME"}</script>
            <ul><li><a href="/jobs/featured">Featured Role</a></li><li><a href="/jobs/alpha">Alpha Engineer</a></li><li><a href="/jobs/beta">Beta Analyst</a></li></ul>
            <a rel="next" href="/openings/2">2</a></body></html>
            """)
        .WithPage("/openings/2", """
            <!doctype html><html><body><ul><li><a href="/jobs/gamma">Gamma Designer</a></li><li><a href="/jobs/delta">Delta Recruiter</a></li></ul>
            <nav><a href="/">1</a> <a href="/openings/3">Weiter</a></nav></body></html>
            """)
        .WithPage("/openings/3", """
            <!doctype html><html><body><ul><li><a href="/jobs/epsilon">Epsilon Accountant</a></li></ul>
            <nav><a href="/">1</a> <a href="/openings/2">2</a></nav></body></html>
            """);

    /// <summary>A careers page whose list is a frame from another page (an embedded board no ATS pattern knows).</summary>
    public static FixtureSite FramedBoard(string name = "framed-board") => new FixtureSite(name)
        .WithPage("/", """<!doctype html><html><body><h1>Careers at Woodgrove</h1><iframe src="/board/embed?company=woodgrove" title="Open roles"></iframe></body></html>""")
        .WithPage("/board/embed", """
            <!doctype html><html><body><ul>
              <li><a href="/board/jobs/101">Claims Specialist</a> <span class="location">Leeds</span></li>
              <li><a href="/board/jobs/102">Actuary</a> <span class="location">London</span></li>
            </ul></body></html>
            """);

    /// <summary>A site whose every page is missing: the scrape finds no jobs, and says so without failing.</summary>
    public static FixtureSite Empty(string name = "empty") => new FixtureSite(name)
        .WithPage("/", "<!doctype html><html><body>Nothing here.</body></html>");

    /// <summary>A site whose start page answers 500.</summary>
    public static FixtureSite Failing(string name = "failing") => new FixtureSite(name)
        .WithPage("/", new FixturePage("boom", "text/plain", 500));

    /// <summary>A careers page that embeds a Greenhouse board; its jobs come from the ATS API, not the page.</summary>
    public static FixtureSite GreenhouseEmbed(string name = "greenhouse-embed") => AtsEmbed(name, GreenhouseMarkup("fabrikam"));

    /// <summary>The JSON-LD careers page (<see cref="JsonLd"/>) with a Greenhouse board embedded beside its postings.</summary>
    public static FixtureSite JsonLdBesideGreenhouse(string name, string token)
    {
        var site = JsonLd(name);
        site.Pages["/careers"] = FixturePage.Html(site.Pages["/careers"].Body.Replace("</h1>", "</h1>" + GreenhouseMarkup(token), StringComparison.Ordinal));
        return site;
    }

    /// <summary>The markup a page embeds a Greenhouse board with: its mount point and the board's script.</summary>
    public static string GreenhouseMarkup(string token) =>
        $"""<div id="grnhse_app"></div><script src="https://boards.greenhouse.io/embed/job_board/js?for={token}"></script>""";

    /// <summary>A home page linking to a careers page that embeds an ATS board with the given markup.</summary>
    public static FixtureSite AtsEmbed(string name, string embed) => new FixtureSite(name)
        .WithPage("/", "<!doctype html><html><body><a href=\"/careers\">Careers</a></body></html>")
        .WithPage("/careers", $"<!doctype html><html><body><h1>Join Fabrikam</h1>{embed}</body></html>");

    /// <summary>
    /// A stand-in for the six ATS APIs, answering for the board "fabrikam" in each one's response shape.
    /// Point Scraping:Ats at it with <see cref="AtsTemplates"/>.
    /// </summary>
    public static FixtureSite FakeAts(string name = "fake-ats") => new FixtureSite(name)
        .WithMoreProviders()
        .WithPage("/greenhouse/fabrikam/jobs", Json("""
            {"jobs":[
              {"id":1,"title":"Senior Site Reliability Engineer","absolute_url":"https://fabrikam.example/jobs?gh_jid=1",
               "location":{"name":"Remote - Europe"},"company_name":"Fabrikam","first_published":"2026-11-15T09:00:00-05:00",
               "departments":[{"name":"Infrastructure"}],"content":"&lt;p&gt;Keep &amp;amp; scale our platform.&lt;/p&gt;"},
              {"id":2,"title":"Office Manager","absolute_url":"https://fabrikam.example/jobs?gh_jid=2",
               "location":{"name":"Berlin"},"company_name":"Fabrikam","first_published":"2026-06-01T09:00:00Z","departments":[]}
            ],"meta":{"total":2}}
            """))
        .WithPage("/personio/fabrikam", new FixturePage("""
            <?xml version="1.0" encoding="UTF-8"?>
            <workzag-jobs><position><id>77</id><subcompany>Fabrikam GmbH</subcompany><office>Köln</office>
              <department>Finance</department><name>Buchhalter:in (m/w/d)</name><employmentType>permanent</employmentType>
              <schedule>part-time</schedule><createdAt>2026-11-10T08:00:00+00:00</createdAt>
              <jobDescriptions><jobDescription><name>Aufgaben</name><value><![CDATA[<p>Monatsabschlüsse &amp; Reporting.</p>]]></value></jobDescription></jobDescriptions>
            </position></workzag-jobs>
            """, "application/xml"))
        .WithPage("/lever/fabrikam", Json("""
            [{"text":"Data Analyst","hostedUrl":"https://jobs.lever.co/fabrikam/1","workplaceType":"hybrid","createdAt":1763200000000,
              "categories":{"location":"Lisbon","team":"Analytics","commitment":"Full-time"}}]
            """))
        .WithPage("/ashby/fabrikam", Json("""
            {"apiVersion":"1","jobs":[{"title":"Platform Engineer","jobUrl":"https://jobs.ashbyhq.com/fabrikam/1","isListed":true,
              "workplaceType":"Hybrid","isRemote":true,"location":"Berlin","department":"Engineering","employmentType":"FullTime"}]}
            """))
        .WithPage("/workable/fabrikam", Json("""
            {"name":"Fabrikam","jobs":[{"title":"Support Engineer","url":"https://apply.workable.com/j/F1","telecommuting":true,
              "city":"","state":"","country":"Portugal","department":"Support","employment_type":"Full-time","published_on":"2026-11-01"},
             {"title":"Support Engineer","url":"https://apply.workable.com/j/F1","telecommuting":true,
              "city":"Madrid","state":"","country":"Spain","department":"Support","employment_type":"Full-time","published_on":"2026-11-01"}]}
            """))
        .WithPage("/smartrecruiters/Fabrikam", Json("""
            {"offset":0,"limit":100,"totalFound":1,"content":[{"id":"7","name":"Sales Manager","company":{"identifier":"Fabrikam","name":"Fabrikam"},
              "location":{"city":"Madrid","country":"es","remote":false,"hybrid":false},"department":{"label":"Sales"},
              "typeOfEmployment":{"label":"Full-time"},"releasedDate":"2026-11-02T10:00:00.000Z"}]}
            """))
        .WithPage("/recruitee/fabrikam", Json("""
            {"offers":[{"title":"Accountant","careers_url":"https://fabrikam.recruitee.com/o/accountant","location":"Amsterdam, Netherlands",
              "department":"Finance","remote":false,"hybrid":false,"on_site":true,"employment_type_code":"fulltime_permanent",
              "published_at":"2026-11-01 10:00:00 UTC"}]}
            """))
        .WithPage("/workday/fabrikam/External/jobs", Json("""
            {"total":1,"jobPostings":[{"title":"Logistics Coordinator","externalPath":"/job/Rotterdam/Logistics-Coordinator_R1",
              "locationsText":"Rotterdam, Netherlands","postedOn":"Posted Yesterday","bulletFields":["R1"]}]}
            """));

    /// <summary>
    /// The providers added after the first seven, answering for "fabrikam" in each one's shape: Breezy,
    /// Rippling (two pages, one job listed once per place), Eightfold, Oracle Recruiting Cloud (two pages),
    /// Dover (slug, then jobs), Comeet (a page holding its positions), Jobvite, iCIMS (two pages) and
    /// JazzHR (HTML lists), and Workable's numbered embed.
    /// </summary>
    private static FixtureSite WithMoreProviders(this FixtureSite fake) => fake
        // A Teamtailor board whose JSON Feed is off (404): its RSS feed stands in.
        .WithPage("/teamtailor-rss/northwind", new FixturePage("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:tt="https://teamtailor.com/locations"><channel><title>Northwind</title>
              <item><title>Battery Cell Engineer</title><link>https://northwind.teamtailor.com/jobs/1-battery-cell-engineer</link>
                <pubDate>Tue, 01 Sep 2026 10:00:00 +0000</pubDate><description>Cells and modules.</description>
                <tt:department>Engineering</tt:department>
                <tt:locations><tt:location><tt:name>Skellefteå</tt:name><tt:city>Skellefteå</tt:city><tt:country>Sweden</tt:country></tt:location></tt:locations>
                <tt:remoteStatus>hybrid</tt:remoteStatus></item>
            </channel></rss>
            """, "application/rss+xml"))
        // Rippling's older v1 answer: a bare array with labelled places.
        .WithPage("/rippling/tailspin?page=0&pageSize=50", Json("""
            [{"uuid":"t-7","name":"Senior Account Executive","url":"https://ats.rippling.com/tailspin/jobs/t-7",
              "workLocation":{"id":"w1","label":"Remote (United States)"},"department":{"id":"d1","label":"Sales"}}]
            """))
        // A Jobylon widget page: the jobs in a JavaScript literal, their pages on emp.jobylon.com.
        .WithPage("/jobylon/2380", """
            <!doctype html><html><body><div id="jobylon-jobs-widget"></div><script>
              var JBL = window.JBL || {}; JBL.embed_v2 = JBL.embed_v2 || {};
              JBL.embed_v2['jobs'] = [{id: 101, title: 'Systemutvecklare', slug: 'systemutvecklare', url: '/jobs/101-systemutvecklare/',
                town: 'Linköping', function: 'Engineering', employment_type: 'Heltid', summary: 'None', published_date: 'April 21, 2026'}];
            </script></body></html>
            """)
        // A NEOGOV agency's RSS feed.
        .WithPage("/neogov/clarkcounty", new FixturePage("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:joblisting="http://www.neogov.com/namespaces/JobListing"><channel><title>Clark County</title>
              <item><title>Assistant/Associate Engineer</title><link>https://www.governmentjobs.com/careers/clarkcounty/jobs/4004033/assistant-associate-engineer</link>
                <pubDate>Mon, 21 Sep 2026 17:00:00 GMT</pubDate><description>Designs public works.</description>
                <joblisting:location>Las Vegas, NV</joblisting:location><joblisting:department>Public Works</joblisting:department>
                <joblisting:jobType>Full Time</joblisting:jobType></item>
            </channel></rss>
            """, "application/rss+xml"))
        .WithPage("/breezy/fabrikam", Json("""
            [{"id":"b1","friendly_id":"b1-qa-engineer","name":"QA Engineer","url":"https://fabrikam.breezy.hr/p/b1-qa-engineer",
              "published_date":"2026-11-20T10:00:00.000Z","type":{"id":"contract","name":"Contract"},
              "location":{"country":{"name":"Portugal","id":"PT"},"city":"Porto","is_remote":true,"name":"Porto, PT"},
              "department":"Quality","company":{"name":"Fabrikam","friendly_id":"fabrikam"}}]
            """))
        .WithPage("/rippling/fabrikam?page=0&pageSize=50", Json("""
            {"items":[
              {"id":"r-1","name":"Payroll Specialist","url":"https://ats.rippling.com/fabrikam/jobs/r-1","department":{"name":"Finance"},
               "locations":[{"name":"Austin, TX","workplaceType":"ON_SITE"}]},
              {"id":"r-1","name":"Payroll Specialist","url":"https://ats.rippling.com/fabrikam/jobs/r-1","department":{"name":"Finance"},
               "locations":[{"name":"Denver, CO","workplaceType":"ON_SITE"}]}],
             "page":0,"pageSize":2,"totalItems":3,"totalPages":2}
            """))
        .WithPage("/rippling/fabrikam?page=1&pageSize=50", Json("""
            {"items":[{"id":"r-2","name":"Senior Product Manager","url":"https://ats.rippling.com/fabrikam/jobs/r-2","department":{"name":"Product"},
               "locations":[{"name":"Remote (US)","workplaceType":"REMOTE"}]}],"page":1,"pageSize":2,"totalItems":3,"totalPages":2}
            """))
        .WithPage("/eightfold/fabrikam?domain=fabrikam.example&start=0&num=100", Json("""
            {"count":1,"positions":[{"id":42,"name":"Process Engineer","canonicalPositionUrl":"https://fabrikam.eightfold.ai/careers/job/42",
              "location":"Lyon, France","locations":["Lyon, France","Grenoble, France"],"department":"Manufacturing",
              "t_create":1763000000,"work_location_option":"onsite","type":"Full Time"}]}
            """))
        .WithPage("/oraclecloud/CX_1?finder=findReqs;siteNumber=CX_1,limit=200,offset=0", Json("""
            {"items":[{"requisitionList":[{"Id":"1001","Title":"Bridge Inspector","PostedDate":"2026-11-02","PrimaryLocation":"Perth, Western Australia, Australia",
              "WorkplaceType":"ORA_ON_SITE","secondaryLocations":[]}]}],"hasMore":true}
            """))
        .WithPage("/oraclecloud/CX_1?finder=findReqs;siteNumber=CX_1,limit=200,offset=1", Json("""
            {"items":[{"requisitionList":[{"Id":"1002","Title":"Graduate Civil Engineer","PostedDate":"2026-11-03","PrimaryLocation":"Brisbane, Queensland, Australia",
              "WorkplaceType":"Hybrid","JobSchedule":"Full time","secondaryLocations":[{"Name":"Sydney, New South Wales, Australia"}]}]}],"hasMore":false}
            """))
        .WithPage("/dover-slug/fabrikam", Json("""{"id":"c0ffee","name":"Fabrikam","slug":"fabrikam"}"""))
        .WithPage("/dover/c0ffee/jobs", Json("""
            {"count":2,"next":null,"results":[
              {"id":"d-1","title":"Founding Engineer","locations":[{"name":"San Francisco, CA","location_type":"HYBRID"}]},
              {"id":"d-2","title":"Sample Job","is_sample":true,"locations":[]}]}
            """))
        .WithPage("/comeet/fabrikam/A1.00B", """
            <!doctype html><html><body><div id="app"></div>
            <script>
              var COMPANY_DATA = {"name": "Fabrikam"};
              var COMPANY_POSITIONS_DATA = [{"uid": "C2.0D3", "name": "Customer Success Manager", "department": "Customer Success",
                "location": {"name": "Tel Aviv, Israel", "country": "IL", "city": "Tel Aviv", "is_remote": false},
                "employment_type": "Full-time", "workplace_type": "Hybrid", "experience_level": "Mid-level",
                "url_comeet_hosted_page": "$SITE$/jobs/fabrikam/A1.00B/customer-success-manager/C2.0D3",
                "time_updated": "2026-11-18T08:00:00Z"}];
            </script></body></html>
            """)
        .WithPage("/jobvite/fabrikam", """
            <!doctype html><html><body><table class="jv-job-list">
            <tr><td class="jv-job-list-name"><a href="/fabrikam/job/oAbC1xyz">Warehouse Associate (Part-Time)</a></td><td class="jv-job-list-location">Columbus, Ohio</td></tr>
            <tr><td class="jv-job-list-name"><a href="/fabrikam/job/oDeF2uvw">Grant Writer</a></td><td class="jv-job-list-location">Chicago, Illinois</td></tr>
            </table></body></html>
            """)
        .WithPage("/icims/careers-fabrikam?ss=1&in_iframe=1", """
            <!doctype html><html><body><ul>
            <li class="iCIMS_JobCardItem"><div class="row">
              <div class="col-xs-6 header left"><span class="sr-only field-label">Job Locations</span><span>US-WI-Madison</span></div>
              <div class="col-xs-12 title"><a href="/jobs/8214/payroll-tax-specialist/job?in_iframe=1" class="iCIMS_Anchor" title="8214 - Payroll Tax Specialist">
                <span class="sr-only field-label">Job Title</span><h3>Payroll Tax Specialist</h3></a></div>
            </div></li></ul>
            <a href="?ss=1&amp;in_iframe=1&amp;pr=1">Next</a></body></html>
            """)
        .WithPage("/icims/careers-fabrikam?ss=1&in_iframe=1&pr=1", """
            <!doctype html><html><body><ul>
            <li class="iCIMS_JobCardItem"><div class="row">
              <div class="col-xs-6 header left"><span class="sr-only field-label">Job Locations</span><span>US-MN-Minneapolis</span></div>
              <div class="col-xs-12 title"><a href="/jobs/8212/audit-senior/job?in_iframe=1" class="iCIMS_Anchor" title="8212 - Audit Senior">
                <span class="sr-only field-label">Job Title</span><h3>Audit Senior</h3></a></div>
            </div></li></ul></body></html>
            """)
        .WithPage("/jazzhr/fabrikam", """
            <!doctype html><html><body><ul class="list-group">
            <li class="list-group-item"><h4 class="list-group-item-heading"><a href="/apply/Xk9aB2cD3e/Lab-Technician">Lab Technician</a></h4>
              <ul class="list-inline list-group-item-text"><li><i class="fa fa-map-marker"></i>Raleigh, NC</li><li><i class="fa fa-sitemap"></i>Research</li></ul></li>
            </ul><a href="/apply/jobs">All jobs</a></body></html>
            """)
        .WithPage("/teamtailor/fabrikam", Json("""
            {"version":"https://jsonfeed.org/version/1.1","items":[{"id":"123","title":"Customer Support Agent",
              "url":"https://fabrikam.teamtailor.com/jobs/123-customer-support-agent","date_published":"2026-11-12T09:00:00+01:00",
              "_jobposting":{"@type":"JobPosting","title":"Customer Support Agent","employmentType":"FULL_TIME","jobLocationType":"TELECOMMUTE",
                "occupationalCategory":"Support","applicantLocationRequirements":{"@type":"Country","name":"Sweden"}}}]}
            """))
        .WithPage("/pinpoint/fabrikam", Json("""
            {"data":[{"id":"p-1","title":"Solicitor","url":"https://fabrikam.pinpointhq.com/en/postings/p-1","location":{"name":"Leeds","city":"Leeds"},
              "workplace_type":"onsite","employment_type":"full_time","department":{"name":"Legal"}}]}
            """))
        .WithPage("/bamboohr/fabrikam", Json("""
            {"meta":{"totalCount":1},"result":[{"id":"86","jobOpeningName":"Nurse Practitioner","departmentLabel":"Clinical",
              "employmentStatusLabel":"Part-Time","location":{"city":"Tampa","state":"Florida"},"isRemote":false,"locationType":"0"}]}
            """))
        .WithPage("/apply/Xk9aB2cD3e/Lab-Technician", """
            <!doctype html><html><body><main><h1>Lab Technician</h1><p>Prepare samples and run assays.</p></main>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Lab Technician",
              "employmentType":"FULL_TIME","datePosted":"2026-11-25","description":"<p>Prepare samples and run assays.</p>"}</script></body></html>
            """)
        .WithPage("/paylocity/5d1a2b3c-0000-4e5f-8a9b-0c1d2e3f4a5b", """
            <!doctype html><html><body><div id="app"></div><script>
            window.pageData = {"Departments":["All Departments"],"Jobs":[
              {"JobId":101,"JobTitle":"Power Systems Engineer","LocationName":"Hybrid","PublishedDate":"2026-11-08T11:27:44-05:00","HiringDepartment":"Engineering",
               "JobLocation":{"Name":"Hybrid","City":"Raleigh","State":"NC","Country":"USA"},"IsRemote":false},
              {"JobId":102,"JobTitle":"Grants Administrator","LocationName":"Remote","PublishedDate":"2026-11-07T10:57:23-05:00","HiringDepartment":null,
               "JobLocation":{"Name":"Remote","City":null,"State":null},"IsRemote":true}],"ModuleTitle":"Fabrikam Energy"};
            </script></body></html>
            """)
        .WithPage("/workable-embed/456208", Json("""
            {"name":"Fabrikam","jobs":[{"title":"Mobile Engineer","url":"https://apply.workable.com/j/E1","telecommuting":false,
              "city":"Athens","state":"","country":"Greece","department":"Engineering","employment_type":"Full-time"}]}
            """));

    /// <summary>Scraping:Ats settings that send the scraper's ATS calls to <see cref="FakeAts"/>.</summary>
    public static IEnumerable<(string Key, string Value)> AtsTemplates(FixtureSite fakeAts)
    {
        ArgumentNullException.ThrowIfNull(fakeAts);
        var at = fakeAts.Url.AbsoluteUri;
        yield return ("Scraping:Ats:Greenhouse", $"{at}greenhouse/{{token}}/jobs");
        yield return ("Scraping:Ats:GreenhouseEu", $"{at}greenhouse/{{token}}/jobs");
        foreach (var ats in new[] { "Lever", "Ashby", "Workable", "SmartRecruiters", "Recruitee", "Personio", "Breezy", "Jobvite", "JazzHr", "Teamtailor", "Pinpoint", "BambooHr", "Paylocity" })
        {
            yield return ($"Scraping:Ats:{ats}", $"{at}{ats.ToLowerInvariant()}/{{token}}");
        }
        yield return ("Scraping:Ats:TeamtailorRss", $"{at}teamtailor-rss/{{token}}");
        yield return ("Scraping:Ats:Jobylon", $"{at}jobylon/{{token}}");
        yield return ("Scraping:Ats:Neogov", $"{at}neogov/{{token}}");
        yield return ("Scraping:Ats:Icims", $"{at}icims/{{token}}?ss=1&in_iframe=1");
        yield return ("Scraping:Ats:WorkableEmbed", $"{at}workable-embed/{{token}}");
        yield return ("Scraping:Ats:Rippling", $"{at}rippling/{{token}}?page=0&pageSize=50");
        yield return ("Scraping:Ats:Eightfold", $"{at}eightfold/{{tenant}}?domain={{domain}}&start=0&num=100");
        yield return ("Scraping:Ats:OracleCloud", $"{at}oraclecloud/{{site}}?finder=findReqs;siteNumber={{site}},limit=200,offset=0");
        yield return ("Scraping:Ats:DoverSlug", $"{at}dover-slug/{{token}}");
        yield return ("Scraping:Ats:Dover", $"{at}dover/{{id}}/jobs");
        yield return ("Scraping:Ats:Comeet", $"{at}comeet/{{company}}/{{uid}}");
        yield return ("Scraping:Ats:Workday", $"{at}workday/{{tenant}}/{{site}}/jobs");
        yield return ("Scraping:Ats:WorkdaySite", $"{at}workday/{{tenant}}/{{site}}/jobs");
    }

    private static FixturePage Json(string body) => new(body, "application/json");

    /// <summary>
    /// A careers page that is a script-driven app: its static HTML holds no job, its script fetches
    /// them from /api/jobs and renders the list. Only a browser sees the jobs.
    /// </summary>
    public static FixtureSite ScriptRendered(string name = "script-rendered", string? alsoRequest = null) => new FixtureSite(name)
        .WithPage("/", "<!doctype html><html><body><a href=\"/careers\">Careers</a></body></html>")
        .WithPage("/careers", $$"""
            <!doctype html><html><head><title>Careers</title></head><body>
            <div id="root">Loading…</div>
            <script>
              {{(alsoRequest is null ? "" : $"fetch('{alsoRequest}').catch(() => {{}}); new Image().src = '{alsoRequest}?img';")}}
              fetch('/api/jobs').then(r => r.json()).then(jobs => {
                document.getElementById('root').innerHTML = '<ul>' + jobs.map(j =>
                  `<li><a href="${j.path}">${j.title}</a> <span class="location">${j.location}</span></li>`).join('') + '</ul>';
              });
            </script></body></html>
            """)
        .WithPage("/api/jobs", new FixturePage("""
            [{"title":"Machine Learning Engineer","path":"/careers/jobs/ml-engineer","location":"Remote (EU)"},
             {"title":"Product Designer","path":"/careers/jobs/product-designer","location":"Paris"}]
            """, "application/json"));

    /// <summary>A Recruitee career site on the company's own domain (Recruitee's career-site assets, /api/offers/ there).</summary>
    public static FixtureSite RecruiteeDomain() => new FixtureSite("recruitee-domain")
        .WithPage("/", """<!doctype html><html><head><meta property="og:image" content="https://careers.recruiteecdn.com/image/upload/logo.png"></head><body><h1>Careers at Fabrikam</h1></body></html>""")
        .WithPage("/api/offers", new FixturePage("""
            {"offers":[{"title":"Store Manager","careers_url":"https://careers.fabrikam.example/o/store-manager","location":"Utrecht, Netherlands",
              "department":"Retail","employment_type_code":"fulltime","on_site":true}]}
            """, "application/json"));

    /// <summary>A SuccessFactors career site on the company's own domain, read through its RSS feed.</summary>
    public static FixtureSite SuccessFactorsSite() => new FixtureSite("successfactors-site")
        .WithPage("/", """<!doctype html><html><head><link rel="stylesheet" href="https://rmkcdn.successfactors.com/8a1b/main.css"></head><body><div id="search"></div></body></html>""")
        .WithPage("/services/rss/job", new FixturePage("""
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Jobs</title>
            <item><title>Tooling Specialist (Plattsburgh, NY, US, 12901)</title><link>https://jobs.fabrikam.example/job/Plattsburgh-Tooling-Specialist/101/</link><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item>
            <item><title>Elektroniker (m/w/d)</title><link>https://jobs.fabrikam.example/job/Elektroniker/102/</link></item>
            </channel></rss>
            """, "application/rss+xml"));

    /// <summary>
    /// A Phenom career site on the company's own domain: its search-results pages hold two jobs each in
    /// phApp.ddo, three in all, and its job pages are at /global/en/job/{id}/{title}.
    /// </summary>
    public static FixtureSite PhenomSite() => new FixtureSite("phenom-site")
        .WithPage("/", """<!doctype html><html><body><a href="/global/en/home">Careers</a></body></html>""")
        .WithPage("/global/en/home", """
            <!doctype html><html><body><div id="ph-page"></div>
            <script>var phApp = phApp || {}; phApp.ddo = {"siteConfig":{"locale":"en_global"}};</script></body></html>
            """)
        .WithPage("/global/en/search-results?from=0&s=1", """
            <!doctype html><html><body><script>
            var phApp = {}; phApp.ddo = {"eagerLoadRefineSearch":{"status":200,"hits":2,"totalHits":3,"data":{"jobs":[
              {"title":"Senior Project Manager (German Speaker)","jobId":"P-104461","jobSeqNo":"PH0059P104461","type":"Full-Time","city":"Rotterdam",
               "location":"Rotterdam, South Holland, Netherlands","category":"Delivery","postedDate":"2026-11-09T09:54:06.573+0000","descriptionTeaser":"Lead transformation programmes."},
              {"title":"Revenue Development Representative","jobId":"P-104504","type":"Full-Time","location":"Sydney, New South Wales, Australia","category":"Sales"}]}}};
            </script></body></html>
            """)
        .WithPage("/global/en/search-results?from=2&s=1", """
            <!doctype html><html><body><script>
            var phApp = {}; phApp.ddo = {"eagerLoadRefineSearch":{"status":200,"hits":1,"totalHits":3,"data":{"jobs":[
              {"title":"Solutions Consultant","jobId":"P-104600","type":"Part-Time","location":"Lisbon, Portugal","multi_location":["Lisbon, Portugal","Porto, Portugal"],"category":"Presales"}]}}};
            </script></body></html>
            """);
}
