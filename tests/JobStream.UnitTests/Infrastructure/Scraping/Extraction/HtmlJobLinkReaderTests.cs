using AngleSharp.Html.Parser;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.UnitTests.Infrastructure.Scraping.Extraction;

public sealed class HtmlJobLinkReaderTests
{
    private static readonly Uri Page = new("https://acme.example/careers");

    [Test]
    public void Takes_job_shaped_links_and_skips_navigation()
    {
        var jobs = Read("""
            <a href="/careers">Careers</a>
            <a href="/careers/jobs">View all jobs</a>
            <a href="/careers/apply">Apply now</a>
            <a href="https://jobs.example-board.com/acme/positions/current">View current job openings</a>
            <a href="/jobs/open">See all open positions</a>
            <a href="/jobs/board">Job board</a>
            <a href="/about">About us</a>
            <ul>
              <li><a href="/careers/platform-engineer">Platform Engineer</a> <span class="job-location">Berlin</span></li>
              <li><a href="https://boards.example/acme?gh_jid=123">Support Specialist</a></li>
              <li><a href="/careers/platform-engineer#apply">Platform Engineer</a></li>
            </ul>
            """);

        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "Platform Engineer", "Support Specialist" }));
        Assert.That(jobs[0].Location, Is.EqualTo("Berlin"));
        Assert.That(jobs[1].Url, Is.EqualTo("https://boards.example/acme?gh_jid=123"));
    }

    [Test]
    public void Text_beside_a_title_that_reads_as_a_place_is_its_location_where_nothing_names_it()
    {
        // Cards a script drew: no class or label names the place, and one card's text is its own job's.
        var jobs = Read("""
            <div class="grid">
              <a class="card" href="/careers/backend-engineer"><h3>Backend Engineer</h3><span>Remote (EU)</span><span>Engineering</span></a>
              <a class="card" href="/careers/product-designer"><h3>Product Designer</h3><span>Design</span><span>Lisbon, Portugal - Hybrid</span></a>
              <div class="card"><a href="/careers/account-executive">Account Executive</a><p>Austin, TX</p></div>
              <div class="card"><a href="/careers/data-analyst">Data Analyst</a><p>Sales, Marketing and more</p></div>
            </div>
            """);

        Assert.That(jobs.Select(j => (j.Title, j.Location)), Is.EqualTo(new[]
        {
            ("Backend Engineer", (string?)"Remote (EU)"),
            ("Product Designer", "Lisbon, Portugal - Hybrid"),
            ("Account Executive", "Austin, TX"),
            ("Data Analyst", null),
        }));
    }

    [Test]
    public void Malformed_html_still_yields_its_jobs()
    {
        var jobs = Read("<div><ul><li><a href='/jobs/qa-engineer'>QA <b>Engineer</a><li><a href=/jobs/designer>Designer</ul></div></span></p>");

        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "QA Engineer", "Designer" }));
    }

    [Test]
    public void Reads_the_list_context_from_table_columns_data_attributes_and_labels()
    {
        var jobs = Read("""
            <table>
              <thead><tr><th>Position</th><th>Standort</th><th>Abteilung</th><th>Anstellungsart</th></tr></thead>
              <tbody>
                <tr><td><a href="/jobs/11">Backend Developer</a></td><td>München</td><td>IT</td><td>Vollzeit</td></tr>
              </tbody>
            </table>
            <div class="openings">
              <article data-location="Paris" data-department="Sales" data-type="CDI"><a href="/jobs/12">Account Manager</a></article>
              <article><a href="/jobs/13">Data Scientist</a><p><strong>Location:</strong> Toronto</p><p>Team: Research</p></article>
            </div>
            """);

        var developer = jobs.Single(j => j.Title == "Backend Developer");
        var manager = jobs.Single(j => j.Title == "Account Manager");
        var scientist = jobs.Single(j => j.Title == "Data Scientist");
        Assert.Multiple(() =>
        {
            Assert.That((developer.Location, developer.Department, developer.EmploymentTypes.Single()), Is.EqualTo(("München", "IT", "Vollzeit")));
            Assert.That((manager.Location, manager.Department, manager.EmploymentTypes.Single()), Is.EqualTo(("Paris", "Sales", "CDI")));
            Assert.That((scientist.Location, scientist.Department), Is.EqualTo(("Toronto", "Research")));
        });
    }

    private static IReadOnlyList<JobCandidate> Read(string html) => HtmlJobLinkReader.Read(new HtmlParser().ParseDocument(html), Page);

    [Test]
    public void A_row_linking_a_requisition_number_and_a_card_labelled_job_locations_are_read()
    {
        var jobs = Read("""
            <table><tr class="reqitem" data-req-id="101">
              <td class="departments">Operations</td><td class="posTitle"><a href="job-opening.php?req=101&amp;req_loc=7#job">CRM Product Owner</a></td><td>07/15/2026</td>
            </tr></table>
            <ul><li class="card"><span class="field-label">Job Locations</span><span>US-WI-Madison</span>
              <a href="/careers/jobs/202/payroll-clerk/job"><h3>Payroll Clerk</h3></a></li></ul>
            """);

        Assert.That(jobs.Select(j => (j.Title, j.Department, j.Location)), Is.EqualTo(new (string, string?, string?)[]
        {
            ("CRM Product Owner", "Operations", null),
            ("Payroll Clerk", null, "US-WI-Madison"),
        }));
        Assert.That(jobs[0].Url, Is.EqualTo("https://acme.example/job-opening.php?req=101&req_loc=7"));
    }
}
