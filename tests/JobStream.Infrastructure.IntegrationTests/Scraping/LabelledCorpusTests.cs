using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping;

// The labelled corpus as a regression check: the figures docs/benchmarks.md reports (bench/run.sh
// quality) must not fall below the targets. Real sockets, the real scraper, Chromium for the
// script-rendered site.
[NonParallelizable]
public sealed class LabelledCorpusTests
{
    [Test]
    public async Task The_scraper_finds_what_a_person_would_with_the_fields_a_person_reads()
    {
        var labelled = LabelledCorpus.Sites();
        await using var server = await FixtureSiteServer.StartAsync([.. labelled.Select(l => l.Site), Corpus.FakeAts()]);
        await using var host = new ScraperHost([.. Corpus.AtsTemplates(server["fake-ats"])]);

        var result = await CorpusResult.MeasureAsync(host.Scraper, labelled, server["fake-ats"]);

        var misses = string.Join(Environment.NewLine, result.Misses);
        Assert.Multiple(() =>
        {
            Assert.That(result.Sites, Is.GreaterThanOrEqualTo(40));
            Assert.That(result.Precision, Is.GreaterThanOrEqualTo(0.97), misses);
            Assert.That(result.Recall, Is.GreaterThanOrEqualTo(0.97), misses);
            Assert.That(result.Location, Is.GreaterThanOrEqualTo(0.95), misses);
            Assert.That(result.LocationType, Is.GreaterThanOrEqualTo(0.95), misses);
            Assert.That(result.EmploymentType, Is.GreaterThanOrEqualTo(0.95), misses);
            Assert.That(result.Seniority, Is.GreaterThanOrEqualTo(0.95), misses);
        });
    }
}
