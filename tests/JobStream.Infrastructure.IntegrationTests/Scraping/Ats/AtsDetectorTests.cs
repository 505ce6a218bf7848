using AngleSharp.Html.Parser;
using JobStream.Infrastructure.Scraping.Ats;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Ats;

public sealed class AtsDetectorTests
{
    [TestCase("https://boards.greenhouse.io/stripe", "Greenhouse", "stripe")]
    [TestCase("https://job-boards.greenhouse.io/stripe/jobs/123", "Greenhouse", "stripe")]
    [TestCase("https://boards.greenhouse.io/embed/job_board?for=Stripe&b=https://stripe.com", "Greenhouse", "stripe")]
    [TestCase("https://jobs.lever.co/spotify", "Lever", "spotify")]
    [TestCase("https://jobs.ashbyhq.com/ramp/d1183b00", "Ashby", "ramp")]
    [TestCase("https://apply.workable.com/huggingface/", "Workable", "huggingface")]
    [TestCase("https://careers.smartrecruiters.com/ServiceNow", "SmartRecruiters", "ServiceNow")]
    [TestCase("https://bunq.recruitee.com/o/ios-developer", "Recruitee", "bunq")]
    [TestCase("https://acme.wd5.myworkdayjobs.com/en-US/External/job/Hanoi/Director_JR1", "Workday", "acme/wd5/External")]
    [TestCase("https://Acme.wd1.myworkdayjobs.com/Careers", "Workday", "acme/wd1/Careers")]
    [TestCase("https://boards.greenhouse.io/embed/job_board/js?for=contoso", "Greenhouse", "contoso")]
    [TestCase("https://boards.greenhouse.io/embed/job_app?for=Contoso&token=4242", "Greenhouse", "contoso")]
    [TestCase("https://wd3.myworkdaysite.com/en-US/recruiting/contoso/External/job/Lisbon/Engineer_R1", "WorkdaySite", "contoso/wd3/External")]
    [TestCase("https://contoso.teamtailor.com/jobs", "Teamtailor", "contoso")]
    [TestCase("https://contoso.jobs.personio.de/job/1834171", "Personio", "contoso")]
    [TestCase("https://contoso.pinpointhq.com/en/postings/abc", "Pinpoint", "contoso")]
    [TestCase("https://contoso.bamboohr.com/careers/86", "BambooHr", "contoso")]
    [TestCase("https://acme.breezy.hr/p/1a2b-qa-engineer", "Breezy", "acme")]
    [TestCase("https://ats.rippling.com/acme/jobs/84d388b6", "Rippling", "acme")]
    [TestCase("https://ats.rippling.com/en-GB/acme/jobs", "Rippling", "acme")]
    [TestCase("https://albemarle.eightfold.ai/careers?domain=albemarle.com&pid=1", "Eightfold", "albemarle/albemarle.com")]
    [TestCase("https://contoso.eightfold.ai/careers", "Eightfold", "contoso/contoso.com")]
    [TestCase("https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/25587", "OracleCloud", "ejov.fa.ca2.oraclecloud.com/CX_1")]
    [TestCase("https://app.dover.com/jobs/contoso", "Dover", "contoso")]
    [TestCase("https://app.dover.com/apply/Contoso/0b1c2d3e", "Dover", "Contoso")]
    [TestCase("https://www.comeet.com/jobs/contoso/E2.007/engineer/C1.00A", "Comeet", "contoso/E2.007")]
    [TestCase("https://jobs.jobvite.com/feedingamerica/job/octxAfww", "Jobvite", "feedingamerica")]
    [TestCase("https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job", "Icims", "careers-wipfli")]
    [TestCase("https://contoso.applytojob.com/apply/jobs", "JazzHr", "contoso")]
    [TestCase("https://recruiting.paylocity.com/recruiting/jobs/All/211E692D-C45A-4E3A-AE01-3E497AF97929", "Paylocity", "211e692d-c45a-4e3a-ae01-3e497af97929")]
    [TestCase("https://www.governmentjobs.com/careers/kingcounty/jobs/5374788/principal-engineer", "Neogov", "kingcounty")]
    [TestCase("https://www.schooljobs.com/careers/SeattleSchools", "Neogov", "seattleschools@schooljobs")]
    public void Recognises_a_board_url(string url, string provider, string token)
    {
        Assert.That(Ats.Providers.Detect(new Uri(url)), Is.EqualTo(new[] { Ats.Board(provider, token) }));
    }

    [Test]
    public void An_eu_board_is_asked_on_the_eu_api_and_a_board_named_with_a_space_is_escaped_once()
    {
        var options = new AtsOptions();
        Uri ApiUrl(AtsBoard board) => board.Provider.FirstRequest(board, options).Url;
        var greenhouse = Ats.Providers.Detect(new Uri("https://boards.eu.greenhouse.io/contoso/jobs/42")).Single();
        var lever = Ats.Providers.Detect(new Uri("https://jobs.eu.lever.co/contoso")).Single();
        var ashby = Ats.Providers.Detect(new Uri("https://jobs.ashbyhq.com/Acme%20Labs")).Single();

        Assert.That(greenhouse, Is.EqualTo(Ats.Board("Greenhouse", "contoso", eu: true)));
        Assert.That(ApiUrl(greenhouse).Host, Is.EqualTo("boards-api.eu.greenhouse.io"));
        Assert.That(ApiUrl(lever).Host, Is.EqualTo("api.eu.lever.co"));
        Assert.That(ApiUrl(Ats.Providers.Detect(new Uri("https://jobs.lever.co/contoso")).Single()).Host, Is.EqualTo("api.lever.co"));
        Assert.That(ashby.Token, Is.EqualTo("Acme Labs"), "decoded once, its case kept");
        Assert.That(ApiUrl(Ats.Board("WorkdaySite", "contoso/wd3/External")).AbsoluteUri, Is.EqualTo("https://wd3.myworkdaysite.com/wday/cxs/contoso/External/jobs"));
        Assert.That(ApiUrl(ashby).AbsoluteUri, Is.EqualTo("https://api.ashbyhq.com/posting-api/job-board/Acme%20Labs?includeCompensation=false"));
    }

    [TestCase("https://example.com/careers")]
    [TestCase("https://apply.workable.com/j/19A136F8E2")]
    [TestCase("https://www.workable.com/pricing")]
    [TestCase("https://www.breezy.hr/pricing")]
    [TestCase("https://app.dover.com/login")]
    public void Ignores_what_is_not_a_company_board(string url)
    {
        Assert.That(Ats.Providers.Detect(new Uri(url)), Is.Empty);
    }

    [Test]
    public void Finds_boards_embedded_by_script_iframe_link_or_inline_script()
    {
        var document = new HtmlParser().ParseDocument("""
            <script src="https://boards.greenhouse.io/embed/job_board/js?for=acme"></script>
            <iframe src="https://jobs.ashbyhq.com/acme-ai/embed"></iframe>
            <a href="https://jobs.lever.co/acme">All jobs</a>
            <script>window.jobsUrl = "https://api.smartrecruiters.com/v1/companies/AcmeCorp/postings";</script>
            <script>whr_embed(456208, {detail: 'titles'});</script>
            """);

        Assert.That(Ats.Providers.Detect(document, new Uri("https://acme.example/careers")), Is.EquivalentTo(new[]
        {
            Ats.Board("Greenhouse", "acme"),
            Ats.Board("Ashby", "acme-ai"),
            Ats.Board("Lever", "acme"),
            Ats.Board("SmartRecruiters", "AcmeCorp"),
            Ats.Board("Workable", "456208"),
        }));
    }

    [Test]
    public void A_board_on_the_companys_own_domain_is_known_by_the_ats_own_assets_not_by_a_borrowed_image()
    {
        var page = new Uri("https://jobs.contoso.example/search/");
        var successFactors = new HtmlParser().ParseDocument("""<link rel="stylesheet" href="https://rmkcdn.successfactors.com/8a1b/main.css"><script src="/platform/js/j2w/min/j2w.core.min.js"></script>""");
        var recruitee = new HtmlParser().ParseDocument("""<meta property="og:image" content="https://careers.recruiteecdn.com/image/upload/logo.png">""");
        var borrowed = new HtmlParser().ParseDocument("""<img src="https://rmkcdn.successfactors.com/83e0592a/logo.png"><img src="https://careers.recruiteecdn.com/image/upload/x.png">""");

        Assert.That(Ats.Providers.Detect(successFactors, page), Is.EqualTo(new[] { Ats.Board("SuccessFactors", "https://jobs.contoso.example") }));
        Assert.That(Ats.Providers.Detect(recruitee, page), Is.EqualTo(new[] { Ats.Board("Recruitee", "https://jobs.contoso.example") }));
        Assert.That(Ats.Providers.Detect(borrowed, page), Is.Empty);
    }

    [TestCase("https://careers.contoso.example/global/en/search-results", "https://careers.contoso.example/global/en")]
    [TestCase("https://jobs.contoso.example/us/en/job/R-1/Engineer", "https://jobs.contoso.example/us/en")]
    [TestCase("https://contoso.example/careers", "https://contoso.example")]
    public void A_phenom_site_is_known_by_its_page_data_and_named_by_its_locale_path(string page, string token)
    {
        var document = new HtmlParser().ParseDocument("""<script>var phApp = phApp || {}; phApp.ddo = {};</script>""");

        Assert.That(Ats.Providers.Detect(document, new Uri(page)), Is.EqualTo(new[] { Ats.Board("Phenom", token) }));
    }
}
