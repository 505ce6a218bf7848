using JobStream.Application.Scraping;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Hostile;

// A site that answers in ways no honest one does: each is that domain's error, said for what it is.
public sealed class HostileSiteTests
{
    [TestCase("file:///etc/passwd")]
    [TestCase("ftp://127.0.0.1/jobs")]
    [TestCase("javascript:alert(1)")]
    public async Task A_redirect_to_another_scheme_is_an_error_that_names_it(string target)
    {
        var site = new FixtureSite("elsewhere").WithPage("/", FixturePage.Redirect(target));
        await using var server = await FixtureSiteServer.StartAsync([site]);
        await using var host = new ScraperHost();

        var failure = Assert.ThrowsAsync<ScrapeFailedException>(() => host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("redirect").And.Contain(target.Split(':')[0] + ":"));
    }
}
