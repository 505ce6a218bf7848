using AngleSharp.Html.Parser;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.UnitTests.Infrastructure.Scraping.Extraction;

public sealed class JobPageReaderTests
{
    private static readonly Uri Page = new("https://acme.example/jobs/1");

    [Test]
    public void Labels_are_read_in_several_languages_and_shapes()
    {
        var details = Read("""
            <main><h1>Contabile</h1>
            <dl><dt>Sede</dt><dd>Milano</dd></dl>
            <p><strong>Contrat :</strong> CDI</p>
            <ul><li>Area – Amministrazione</li></ul></main>
            """, "Contabile");

        Assert.That(details.Location, Is.EqualTo("Milano"));
        Assert.That(details.EmploymentType, Is.EqualTo("CDI"));
        Assert.That(details.Department, Is.EqualTo("Amministrazione"));
    }

    [Test]
    public void A_sentence_that_begins_with_a_label_word_is_not_a_label()
    {
        var details = Read("""
            <main><h1>Barista</h1><ul>
              <li>Service orientation and a love of coffee</li>
              <li>Contract negotiation is not part of the role</li>
              <li>Area managers visit weekly</li>
            </ul></main>
            """, "Barista");

        Assert.That(details.Department, Is.Null);
        Assert.That(details.EmploymentType, Is.Null);
    }

    [Test]
    public void Microdata_postings_of_a_list_are_each_at_their_own_link()
    {
        var document = new HtmlParser().ParseDocument("""
            <div itemscope itemtype="https://schema.org/JobPosting"><h2 itemprop="title"><a itemprop="url" href="/jobs/a">Welder</a></h2>
              <span itemprop="employmentType">FULL_TIME</span></div>
            <div itemscope itemtype="https://schema.org/JobPosting"><h2 itemprop="title">Painter</h2></div>
            """);

        var postings = JobPageReader.MicrodataPostings(document, Page);

        Assert.That(postings.Select(p => (p.Title, p.Url)), Is.EqualTo(new[] { ("Welder", "https://acme.example/jobs/a"), ("Painter", Page.AbsoluteUri) }));
        Assert.That(postings[0].EmploymentTypes, Is.EqualTo(new[] { "FULL_TIME" }));
    }

    private static JobPageReader.Details Read(string html, string title) =>
        JobPageReader.Read(new HtmlParser().ParseDocument(html), Page, title);
}
