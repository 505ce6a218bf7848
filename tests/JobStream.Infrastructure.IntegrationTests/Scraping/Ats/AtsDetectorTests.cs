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
    public void Recognises_a_board_url(string url, AtsKind kind, string token)
    {
        Assert.That(AtsDetector.Detect(new Uri(url)), Is.EqualTo(new[] { new AtsBoard(kind, token) }));
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
