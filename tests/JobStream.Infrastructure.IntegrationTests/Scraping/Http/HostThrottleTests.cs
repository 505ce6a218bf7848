using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Http;

public sealed class HostThrottleTests
{
    [Test]
    public async Task A_site_gets_no_more_concurrent_requests_than_allowed_while_other_sites_are_not_held_up()
    {
        var options = new HttpScraperOptions { MaxConcurrentRequestsPerHost = 1, MinRequestIntervalMilliseconds = 0 };
        var throttle = new HostThrottle(Options.Create(options), TimeProvider.System);

        var first = await throttle.EnterAsync(new Uri("http://a.example/1"), default);
        var second = throttle.EnterAsync(new Uri("http://a.example/2"), default);
        var other = await throttle.EnterAsync(new Uri("http://b.example/1"), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(second.IsCompleted, Is.False, "a second request to the same site started while the first ran");
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        other.Dispose();
    }
}
