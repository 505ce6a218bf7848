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
    public void Recognises_a_board_url(string url, AtsKind kind, string token)
    {
        Assert.That(AtsDetector.Detect(new Uri(url)), Is.EqualTo(new[] { new AtsBoard(kind, token) }));
    }

    [Test]
    public void An_eu_board_is_asked_on_the_eu_api_and_a_board_named_with_a_space_is_escaped_once()
    {
        var options = new AtsOptions();
        var greenhouse = AtsDetector.Detect(new Uri("https://boards.eu.greenhouse.io/contoso/jobs/42")).Single();
        var lever = AtsDetector.Detect(new Uri("https://jobs.eu.lever.co/contoso")).Single();
        var ashby = AtsDetector.Detect(new Uri("https://jobs.ashbyhq.com/Acme%20Labs")).Single();

        Assert.That(greenhouse, Is.EqualTo(new AtsBoard(AtsKind.Greenhouse, "contoso", Eu: true)));
        Assert.That(options.ApiUrl(greenhouse).Host, Is.EqualTo("boards-api.eu.greenhouse.io"));
        Assert.That(options.ApiUrl(lever).Host, Is.EqualTo("api.eu.lever.co"));
        Assert.That(options.ApiUrl(AtsDetector.Detect(new Uri("https://jobs.lever.co/contoso")).Single()).Host, Is.EqualTo("api.lever.co"));
        Assert.That(ashby.Token, Is.EqualTo("Acme Labs"), "decoded once, its case kept");
        Assert.That(options.ApiUrl(new AtsBoard(AtsKind.WorkdaySite, "contoso/wd3/External")).AbsoluteUri, Is.EqualTo("https://wd3.myworkdaysite.com/wday/cxs/contoso/External/jobs"));
        Assert.That(options.ApiUrl(ashby).AbsoluteUri, Is.EqualTo("https://api.ashbyhq.com/posting-api/job-board/Acme%20Labs?includeCompensation=false"));
    }

    [TestCase("https://example.com/careers")]
    [TestCase("https://apply.workable.com/j/19A136F8E2")]
    [TestCase("https://www.workable.com/pricing")]
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
            """);

        Assert.That(AtsDetector.Detect(document), Is.EquivalentTo(new[]
        {
            new AtsBoard(AtsKind.Greenhouse, "acme"),
            new AtsBoard(AtsKind.Ashby, "acme-ai"),
            new AtsBoard(AtsKind.Lever, "acme"),
            new AtsBoard(AtsKind.SmartRecruiters, "AcmeCorp"),
        }));
    }
}
