using JobStream.Infrastructure.Scraping.Http;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Http;

// What asking a site comes to, as data the scraper branches on: an answer, a refusal, a failure.
public sealed class PageFetcherTests
{
    [Test]
    public async Task A_page_robots_txt_disallows_is_a_refusal_that_says_so()
    {
        var site = Corpus.StaticList("fenced").WithPage("/robots.txt", new FixturePage("User-agent: *\nDisallow: /company\n", "text/plain"));
        await using var server = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost();

        var result = await host.Get<PageFetcher>().FetchAsync(new Uri(site.Url, "/company/join"), CancellationToken.None);

        Assert.That(result, Is.InstanceOf<FetchResult<FetchedPage>.Refused>());
        Assert.That(result.Why, Is.EqualTo($"robots.txt of {site.Url.Host} disallows /company/join"));
        Assert.That(site.Requests, Has.None.EqualTo("/company/join"));
    }

    [Test]
    public async Task An_error_status_and_an_unreachable_site_are_failures_and_a_page_is_an_answer()
    {
        var site = Corpus.StaticList("mixed");
        await using var server = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost();
        var fetcher = host.Get<PageFetcher>();

        var missing = await fetcher.FetchAsync(new Uri(site.Url, "/no-such-page"), CancellationToken.None);
        var unreachable = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{Loopback.FreePort()}/"), CancellationToken.None);
        var page = await fetcher.FetchAsync(site.Url, CancellationToken.None);

        Assert.That(missing, Is.InstanceOf<FetchResult<FetchedPage>.Failed>());
        Assert.That(missing.Why, Does.Contain("HTTP 404"));
        Assert.That(unreachable, Is.InstanceOf<FetchResult<FetchedPage>.Failed>());
        Assert.That(unreachable.Why, Does.Contain("connection refused"));
        Assert.That(page.Value?.Document, Is.Not.Null);
        Assert.That(page.Why, Is.Empty);
    }
}
