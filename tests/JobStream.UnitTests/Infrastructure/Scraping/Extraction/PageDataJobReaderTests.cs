using AngleSharp.Html.Parser;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.UnitTests.Infrastructure.Scraping.Extraction;

// Jobs held as data for a page's scripts, in the shapes career sites use; nothing is run.
public sealed class PageDataJobReaderTests
{
    private static readonly Uri Page = new("https://careers.contoso.com/en/jobs");

    [Test]
    public void Reads_an_object_literal_assigned_to_a_window_property_with_unquoted_keys_and_single_quotes()
    {
        var jobs = Read("""
            <script>
              window.pageData = { nav: [{ title: 'Home', url: '/' }, { title: 'About' }],
                jobs: [
                  { title: 'Backend Engineer', url: '/jobs/backend-engineer', location: { city: 'Berlin' }, department: 'Engineering', workplaceType: 'hybrid' },
                  { title: 'Recruiter', url: `/jobs/recruiter`, location: 'Remote, EU', remote: true, postedDate: '2026-11-02' },
                ] };
              trackPage(window.pageData);
            </script>
            """);

        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "Backend Engineer", "Recruiter" }), "the menu is not a list of jobs");
        Assert.Multiple(() =>
        {
            Assert.That(jobs[0].Url, Is.EqualTo("https://careers.contoso.com/jobs/backend-engineer"));
            Assert.That(jobs[0].Location, Is.EqualTo("Berlin"));
            Assert.That(jobs[0].Department, Is.EqualTo("Engineering"));
            Assert.That(jobs[0].StatedLocationType, Is.EqualTo(LocationType.Hybrid));
            Assert.That(jobs[0].Source, Is.EqualTo(ExtractionSource.PageData));
            Assert.That(jobs[1].StatedLocationType, Is.EqualTo(LocationType.Remote));
            Assert.That(jobs[1].PostedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void Reads_phenoms_data_object_whose_jobs_have_ids_not_links()
    {
        var jobs = Read("""
            <script type="text/javascript">
            var phApp = phApp || {}; phApp.ddo = {"eagerLoadRefineSearch":{"status":200,"data":{"jobs":[
              {"jobSeqNo":"CON123","title":"Site Reliability Engineer","city":"Dublin","country":"Ireland","category":"Operations","type":"Full time"},
              {"jobSeqNo":"CON124","title":"Sales Manager","city":"Madrid","category":"Sales","type":"Part time"}]}}};
            </script>
            """);

        Assert.That(jobs, Has.Count.EqualTo(2));
        Assert.That(jobs[0].Url, Is.EqualTo("https://careers.contoso.com/en/jobs#CON123"));
        Assert.That(jobs[0].Location, Is.EqualTo("Dublin"));
        Assert.That(jobs[0].EmploymentTypes, Is.EqualTo(new[] { "Full time" }));
        Assert.That(jobs[1].Department, Is.EqualTo("Sales"));
    }

    [Test]
    public void Reads_an_html_escaped_data_page_attribute_and_next_data()
    {
        var jobs = Read("""
            <div id="app" data-page="{&quot;component&quot;:&quot;Jobs&quot;,&quot;props&quot;:{&quot;openings&quot;:[{&quot;id&quot;:7,&quot;name&quot;:&quot;Product Designer&quot;,&quot;href&quot;:&quot;https://careers.contoso.com/o/7&quot;,&quot;location_name&quot;:&quot;Lisbon&quot;}]}}"></div>
            <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"positions":[{"id":"a1","title":"QA Engineer","absolute_url":"https://careers.contoso.com/p/a1","descriptionPlain":"Test &amp; automate."}]}}}</script>
            """);

        Assert.That(jobs.Select(j => (j.Title, j.Url)), Is.EquivalentTo(new[]
        {
            ("QA Engineer", "https://careers.contoso.com/p/a1"),
            ("Product Designer", "https://careers.contoso.com/o/7"),
        }));
        Assert.That(jobs.Single(j => j.Title == "Product Designer").Location, Is.EqualTo("Lisbon"));
        Assert.That(jobs.Single(j => j.Title == "QA Engineer").Summary, Is.EqualTo("Test & automate."));
    }

    [Test]
    public void Reads_a_large_array_literal_and_json_parse_strings_but_runs_nothing()
    {
        var items = string.Join(",", Enumerable.Range(1, 125).Select(i => $"{{jobId:{i},jobTitle:'Role {i}',jobUrl:'/job/{i}'}}"));
        var jobs = Read($$"""
            <script>var allJobs = [{{items}}]; document.title = 'x';</script>
            <script>window.__STATE__ = JSON.parse("{\"jobs\":[{\"title\":\"Parsed Job\",\"url\":\"/parsed\"}]}");</script>
            <script>window.evil = { title: 'Not run', url: (function(){ throw new Error('ran'); })() };</script>
            """);

        Assert.That(jobs.Count(j => j.Title.StartsWith("Role ", StringComparison.Ordinal)), Is.EqualTo(125));
        Assert.That(jobs.Select(j => j.Title), Does.Contain("Parsed Job"));
        Assert.That(jobs.Select(j => j.Title), Does.Not.Contain("Not run"), "a call is not a literal: the object has no url, and nothing ran");
    }

    [Test]
    public void A_script_that_does_not_parse_is_skipped()
    {
        Assert.That(Read("<script>var jobs = [{ title: 'Broken', url: '/b' ;</script>"), Is.Empty);
    }

    private static IReadOnlyList<JobCandidate> Read(string html) =>
        PageDataJobReader.Read(new HtmlParser().ParseDocument($"<!doctype html><html><body>{html}</body></html>"), Page);
}
