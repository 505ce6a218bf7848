using AngleSharp.Html.Parser;
using JobStream.Infrastructure.Scraping.Ats;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Ats;

public sealed class AtsDetectorTests
{
    [TestCase("https://boards.greenhouse.io/stripe", AtsKind.Greenhouse, "stripe")]
    [TestCase("https://job-boards.greenhouse.io/stripe/jobs/123", AtsKind.Greenhouse, "stripe")]
    [TestCase("https://boards.greenhouse.io/embed/job_board?for=Stripe&b=https://stripe.com", AtsKind.Greenhouse, "stripe")]
    [TestCase("https://jobs.lever.co/spotify", AtsKind.Lever, "spotify")]
    [TestCase("https://jobs.ashbyhq.com/ramp/d1183b00", AtsKind.Ashby, "ramp")]
    [TestCase("https://apply.workable.com/huggingface/", AtsKind.Workable, "huggingface")]
    [TestCase("https://careers.smartrecruiters.com/ServiceNow", AtsKind.SmartRecruiters, "ServiceNow")]
    [TestCase("https://bunq.recruitee.com/o/ios-developer", AtsKind.Recruitee, "bunq")]
    [TestCase("https://acme.wd5.myworkdayjobs.com/en-US/External/job/Hanoi/Director_JR1", AtsKind.Workday, "acme/wd5/External")]
    [TestCase("https://Acme.wd1.myworkdayjobs.com/Careers", AtsKind.Workday, "acme/wd1/Careers")]
    [TestCase("https://boards.greenhouse.io/embed/job_board/js?for=contoso", AtsKind.Greenhouse, "contoso")]
    [TestCase("https://boards.greenhouse.io/embed/job_app?for=Contoso&token=4242", AtsKind.Greenhouse, "contoso")]
    [TestCase("https://wd3.myworkdaysite.com/en-US/recruiting/contoso/External/job/Lisbon/Engineer_R1", AtsKind.WorkdaySite, "contoso/wd3/External")]
    [TestCase("https://contoso.teamtailor.com/jobs", AtsKind.Teamtailor, "contoso")]
    [TestCase("https://contoso.jobs.personio.de/job/1834171", AtsKind.Personio, "contoso")]
    [TestCase("https://contoso.pinpointhq.com/en/postings/abc", AtsKind.Pinpoint, "contoso")]
    [TestCase("https://contoso.bamboohr.com/careers/86", AtsKind.BambooHr, "contoso")]
    [TestCase("https://acme.breezy.hr/p/1a2b-qa-engineer", AtsKind.Breezy, "acme")]
    [TestCase("https://ats.rippling.com/acme/jobs/84d388b6", AtsKind.Rippling, "acme")]
    [TestCase("https://ats.rippling.com/en-GB/acme/jobs", AtsKind.Rippling, "acme")]
    [TestCase("https://albemarle.eightfold.ai/careers?domain=albemarle.com&pid=1", AtsKind.Eightfold, "albemarle/albemarle.com")]
    [TestCase("https://contoso.eightfold.ai/careers", AtsKind.Eightfold, "contoso/contoso.com")]
    [TestCase("https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/25587", AtsKind.OracleCloud, "ejov.fa.ca2.oraclecloud.com/CX_1")]
    [TestCase("https://app.dover.com/jobs/contoso", AtsKind.Dover, "contoso")]
    [TestCase("https://app.dover.com/apply/Contoso/0b1c2d3e", AtsKind.Dover, "Contoso")]
    [TestCase("https://www.comeet.com/jobs/contoso/E2.007/engineer/C1.00A", AtsKind.Comeet, "contoso/E2.007")]
    [TestCase("https://jobs.jobvite.com/feedingamerica/job/octxAfww", AtsKind.Jobvite, "feedingamerica")]
    [TestCase("https://careers-wipfli.icims.com/jobs/8214/payroll-tax-specialist/job", AtsKind.Icims, "careers-wipfli")]
    [TestCase("https://contoso.applytojob.com/apply/jobs", AtsKind.JazzHr, "contoso")]
    [TestCase("https://recruiting.paylocity.com/recruiting/jobs/All/211E692D-C45A-4E3A-AE01-3E497AF97929", AtsKind.Paylocity, "211e692d-c45a-4e3a-ae01-3e497af97929")]
    public void Recognises_a_board_url(string url, AtsKind kind, string token)
    {
        Assert.That(AtsDetector.Detect(new Uri(url)), Is.EqualTo(new[] { new AtsBoard(kind, token) }));
    }

    [Test]
    public void An_eu_board_is_asked_on_the_eu_api_and_a_board_named_with_a_space_is_escaped_once()
    {
        var options = new AtsOptions();
        Uri ApiUrl(AtsBoard board) => AtsProviders.For(board.Kind).FirstRequest(board, options).Url;
        var greenhouse = AtsDetector.Detect(new Uri("https://boards.eu.greenhouse.io/contoso/jobs/42")).Single();
        var lever = AtsDetector.Detect(new Uri("https://jobs.eu.lever.co/contoso")).Single();
        var ashby = AtsDetector.Detect(new Uri("https://jobs.ashbyhq.com/Acme%20Labs")).Single();

        Assert.That(greenhouse, Is.EqualTo(new AtsBoard(AtsKind.Greenhouse, "contoso", Eu: true)));
        Assert.That(ApiUrl(greenhouse).Host, Is.EqualTo("boards-api.eu.greenhouse.io"));
        Assert.That(ApiUrl(lever).Host, Is.EqualTo("api.eu.lever.co"));
        Assert.That(ApiUrl(AtsDetector.Detect(new Uri("https://jobs.lever.co/contoso")).Single()).Host, Is.EqualTo("api.lever.co"));
        Assert.That(ashby.Token, Is.EqualTo("Acme Labs"), "decoded once, its case kept");
        Assert.That(ApiUrl(new AtsBoard(AtsKind.WorkdaySite, "contoso/wd3/External")).AbsoluteUri, Is.EqualTo("https://wd3.myworkdaysite.com/wday/cxs/contoso/External/jobs"));
        Assert.That(ApiUrl(ashby).AbsoluteUri, Is.EqualTo("https://api.ashbyhq.com/posting-api/job-board/Acme%20Labs?includeCompensation=false"));
    }

    [TestCase("https://example.com/careers")]
    [TestCase("https://apply.workable.com/j/19A136F8E2")]
    [TestCase("https://www.workable.com/pricing")]
    [TestCase("https://www.breezy.hr/pricing")]
    [TestCase("https://app.dover.com/login")]
    public void Ignores_what_is_not_a_company_board(string url)
    {
        Assert.That(AtsDetector.Detect(new Uri(url)), Is.Empty);
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

        Assert.That(AtsDetector.Detect(document, new Uri("https://acme.example/careers")), Is.EquivalentTo(new[]
        {
            new AtsBoard(AtsKind.Greenhouse, "acme"),
            new AtsBoard(AtsKind.Ashby, "acme-ai"),
            new AtsBoard(AtsKind.Lever, "acme"),
            new AtsBoard(AtsKind.SmartRecruiters, "AcmeCorp"),
            new AtsBoard(AtsKind.Workable, "456208"),
        }));
    }

    [Test]
    public void A_board_on_the_companys_own_domain_is_known_by_the_ats_own_assets_not_by_a_borrowed_image()
    {
        var page = new Uri("https://jobs.contoso.example/search/");
        var successFactors = new HtmlParser().ParseDocument("""<link rel="stylesheet" href="https://rmkcdn.successfactors.com/8a1b/main.css"><script src="/platform/js/j2w/min/j2w.core.min.js"></script>""");
        var recruitee = new HtmlParser().ParseDocument("""<meta property="og:image" content="https://careers.recruiteecdn.com/image/upload/logo.png">""");
        var borrowed = new HtmlParser().ParseDocument("""<img src="https://rmkcdn.successfactors.com/83e0592a/logo.png"><img src="https://careers.recruiteecdn.com/image/upload/x.png">""");

        Assert.That(AtsDetector.Detect(successFactors, page), Is.EqualTo(new[] { new AtsBoard(AtsKind.SuccessFactors, "https://jobs.contoso.example") }));
        Assert.That(AtsDetector.Detect(recruitee, page), Is.EqualTo(new[] { new AtsBoard(AtsKind.Recruitee, "https://jobs.contoso.example") }));
        Assert.That(AtsDetector.Detect(borrowed, page), Is.Empty);
    }

    [TestCase("https://careers.contoso.example/global/en/search-results", "https://careers.contoso.example/global/en")]
    [TestCase("https://jobs.contoso.example/us/en/job/R-1/Engineer", "https://jobs.contoso.example/us/en")]
    [TestCase("https://contoso.example/careers", "https://contoso.example")]
    public void A_phenom_site_is_known_by_its_page_data_and_named_by_its_locale_path(string page, string token)
    {
        var document = new HtmlParser().ParseDocument("""<script>var phApp = phApp || {}; phApp.ddo = {};</script>""");

        Assert.That(AtsDetector.Detect(document, new Uri(page)), Is.EqualTo(new[] { new AtsBoard(AtsKind.Phenom, token) }));
    }
}
