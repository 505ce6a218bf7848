using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Extraction;

public sealed class JsonLdJobReaderTests
{
    private static readonly Uri Page = new("https://jobs.example.com/posting/1");

    [Test]
    public void Reads_metas_posting_by_its_nine_place_names_not_its_nine_copied_addresses()
    {
        var jobs = Read(RealFixtures.Read("jsonld/meta_software_engineer.html"));

        var job = jobs.Single();
        Assert.Multiple(() =>
        {
            Assert.That(job.Title, Is.EqualTo("Software Engineer, Infrastructure"));
            // Every address says Sunnyvale (an upstream copy); the places' names are what the page lists.
            Assert.That(job.Location, Is.EqualTo("Sunnyvale, CA; Bellevue, WA; Redmond, WA; Austin, TX; Menlo Park, CA; Seattle, WA; Burlingame, CA; Remote, US; New York, NY"));
            Assert.That(job.EmploymentTypes, Is.EqualTo(new[] { "Full-time" }));
            Assert.That(job.Summary!.Length, Is.LessThanOrEqualTo(TextCleaner.SummaryLength + 1));
        });
    }

    [Test]
    public void Reads_neura_robotics_posting_with_literal_backslash_n_in_its_description()
    {
        var job = Read(RealFixtures.Read("jsonld/neura_robotics_manager.html")).Single();

        Assert.That(job.Company, Is.EqualTo("Neura Robotics GmbH"));
        Assert.That(job.Location, Does.Contain("Metzingen"));
        Assert.That(job.Summary, Does.Not.Contain("\n"));
        Assert.That(job.Summary, Does.Not.StartWith("\u00a0"));
    }

    [Test]
    public void Places_with_their_own_addresses_are_read_by_address()
    {
        var job = Read("""
            <script type="application/ld+json">{"@type":"JobPosting","title":"Engineer","jobLocation":[
              {"@type":"Place","name":"HQ","address":{"@type":"PostalAddress","addressLocality":"Berlin","addressCountry":"DE"}},
              {"@type":"Place","name":"Lab","address":{"@type":"PostalAddress","addressLocality":"Munich","addressCountry":"DE"}}]}</script>
            """).Single();

        Assert.That(job.Location, Is.EqualTo("Berlin, DE; Munich, DE"));
    }

    [TestCase("JSONLD_with_JS_comment")]
    [TestCase("JSONLD_with_control_characters")]
    [TestCase("JSONLD_with_control_characters_comment")]
    public void Parses_invalid_json_ld_as_lenient_parsers_do(string name)
    {
        var html = RealFixtures.Read($"jsonld_invalid/{name}.html");
        var expected = JsonNode.Parse(RealFixtures.Read($"jsonld_invalid/{name}.jsonld"))!.AsArray().Single();
        var script = new HtmlParser().ParseDocument(html).QuerySelector("script[type='application/ld+json']")!.TextContent;

        using var parsed = LenientJson.TryParse(script);

        Assert.That(parsed, Is.Not.Null);
        // Re-written token by token: the raw text would still hold the comments the parser skipped.
        var actual = JsonSerializer.SerializeToNode(parsed!.RootElement);
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True, $"got {actual!.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
    }

    [Test]
    public void Finds_postings_in_graphs_lists_and_cdata()
    {
        var jobs = Read("""
            <script type="application/ld+json"><![CDATA[
            {"@graph":[{"@type":"Organization","name":"Org"},
              {"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"JobPosting","title":"Nested One","url":"/a"}}]},
              [{"@type":["JobPosting"],"title":"In An Array","url":"/b"}]]}
            ]]></script>
            <script type="APPLICATION/LD+JSON">{"@type":"JobPosting","name":"Named Not Titled",}</script>
            """);

        Assert.That(jobs.Select(j => j.Title), Is.EquivalentTo(new[] { "Nested One", "In An Array", "Named Not Titled" }));
        Assert.That(jobs.Single(j => j.Title == "Nested One").Url, Is.EqualTo("https://jobs.example.com/a"));
        Assert.That(jobs.Single(j => j.Title == "Named Not Titled").Url, Is.EqualTo(Page.AbsoluteUri));
    }

    [Test]
    public void Broken_blocks_and_postings_without_a_title_are_skipped()
    {
        var jobs = Read("""
            <script type="application/ld+json">{"@type":"JobPosting", "title": </script>
            <script type="application/ld+json">{"@type":"JobPosting","description":"no title"}</script>
            <script type="application/ld+json"></script>
            <script type="application/ld+json">{"@type":"JobPosting","title":"Survivor","url":"javascript:alert(1)"}</script>
            """);

        Assert.That(jobs.Single().Title, Is.EqualTo("Survivor"));
        Assert.That(jobs.Single().Url, Is.EqualTo(Page.AbsoluteUri), "a javascript: URL is not a job link");
    }

    private static IReadOnlyList<JobCandidate> Read(string html) =>
        JsonLdJobReader.Read(new HtmlParser().ParseDocument(html), Page);
}
