using JobStream.Domain.Scraping;

namespace JobStream.Application.UnitTests.Domain;

public sealed class SiteAddressTests
{
    [Test]
    public void A_bare_host_becomes_an_https_url()
    {
        Assert.That(SiteAddress.TryParse("example.com", out var site), Is.True);
        Assert.That(site!.Uri.AbsoluteUri, Is.EqualTo("https://example.com/"));
    }

    [Test]
    public void Scheme_www_case_and_trailing_slash_do_not_change_the_key()
    {
        Assert.That(SiteAddress.TryParse("http://WWW.Example.com/careers/", out var a), Is.True);
        Assert.That(SiteAddress.TryParse("example.com/careers", out var b), Is.True);

        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void Different_ports_are_different_sites()
    {
        Assert.That(SiteAddress.TryParse("http://127.0.0.1:8001", out var a), Is.True);
        Assert.That(SiteAddress.TryParse("http://127.0.0.1:8002", out var b), Is.True);

        Assert.That(a, Is.Not.EqualTo(b));
    }
}
