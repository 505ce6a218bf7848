using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;

namespace JobStream.Application.UnitTests.Domain;

// What a domain's result says of a scrape: never success over something that could not be read.
public sealed class ScrapeResultTests
{
    private static readonly Job Engineer = new() { Company = "Acme", Title = "Engineer", Url = "https://acme.test/jobs/1" };

    [Test]
    public void Nothing_failed_is_a_success_even_with_no_jobs()
    {
        var result = ScrapeResult.Of("acme.test", [], []);

        Assert.That((result.Status, result.Warnings, result.Error), Is.EqualTo((ScrapeStatus.Success, (IReadOnlyList<string>?)null, (string?)null)));
    }

    [Test]
    public void Jobs_beside_something_that_could_not_be_read_are_partial_with_the_warnings()
    {
        var result = ScrapeResult.Of("acme.test", [Engineer], ["the Lever board 'acme' could not be read: 404"]);

        Assert.That(result.Status, Is.EqualTo(ScrapeStatus.Partial));
        Assert.That(result.Jobs, Is.EqualTo(new[] { Engineer }));
        Assert.That(result.Warnings, Is.EqualTo(new[] { "the Lever board 'acme' could not be read: 404" }));
    }

    [Test]
    public void Nothing_read_because_something_failed_is_an_error_that_says_what()
    {
        var result = ScrapeResult.Of("acme.test", [], ["the Lever board 'acme' could not be read: 404", "page 2 of the list could not be read"]);

        Assert.That(result.Status, Is.EqualTo(ScrapeStatus.Error));
        Assert.That(result.Error, Is.EqualTo("the Lever board 'acme' could not be read: 404; page 2 of the list could not be read"));
        Assert.That(ScrapeSummary.Of([result, ScrapeResult.Of("b.test", [Engineer], ["x"]), ScrapeResult.Success("c.test", [])]), Is.EqualTo(new ScrapeSummary(3, 2, 1)), "a partial result read something");
    }
}
