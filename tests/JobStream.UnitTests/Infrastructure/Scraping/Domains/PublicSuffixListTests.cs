using JobStream.Infrastructure.Scraping.Domains;

namespace JobStream.UnitTests.Infrastructure.Scraping.Domains;

public sealed class PublicSuffixListTests
{
    private static readonly PublicSuffixList List = PublicSuffixList.Load();

    [TestCase("acme.co.uk", "acme.co.uk")]
    [TestCase("careers.acme.co.uk", "acme.co.uk")]
    [TestCase("www.example.com", "example.com")]
    [TestCase("Jobs.Example.COM.", "example.com")]
    [TestCase("alice.github.io", "alice.github.io")]
    [TestCase("www.city.kawasaki.jp", "city.kawasaki.jp")]
    [TestCase("a.b.foo.ck", "b.foo.ck")]
    [TestCase("www.ck", "www.ck")]
    [TestCase("bücher.de", "xn--bcher-kva.de")]
    [TestCase("co.uk", "co.uk")]
    [TestCase("intranet", "intranet")]
    [TestCase("127.0.0.1", "127.0.0.1")]
    public void The_registrable_domain_is_the_public_suffix_and_one_label(string host, string expected)
    {
        Assert.That(List.RegistrableDomain(host), Is.EqualTo(expected));
    }

    [Test]
    public void The_bundled_copy_is_a_whole_list()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("JobStream.Infrastructure.public_suffix_list.dat");
        Assert.That(stream, Is.Not.Null);
        using var reader = new StreamReader(stream!);
        var bundled = new PublicSuffixList(reader);

        Assert.That(bundled.Count, Is.GreaterThan(5000));
        Assert.That(bundled.RegistrableDomain("careers.acme.co.uk"), Is.EqualTo("acme.co.uk"));
    }
}
