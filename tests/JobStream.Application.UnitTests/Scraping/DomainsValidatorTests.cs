using JobStream.Application.Scraping;
using JobStream.Application.Scraping.StreamScrape;
using Microsoft.Extensions.Options;

namespace JobStream.Application.UnitTests.Scraping;

public sealed class DomainsValidatorTests
{
    private readonly StreamScrapeQueryValidator _validator = new(Options.Create(new ScrapingOptions { MaxDomainsPerRequest = 3 }));

    [TestCase("example.com")]
    [TestCase("https://example.com")]
    [TestCase("http://careers.example.co.uk/jobs?team=eng")]
    [TestCase("example.com/careers")]
    [TestCase("http://127.0.0.1:8080")]
    [TestCase("https://bücher.de")]
    public void Accepts_http_urls_and_bare_host_names(string domain)
    {
        Assert.That(_validator.Validate(new StreamScrapeQuery([domain])).IsValid, Is.True);
    }

    [TestCase("ftp://example.com")]
    [TestCase("javascript:alert(1)")]
    [TestCase("file:///etc/passwd")]
    [TestCase("not a url")]
    [TestCase("careers")]
    [TestCase("")]
    [TestCase("https://user:secret@example.com")]
    [TestCase("example.com\r\nevent: injected")]
    public void Rejects_what_is_not_a_site_naming_the_item(string domain)
    {
        var result = _validator.Validate(new StreamScrapeQuery(["ok.com", domain]));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "domains[1]" }));
    }

    [Test]
    public void Rejects_a_missing_or_empty_list()
    {
        Assert.That(_validator.Validate(new StreamScrapeQuery(null)).Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "domains" }));
        Assert.That(_validator.Validate(new StreamScrapeQuery([])).Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "domains" }));
    }

    [Test]
    public void Rejects_more_domains_than_the_configured_maximum()
    {
        var result = _validator.Validate(new StreamScrapeQuery(["a.com", "b.com", "c.com", "d.com"]));

        Assert.That(result.Errors.Single().PropertyName, Is.EqualTo("domains"));
        Assert.That(result.Errors.Single().ErrorMessage, Does.Contain("At most 3"));
    }

    [Test]
    public void A_list_over_the_maximum_gets_one_error_and_its_items_are_not_checked()
    {
        var result = _validator.Validate(new StreamScrapeQuery(Enumerable.Repeat("not a url", 1_000_000).ToList()));

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("At most 3 domains per request; got 1000000."));
    }

    [Test]
    public void Rejects_duplicates_however_they_are_spelled()
    {
        var result = _validator.Validate(new StreamScrapeQuery(["example.com", "https://WWW.Example.com/", "other.com"]));

        Assert.That(result.Errors.Single().PropertyName, Is.EqualTo("domains[1]"));
        Assert.That(result.Errors.Single().ErrorMessage, Does.Contain("repeats domains[0]"));
    }

    [Test]
    public void A_null_item_is_an_error_not_a_crash()
    {
        var result = _validator.Validate(new StreamScrapeQuery(["a.com", null!]));

        Assert.That(result.Errors.Single().PropertyName, Is.EqualTo("domains[1]"));
    }

    [Test]
    public void An_overlong_value_is_echoed_shortened()
    {
        var result = _validator.Validate(new StreamScrapeQuery([new string('a', 5000)]));

        Assert.That(result.Errors.Single().ErrorMessage.Length, Is.LessThan(200));
    }
}
