using JobStream.Domain.Jobs;

namespace JobStream.TestServers;

/// <summary>
/// The labelled corpus: career sites the project wrote itself covering every extraction path (lists with
/// job pages, JSON-LD on job pages only, page data, microdata, each ATS, iframes, pagination, sitemaps,
/// several languages), each with the jobs a person browsing it would record. The ATS boards are
/// answered by <see cref="Corpus.FakeAts"/>; point Scraping:Ats at it with <see cref="Corpus.AtsTemplates"/>.
/// </summary>
public static class LabelledCorpus
{
    private const LocationType Remote = LocationType.Remote;
    private const LocationType Hybrid = LocationType.Hybrid;
    private const LocationType Onsite = LocationType.Onsite;

    /// <summary>
    /// The corpus; with ../shared/fixtures/real beside the checkout, also a site whose job pages are
    /// real captured pages (see <see cref="RealJobPages"/>).
    /// </summary>
    public static IReadOnlyList<LabelledSite> Sites() => RealJobPages() is { } real ? [.. OwnSites(), real] : OwnSites();

    /// <summary>
    /// A list of the project's own linking three real job pages captured from public career sites (a
    /// Meta posting whose JSON-LD names nine places, a NEURA Robotics posting, a Decathlon TalentClue page
    /// with an empty JSON-LD script and its details in Spanish labels); null without ../shared.
    /// </summary>
    public static LabelledSite? RealJobPages()
    {
        if (Repository.RealFixtures() is not { } real)
        {
            return null;
        }
        var site = new FixtureSite("real-job-pages")
            .WithPage("/", """
                <!doctype html><html><body><h1>Open roles</h1><ul>
                <li><a href="/jobs/software-engineer-infrastructure">Software Engineer, Infrastructure</a></li>
                <li><a href="/jobs/manager-ecosystem-integration">Manager Ecosystem Integration &amp; Certification (Human)</a></li>
                <li><a href="/jobs/vendedor-deportes-de-agua">VENDEDOR/A DEPORTES DE AGUA Decathlon Albacete</a></li>
                </ul></body></html>
                """)
            .WithPage("/jobs/software-engineer-infrastructure", File.ReadAllText(Path.Combine(real, "jsonld", "meta_software_engineer.html")))
            .WithPage("/jobs/manager-ecosystem-integration", File.ReadAllText(Path.Combine(real, "jsonld", "neura_robotics_manager.html")))
            .WithPage("/jobs/vendedor-deportes-de-agua", File.ReadAllText(Path.Combine(real, "html", "decathlon_talentclue_jobpage.html")));
        return new LabelledSite(site, [
            // Its places include "Remote, US": a person looking for remote work would list it.
            new("Software Engineer, Infrastructure", "/jobs/software-engineer-infrastructure", Remote, null, "full_time", "Sunnyvale; Bellevue; New York; Remote"),
            new("Manager Ecosystem Integration & Certification (Human)", "/jobs/manager-ecosystem-integration", Onsite, null, null, "Metzingen", "manager"),
            new("VENDEDOR/A DEPORTES DE AGUA Decathlon Albacete", "/jobs/vendedor-deportes-de-agua", Onsite, "Ventas al detalle", null, "Albacete"),
        ]);
    }

    /// <summary>The project's own sites.</summary>
    public static IReadOnlyList<LabelledSite> OwnSites() =>
    [
        // Plain lists and job pages.
        new(Corpus.StaticList(), [
            new("Senior Backend Engineer", "/company/join/jobs/senior-backend-engineer", Remote, "Engineering", null, "Remote (EU)", "senior"),
            new("Frontend Developer", "/company/join/jobs/frontend-developer-hybrid", Hybrid, "Engineering", null, "Lisbon"),
            new("Account Executive", "/company/join/jobs/account-executive", Onsite, "Sales", null, "London"),
        ]),
        new(Corpus.JsonLd(), [
            new("Staff Data Engineer", "/careers/staff-data-engineer", Remote, null, "full_time", "Germany", "staff"),
            new("Werkstudent Marketing (m/w/d)", "/careers/werkstudent-marketing", Onsite, null, "part_time", "München", "intern"),
        ]),
        new(Corpus.JobPages(), [
            new("Platform Engineer", "/jobs/platform-engineer", Onsite, "Infrastructure", "full_time", "Amsterdam"),
            new("Data Analyst", "/jobs/data-analyst", Onsite, null, "part_time", "Lyon"),
            new("Softwareentwickler:in \"Backend\" <Go>", "/jobs/go-developer", Onsite, "Plattform", "full_time", "Hamburg"),
        ]),
        new(Corpus.PagedList(), [
            new("Featured Role", "/jobs/featured", Onsite, null, "full_time"),
            new("Alpha Engineer", "/jobs/alpha", Onsite, null, null),
            new("Beta Analyst", "/jobs/beta", Onsite, null, null),
            new("Gamma Designer", "/jobs/gamma", Onsite, null, null),
            new("Delta Recruiter", "/jobs/delta", Onsite, null, null),
            new("Epsilon Accountant", "/jobs/epsilon", Onsite, null, null),
        ]),
        new(Corpus.FramedBoard(), [
            new("Claims Specialist", "/board/jobs/101", Onsite, null, null, "Leeds"),
            new("Actuary", "/board/jobs/102", Onsite, null, null, "London"),
        ]),
        new(Corpus.ScriptRendered(), [
            new("Machine Learning Engineer", "/careers/jobs/ml-engineer", Remote, null, null, "Remote (EU)"),
            new("Product Designer", "/careers/jobs/product-designer", Onsite, null, null, "Paris"),
        ]),
        new(NextData(), [
            new("Senior iOS Engineer", "/careers/senior-ios-engineer", Onsite, "Mobile", "full_time", "Berlin", "senior"),
            new("Recruiter (Contract)", "/careers/recruiter-contract", Remote, "People", "contract", "Remote"),
        ]),
        new(WindowAssignment(), [
            new("Data Engineer", "/jobs/data-engineer", Hybrid, "Data", "full_time", "Madrid"),
            new("Lead Data Scientist", "/jobs/lead-data-scientist", Remote, "Data", "full_time", "Barcelona", "lead"),
        ]),
        new(InertiaPage(), [
            new("Backend Developer (PHP)", "/vacatures/backend-developer", Hybrid, "Development", "full_time", "Utrecht"),
            new("Junior Marketeer", "/vacatures/junior-marketeer", Onsite, "Marketing", "part_time", "Amsterdam", "junior"),
        ]),
        new(ArrayLiteral(), [
            new("Store Associate", "/stores/jobs/store-associate-lisbon", Onsite, "Retail", "part_time", "Lisboa", "junior"),
            new("Store Manager", "/stores/jobs/store-manager-porto", Onsite, "Retail", "full_time", "Porto", "manager"),
            new("Visual Merchandiser", "/stores/jobs/visual-merchandiser-faro", Onsite, "Retail", "temporary", "Faro"),
        ]),
        new(MicrodataList(), [
            new("Pflegefachkraft (m/w/d)", "/stellenangebote/pflegefachkraft-koeln", Onsite, null, "part_time", "Köln"),
            new("Stationsleitung Intensivpflege (m/w/d)", "/stellenangebote/stationsleitung-bonn", Onsite, null, "full_time", "Bonn"),
        ]),
        new(GermanTable(), [
            new("Vertriebsmitarbeiter Innendienst (m/w/d)", "/karriere/stellen/vertriebsmitarbeiter", Onsite, "Vertrieb", "full_time", "Stuttgart"),
            new("Werkstudent Controlling (m/w/d)", "/karriere/stellen/werkstudent-controlling", Onsite, "Finanzen", "part_time", "Stuttgart", "intern"),
            new("Senior Java Entwickler (m/w/d)", "/karriere/stellen/senior-java-entwickler", Remote, "IT", "full_time", "Homeoffice", "senior"),
        ]),
        new(FrenchCards(), [
            new("Développeur Java H/F", "/carrieres/offres/developpeur-java", Onsite, "Technique", "full_time", "Nantes"),
            new("Chargé(e) de recrutement en alternance", "/carrieres/offres/charge-recrutement-alternance", Onsite, "Ressources humaines", "internship", "Lyon", "intern"),
        ]),
        new(SpanishJobPages(), [
            new("Ingeniero/a de Datos Senior", "/empleo/ofertas/ingeniero-datos", Remote, null, "full_time", "España", "senior"),
            new("Técnico/a de Soporte", "/empleo/ofertas/tecnico-soporte", Onsite, null, "part_time", "Sevilla"),
        ]),
        new(DataAttributes(), [
            new("Financial Controller", "/jobs/controller", Onsite, "Finance", "full_time", "Oslo"),
            new("Head of Finance", "/jobs/head-of-finance", Hybrid, "Finance", "full_time", "Oslo", "director"),
        ]),
        new(ItalianJobPages(), [
            new("Contabile Senior", "/lavora-con-noi/posizioni/contabile-senior", Onsite, "Amministrazione", "full_time", "Milano", "senior"),
            new("Addetto/a al magazzino", "/lavora-con-noi/posizioni/addetto-magazzino", Onsite, "Logistica", "temporary", "Bologna"),
        ]),
        new(SitemapOnly(), [
            new("Solutions Architect", "/company/open-roles/solutions-architect", Hybrid, "Presales", null, "Dublin"),
            new("Customer Success Manager", "/company/open-roles/customer-success-manager", Remote, "Customer Success", null, "Remote, Ireland", "manager"),
        ]),
        new(PageParameter(), [
            new("Bus Driver", "/vacancies/bus-driver", Onsite, null, null, "Glasgow"),
            new("Fleet Mechanic", "/vacancies/fleet-mechanic", Onsite, null, null, "Glasgow"),
            new("Route Planner", "/vacancies/route-planner", Onsite, null, null, "Edinburgh"),
        ]),
        new(Corpus.Empty(), []),

        // Boards of every ATS, embedded or linked.
        new(Corpus.GreenhouseEmbed(), [
            new("Senior Site Reliability Engineer", "https://fabrikam.example/jobs?gh_jid=1", Remote, "Infrastructure", null, "Remote - Europe", "senior"),
            new("Office Manager", "https://fabrikam.example/jobs?gh_jid=2", Onsite, null, null, "Berlin", "manager"),
        ]),
        new(Corpus.AtsEmbed("greenhouse-eu", """<a href="https://boards.eu.greenhouse.io/fabrikam">Jobs</a>"""), [
            new("Senior Site Reliability Engineer", "https://fabrikam.example/jobs?gh_jid=1", Remote, "Infrastructure", null, "Remote - Europe", "senior"),
            new("Office Manager", "https://fabrikam.example/jobs?gh_jid=2", Onsite, null, null, "Berlin", "manager"),
        ]),
        new(Corpus.AtsEmbed("lever-embed", """<a href="https://jobs.lever.co/fabrikam">See all jobs</a>"""), [
            new("Data Analyst", "https://jobs.lever.co/fabrikam/1", Hybrid, "Analytics", "full_time", "Lisbon"),
        ]),
        new(Corpus.AtsEmbed("ashby-embed", """<iframe src="https://jobs.ashbyhq.com/fabrikam/embed"></iframe>"""), [
            new("Platform Engineer", "https://jobs.ashbyhq.com/fabrikam/1", Hybrid, "Engineering", "full_time", "Berlin"),
        ]),
        new(Corpus.AtsEmbed("workable-embed", """<a href="https://apply.workable.com/fabrikam/">Openings</a>"""), [
            new("Support Engineer", "https://apply.workable.com/j/F1", Remote, "Support", "full_time", "Portugal; Madrid"),
        ]),
        new(Corpus.AtsEmbed("workable-whr-embed", """<script src="https://www.workable.com/assets/embed.js"></script><script>whr_embed(456208, {detail: 'titles'});</script>"""), [
            new("Mobile Engineer", "https://apply.workable.com/j/E1", Onsite, "Engineering", "full_time", "Athens"),
        ]),
        new(Corpus.AtsEmbed("smartrecruiters-embed", """<a href="https://careers.smartrecruiters.com/Fabrikam">Openings</a>"""), [
            new("Sales Manager", "https://jobs.smartrecruiters.com/Fabrikam/7", Onsite, "Sales", "full_time", "Madrid", "manager"),
        ]),
        new(Corpus.AtsEmbed("recruitee-embed", """<a href="https://fabrikam.recruitee.com/">Openings</a>"""), [
            new("Accountant", "https://fabrikam.recruitee.com/o/accountant", Onsite, "Finance", "full_time", "Amsterdam"),
        ]),
        new(Corpus.RecruiteeDomain(), [
            new("Store Manager", "https://careers.fabrikam.example/o/store-manager", Onsite, "Retail", "full_time", "Utrecht", "manager"),
        ]),
        new(Corpus.AtsEmbed("workday-embed", """<a href="https://fabrikam.wd3.myworkdayjobs.com/en-US/External">Open roles</a>"""), [
            new("Logistics Coordinator", "https://fabrikam.wd3.myworkdayjobs.com/External/job/Rotterdam/Logistics-Coordinator_R1", Onsite, null, null, "Rotterdam"),
        ]),
        new(Corpus.AtsEmbed("workday-site-embed", """<a href="https://wd3.myworkdaysite.com/en-US/recruiting/fabrikam/External">Open roles</a>"""), [
            new("Logistics Coordinator", "https://wd3.myworkdaysite.com/recruiting/fabrikam/External/job/Rotterdam/Logistics-Coordinator_R1", Onsite, null, null, "Rotterdam"),
        ]),
        new(Corpus.AtsEmbed("personio-embed", """<a href="https://fabrikam.jobs.personio.de/">Offene Stellen</a>"""), [
            new("Buchhalter:in (m/w/d)", "https://fabrikam.jobs.personio.de/job/77", Onsite, "Finance", "part_time", "Köln"),
        ]),
        new(Corpus.AtsEmbed("teamtailor-embed", """<a href="https://fabrikam.teamtailor.com/jobs">Jobs</a>"""), [
            new("Customer Support Agent", "https://fabrikam.teamtailor.com/jobs/123-customer-support-agent", Remote, "Support", "full_time", "Sweden"),
        ]),
        new(Corpus.AtsEmbed("pinpoint-embed", """<a href="https://fabrikam.pinpointhq.com/">Vacancies</a>"""), [
            new("Solicitor", "https://fabrikam.pinpointhq.com/en/postings/p-1", Onsite, "Legal", "full_time", "Leeds"),
        ]),
        new(Corpus.AtsEmbed("bamboohr-embed", """<a href="https://fabrikam.bamboohr.com/careers">Careers</a>"""), [
            new("Nurse Practitioner", "https://fabrikam.bamboohr.com/careers/86", Onsite, "Clinical", "part_time", "Tampa, Florida"),
        ]),
        new(Corpus.AtsEmbed("breezy-embed", """<a href="https://fabrikam.breezy.hr/">Jobs</a>"""), [
            new("QA Engineer", "https://fabrikam.breezy.hr/p/b1-qa-engineer", Remote, "Quality", "contract", "Porto"),
        ]),
        new(Corpus.AtsEmbed("rippling-embed", """<a href="https://ats.rippling.com/fabrikam/jobs">Jobs</a>"""), [
            new("Payroll Specialist", "https://ats.rippling.com/fabrikam/jobs/r-1", Onsite, "Finance", null, "Austin, TX; Denver, CO"),
            new("Senior Product Manager", "https://ats.rippling.com/fabrikam/jobs/r-2", Remote, "Product", null, "Remote (US)", "senior"),
        ]),
        new(Corpus.AtsEmbed("eightfold-embed", """<a href="https://fabrikam.eightfold.ai/careers?domain=fabrikam.example">Jobs</a>"""), [
            new("Process Engineer", "https://fabrikam.eightfold.ai/careers/job/42", Onsite, "Manufacturing", "full_time", "Lyon; Grenoble"),
        ]),
        new(Corpus.AtsEmbed("oracle-embed", """<a href="https://fabrikam.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/requisitions">Jobs</a>"""), [
            new("Bridge Inspector", "https://fabrikam.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/1001", Onsite, null, null, "Perth"),
            new("Graduate Civil Engineer", "https://fabrikam.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/1002", Hybrid, null, "full_time", "Brisbane; Sydney", "junior"),
        ]),
        new(Corpus.SuccessFactorsSite(), [
            new("Tooling Specialist", "https://jobs.fabrikam.example/job/Plattsburgh-Tooling-Specialist/101/", Onsite, null, null, "Plattsburgh"),
            new("Elektroniker (m/w/d)", "https://jobs.fabrikam.example/job/Elektroniker/102/", Onsite, null, null),
        ]),
        new(Corpus.AtsEmbed("teamtailor-rss-embed", """<a href="https://northwind.teamtailor.com/jobs">Open positions</a>"""), [
            new("Battery Cell Engineer", "https://northwind.teamtailor.com/jobs/1-battery-cell-engineer", Hybrid, "Engineering", null, "Skellefteå"),
        ]),
        new(Corpus.AtsEmbed("rippling-v1-embed", """<a href="https://api.rippling.com/platform/api/ats/v1/board/tailspin/jobs">Jobs</a>"""), [
            new("Senior Account Executive", "https://ats.rippling.com/tailspin/jobs/t-7", Remote, "Sales", null, "Remote (United States)", "senior"),
        ]),
        new(Corpus.AtsEmbed("jobylon-embed", """<div id="jobylon-jobs-widget"></div><script>jbl_company_id = 2380;</script><script src="https://cdn.jobylon.com/embedder.js"></script>"""), [
            new("Systemutvecklare", "https://emp.jobylon.com/jobs/101-systemutvecklare/", Onsite, "Engineering", "full_time", "Linköping"),
        ]),
        new(Corpus.AtsEmbed("neogov-embed", """<a href="https://www.governmentjobs.com/careers/clarkcounty">Current openings</a>"""), [
            new("Assistant/Associate Engineer", "https://www.governmentjobs.com/careers/clarkcounty/jobs/4004033/assistant-associate-engineer", Onsite, "Public Works", "full_time", "Las Vegas, NV", "junior"),
        ]),
        new(Corpus.AtsEmbed("dover-embed", """<iframe src="https://app.dover.com/jobs/fabrikam"></iframe>"""), [
            new("Founding Engineer", "https://app.dover.com/apply/fabrikam/d-1", Hybrid, null, null, "San Francisco"),
        ]),
        new(Corpus.AtsEmbed("comeet-embed", """<a href="https://www.comeet.com/jobs/fabrikam/A1.00B">Jobs</a>"""), [
            new("Customer Success Manager", "ats:/jobs/fabrikam/A1.00B/customer-success-manager/C2.0D3", Hybrid, "Customer Success", "full_time", "Tel Aviv", "manager"),
        ]),
        new(Corpus.AtsEmbed("jobvite-embed", """<a href="https://jobs.jobvite.com/fabrikam/jobs">Jobs</a>"""), [
            new("Warehouse Associate (Part-Time)", "ats:/fabrikam/job/oAbC1xyz", Onsite, null, "part_time", "Columbus, Ohio", "junior"),
            new("Grant Writer", "ats:/fabrikam/job/oDeF2uvw", Onsite, null, null, "Chicago, Illinois"),
        ]),
        new(Corpus.AtsEmbed("icims-embed", """<iframe src="https://careers-fabrikam.icims.com/jobs/intro?in_iframe=1"></iframe>"""), [
            new("Payroll Tax Specialist", "ats:/jobs/8214/payroll-tax-specialist/job", Onsite, null, null, "Madison"),
            new("Audit Senior", "ats:/jobs/8212/audit-senior/job", Onsite, null, null, "Minneapolis", "senior"),
        ]),
        new(Corpus.AtsEmbed("paylocity-embed", """<a href="https://recruiting.paylocity.com/recruiting/jobs/All/5d1a2b3c-0000-4e5f-8a9b-0c1d2e3f4a5b">Jobs</a>"""), [
            new("Power Systems Engineer", "ats:/Recruiting/Jobs/Details/101", Hybrid, "Engineering", null, "Raleigh, NC"),
            new("Grants Administrator", "ats:/Recruiting/Jobs/Details/102", Remote, null, null),
        ]),
        new(Corpus.PhenomSite(), [
            new("Senior Project Manager (German Speaker)", "/global/en/job/P-104461/Senior-Project-Manager-German-Speaker", Onsite, "Delivery", "full_time", "Rotterdam", "senior"),
            new("Revenue Development Representative", "/global/en/job/P-104504/Revenue-Development-Representative", Onsite, "Sales", "full_time", "Sydney"),
            new("Solutions Consultant", "/global/en/job/P-104600/Solutions-Consultant", Onsite, "Presales", "part_time", "Lisbon; Porto"),
        ]),
        new(Corpus.AtsEmbed("jazzhr-embed", """<a href="https://fabrikam.applytojob.com/apply">Jobs</a>"""), [
            // Its page's JobPosting says full-time; the list does not.
            new("Lab Technician", "ats:/apply/Xk9aB2cD3e/Lab-Technician", Onsite, "Research", "full_time", "Raleigh, NC"),
        ]),
    ];

    /// <summary>A Next.js careers page: the jobs are in __NEXT_DATA__, the markup is an empty mount.</summary>
    private static FixtureSite NextData() => new FixtureSite("next-data")
        .WithPage("/", """<!doctype html><html><body><a href="/careers">Careers</a></body></html>""")
        .WithPage("/careers", """
            <!doctype html><html><body><div id="__next"></div>
            <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"jobs":[
              {"id":"j1","title":"Senior iOS Engineer","url":"/careers/senior-ios-engineer","location":"Berlin, Germany","department":"Mobile","employmentType":"Full-time","remote":false},
              {"id":"j2","title":"Recruiter (Contract)","url":"/careers/recruiter-contract","location":"Remote","department":"People","employmentType":"Contract","remote":true}]}},"page":"/careers"}</script>
            </body></html>
            """);

    /// <summary>Jobs in a JavaScript object literal assigned to window (unquoted keys, single quotes).</summary>
    private static FixtureSite WindowAssignment() => new FixtureSite("window-assignment")
        .WithPage("/", """
            <!doctype html><html><body><h1>Careers</h1><div id="jobs"></div>
            <script>
              window.__CAREERS__ = { company: 'Adatum', jobs: [
                { title: 'Data Engineer', href: '/jobs/data-engineer', city: 'Madrid', team: 'Data', type: 'Permanent', workplaceType: 'hybrid' },
                { title: 'Lead Data Scientist', href: '/jobs/lead-data-scientist', city: 'Barcelona', team: 'Data', type: 'Permanent', workplaceType: 'remote' },
              ] };
              document.getElementById('jobs').textContent = 'Loading…';
            </script></body></html>
            """);

    /// <summary>An Inertia/React mount whose props are HTML-escaped JSON in data-page (Dutch words).</summary>
    private static FixtureSite InertiaPage() => new FixtureSite("inertia-page")
        .WithPage("/", """
            <!doctype html><html><body>
            <div id="app" data-page="{&quot;component&quot;:&quot;Vacatures&quot;,&quot;props&quot;:{&quot;vacatures&quot;:[{&quot;id&quot;:11,&quot;title&quot;:&quot;Backend Developer (PHP)&quot;,&quot;url&quot;:&quot;/vacatures/backend-developer&quot;,&quot;location&quot;:&quot;Utrecht&quot;,&quot;department&quot;:&quot;Development&quot;,&quot;employmentType&quot;:&quot;Fulltime&quot;,&quot;workplaceType&quot;:&quot;hybrid&quot;},{&quot;id&quot;:12,&quot;title&quot;:&quot;Junior Marketeer&quot;,&quot;url&quot;:&quot;/vacatures/junior-marketeer&quot;,&quot;location&quot;:&quot;Amsterdam&quot;,&quot;department&quot;:&quot;Marketing&quot;,&quot;employmentType&quot;:&quot;Parttime&quot;}]}}"></div>
            <script src="/js/app.js"></script></body></html>
            """);

    /// <summary>A JavaScript array literal of jobs in a store chain's page (Portuguese places).</summary>
    private static FixtureSite ArrayLiteral() => new FixtureSite("array-literal")
        .WithPage("/", """<!doctype html><html><body><a href="/stores/jobs">Work in our stores</a></body></html>""")
        .WithPage("/stores/jobs", """
            <!doctype html><html><body><h1>Store jobs</h1><ul id="list"></ul>
            <script>
              var positions = [
                { name: "Store Associate", link: "/stores/jobs/store-associate-lisbon", location: "Lisboa", category: "Retail", schedule: "Part-time" },
                { name: "Store Manager", link: "/stores/jobs/store-manager-porto", location: "Porto", category: "Retail", schedule: "Full-time" },
                { name: "Visual Merchandiser", link: "/stores/jobs/visual-merchandiser-faro", location: "Faro", category: "Retail", schedule: "Temporary" }
              ];
              positions.forEach(function (p) { document.getElementById('list').insertAdjacentHTML('beforeend', '<li>' + p.name + '</li>'); });
            </script></body></html>
            """);

    /// <summary>A list page marked up with schema.org JobPosting microdata, one item per job (German).</summary>
    private static FixtureSite MicrodataList() => new FixtureSite("microdata-list")
        .WithPage("/", """
            <!doctype html><html><body><h1>Stellenangebote</h1>
            <div itemscope itemtype="https://schema.org/JobPosting">
              <h2 itemprop="title"><a itemprop="url" href="/stellenangebote/pflegefachkraft-koeln">Pflegefachkraft (m/w/d)</a></h2>
              <span itemprop="employmentType">PART_TIME</span>
              <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place"><div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">Köln</span></div></div>
            </div>
            <div itemscope itemtype="https://schema.org/JobPosting">
              <h2 itemprop="title"><a itemprop="url" href="/stellenangebote/stationsleitung-bonn">Stationsleitung Intensivpflege (m/w/d)</a></h2>
              <span itemprop="employmentType">FULL_TIME</span>
              <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place"><div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">Bonn</span></div></div>
            </div></body></html>
            """);

    /// <summary>A German table of jobs: columns headed Stelle, Standort, Bereich, Anstellung.</summary>
    private static FixtureSite GermanTable() => new FixtureSite("german-table")
        .WithPage("/", """<!doctype html><html><body><a href="/karriere">Karriere</a></body></html>""")
        .WithPage("/karriere", """
            <!doctype html><html><body><h1>Offene Stellen</h1><table>
            <thead><tr><th>Stelle</th><th>Standort</th><th>Bereich</th><th>Anstellung</th></tr></thead>
            <tbody>
            <tr><td><a href="/karriere/stellen/vertriebsmitarbeiter">Vertriebsmitarbeiter Innendienst (m/w/d)</a></td><td>Stuttgart</td><td>Vertrieb</td><td>Vollzeit</td></tr>
            <tr><td><a href="/karriere/stellen/werkstudent-controlling">Werkstudent Controlling (m/w/d)</a></td><td>Stuttgart</td><td>Finanzen</td><td>Werkstudent</td></tr>
            <tr><td><a href="/karriere/stellen/senior-java-entwickler">Senior Java Entwickler (m/w/d)</a></td><td>Homeoffice</td><td>IT</td><td>Vollzeit</td></tr>
            </tbody></table></body></html>
            """);

    /// <summary>French job cards whose details are labelled in words ("Lieu : Nantes", "Contrat : CDI").</summary>
    private static FixtureSite FrenchCards() => new FixtureSite("french-cards")
        .WithPage("/", """<!doctype html><html><body><a href="/carrieres">Carrières</a></body></html>""")
        .WithPage("/carrieres", """
            <!doctype html><html><body><h1>Nos offres</h1>
            <article class="offre"><h3><a href="/carrieres/offres/developpeur-java">Développeur Java H/F</a></h3>
              <ul><li>Lieu : Nantes</li><li>Contrat : CDI</li><li>Service : Technique</li></ul></article>
            <article class="offre"><h3><a href="/carrieres/offres/charge-recrutement-alternance">Chargé(e) de recrutement en alternance</a></h3>
              <ul><li>Lieu : Lyon</li><li>Contrat : Alternance</li><li>Service : Ressources humaines</li></ul></article>
            </body></html>
            """);

    /// <summary>A Spanish list of titles only; each job's page carries its JobPosting JSON-LD.</summary>
    private static FixtureSite SpanishJobPages() => new FixtureSite("spanish-job-pages")
        .WithPage("/", """<!doctype html><html><body><a href="/empleo">Trabaja con nosotros</a></body></html>""")
        .WithPage("/empleo", """
            <!doctype html><html><body><h1>Ofertas de empleo</h1><ul>
            <li><a href="/empleo/ofertas/ingeniero-datos">Ingeniero/a de Datos Senior</a></li>
            <li><a href="/empleo/ofertas/tecnico-soporte">Técnico/a de Soporte</a></li>
            </ul></body></html>
            """)
        .WithPage("/empleo/ofertas/ingeniero-datos", """
            <!doctype html><html><body><h1>Ingeniero/a de Datos Senior</h1>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Ingeniero/a de Datos Senior",
              "employmentType":"FULL_TIME","jobLocationType":"TELECOMMUTE","applicantLocationRequirements":{"@type":"Country","name":"España"},
              "datePosted":"2026-11-10","description":"<p>Construye nuestra plataforma de datos.</p>"}</script></body></html>
            """)
        .WithPage("/empleo/ofertas/tecnico-soporte", """
            <!doctype html><html><body><h1>Técnico/a de Soporte</h1>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Técnico/a de Soporte",
              "employmentType":"PART_TIME","jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Sevilla","addressCountry":"ES"}},
              "datePosted":"2026-11-12","description":"<p>Atención a clientes, 20 horas semanales.</p>"}</script></body></html>
            """);

    /// <summary>List items carrying their details in data attributes.</summary>
    private static FixtureSite DataAttributes() => new FixtureSite("data-attributes")
        .WithPage("/", """
            <!doctype html><html><body><h1>Open positions</h1><ul>
            <li class="job" data-location="Oslo" data-department="Finance" data-type="full-time"><a href="/jobs/controller">Financial Controller</a></li>
            <li class="job" data-location="Oslo (hybrid)" data-department="Finance" data-type="full-time"><a href="/jobs/head-of-finance">Head of Finance</a></li>
            </ul></body></html>
            """);

    /// <summary>An Italian list whose job pages label their details in words (Sede, Contratto, Area).</summary>
    private static FixtureSite ItalianJobPages() => new FixtureSite("italian-job-pages")
        .WithPage("/", """<!doctype html><html><body><a href="/lavora-con-noi">Lavora con noi</a></body></html>""")
        .WithPage("/lavora-con-noi", """
            <!doctype html><html><body><h1>Posizioni aperte</h1><ul>
            <li><a href="/lavora-con-noi/posizioni/contabile-senior">Contabile Senior</a></li>
            <li><a href="/lavora-con-noi/posizioni/addetto-magazzino">Addetto/a al magazzino</a></li>
            </ul></body></html>
            """)
        .WithPage("/lavora-con-noi/posizioni/contabile-senior", """
            <!doctype html><html><body><main><h1>Contabile Senior</h1>
            <dl><dt>Sede</dt><dd>Milano</dd><dt>Contratto</dt><dd>Tempo pieno, indeterminato</dd><dt>Area</dt><dd>Amministrazione</dd></dl>
            <p>Gestione della contabilità generale.</p></main></body></html>
            """)
        .WithPage("/lavora-con-noi/posizioni/addetto-magazzino", """
            <!doctype html><html><body><main><h1>Addetto/a al magazzino</h1>
            <dl><dt>Sede</dt><dd>Bologna</dd><dt>Contratto</dt><dd>Tempo determinato</dd><dt>Area</dt><dd>Logistica</dd></dl>
            <p>Carico e scarico merci.</p></main></body></html>
            """);

    /// <summary>A home page that links no careers page; only the sitemap lists it.</summary>
    private static FixtureSite SitemapOnly() => new FixtureSite("sitemap-only")
        .WithPage("/", """<!doctype html><html><body><h1>Litware</h1><p>Software for builders.</p><a href="/product">Product</a></body></html>""")
        .WithPage("/sitemap.xml", new FixturePage("""
            <?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>$SITE$/product</loc></url><url><loc>$SITE$/company/open-roles</loc></url></urlset>
            """, "application/xml"))
        .WithPage("/company/open-roles", """
            <!doctype html><html><body><h1>Open roles</h1><ul>
            <li><a href="/company/open-roles/solutions-architect">Solutions Architect</a> <span class="location">Dublin (hybrid)</span> <span class="team">Presales</span></li>
            <li><a href="/company/open-roles/customer-success-manager">Customer Success Manager</a> <span class="location">Remote, Ireland</span> <span class="team">Customer Success</span></li>
            </ul></body></html>
            """);

    /// <summary>A list paged by a page parameter (?page=2), its details in a "location" class.</summary>
    private static FixtureSite PageParameter() => new FixtureSite("page-parameter")
        .WithPage("/", """
            <!doctype html><html><body><h1>Vacancies</h1><ul>
            <li><a href="/vacancies/bus-driver">Bus Driver</a> <span class="location">Glasgow</span></li>
            <li><a href="/vacancies/fleet-mechanic">Fleet Mechanic</a> <span class="location">Glasgow</span></li>
            </ul><nav class="pagination"><a href="/?page=1">1</a> <a href="/?page=2">2</a></nav></body></html>
            """)
        .WithPage("/?page=2", """
            <!doctype html><html><body><h1>Vacancies</h1><ul>
            <li><a href="/vacancies/route-planner">Route Planner</a> <span class="location">Edinburgh</span></li>
            </ul><nav class="pagination"><a href="/?page=1">1</a> <a href="/?page=2">2</a></nav></body></html>
            """);
}
