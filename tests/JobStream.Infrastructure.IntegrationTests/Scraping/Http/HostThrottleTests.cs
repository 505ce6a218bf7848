using JobStream.Infrastructure.Scraping.Domains;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Http;

public sealed class HostThrottleTests
{
    private static readonly PublicSuffixList Suffixes = PublicSuffixList.Load();

    [Test]
    public async Task A_site_gets_no_more_concurrent_requests_than_allowed_while_other_sites_are_not_held_up()
    {
        using var throttle = Throttle(TimeProvider.System);

        var first = await throttle.EnterAsync(new Uri("http://a.example/1"), default);
        var second = throttle.EnterAsync(new Uri("http://a.example/2"), default);
        var other = await throttle.EnterAsync(new Uri("http://b.example/1"), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(second.IsCompleted, Is.False, "a second request to the same site started while the first ran");
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        other.Dispose();
    }

    [Test]
    public async Task The_hosts_of_one_registrable_domain_are_one_site()
    {
        using var throttle = Throttle(TimeProvider.System);

        var careers = await throttle.EnterAsync(new Uri("https://careers.acme.co.uk/"), default);
        var jobs = throttle.EnterAsync(new Uri("https://jobs.acme.co.uk/"), default);
        var neighbour = await throttle.EnterAsync(new Uri("https://careers.other.co.uk/"), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(jobs.IsCompleted, Is.False, "jobs.acme.co.uk went ahead of careers.acme.co.uk's request");
        Assert.That(throttle.SiteOf(new Uri("http://127.0.0.1:8001/")), Is.Not.EqualTo(throttle.SiteOf(new Uri("http://127.0.0.1:8002/"))), "addresses are sites by port");
        careers.Dispose();
        (await jobs.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        neighbour.Dispose();
    }

    [Test]
    public async Task A_site_idle_for_a_minute_is_forgotten_and_one_in_use_is_not()
    {
        var time = new FakeTimeProvider();
        using var throttle = Throttle(time);
        (await throttle.EnterAsync(new Uri("https://idle.example/"), default)).Dispose();
        var held = await throttle.EnterAsync(new Uri("https://busy.example/"), default);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.That(throttle.Count, Is.EqualTo(1), "only the site with a request in flight is remembered");
        held.Dispose();
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(throttle.Count, Is.Zero);
    }

    private static HostThrottle Throttle(TimeProvider time) =>
        new(Options.Create(new HttpScraperOptions { MaxConcurrentRequestsPerHost = 1, MinRequestIntervalMilliseconds = 0 }), Suffixes, time);
}
