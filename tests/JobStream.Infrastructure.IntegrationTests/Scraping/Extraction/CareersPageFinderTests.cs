using JobStream.Infrastructure.Scraping.Domains;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Extraction;

public sealed class CareersPageFinderTests
{
    private static readonly CareersPageFinder CareersPageFinder = new(PublicSuffixList.Load());

    [Test]
    public void A_domain_under_a_multi_label_suffix_is_probed_as_itself_and_named_after_its_own_label()
    {
        var usual = CareersPageFinder.UsualPaths(new Uri("https://www.acme.co.uk/")).Select(u => u.AbsoluteUri).ToList();

        Assert.That(usual, Does.Contain("https://careers.acme.co.uk/").And.Contain("https://jobs.acme.co.uk/"));
        Assert.That(usual, Has.None.Contains("careers.co.uk"));
        Assert.That(CareersPageFinder.CompanyName(new Uri("https://acme.co.uk/")), Is.EqualTo("Acme"));
        Assert.That(CareersPageFinder.CompanyName(new Uri("https://careers.acme.co.uk/")), Is.EqualTo("Acme"));
        Assert.That(CareersPageFinder.CompanyName(new Uri("https://www.contoso.com/")), Is.EqualTo("Contoso"));
    }

    [Test]
    public void Careers_hosts_of_the_same_registrable_domain_count_as_the_same_site()
    {
        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("""
            <a href="https://careers.acme.co.uk/">Careers</a>
            <a href="https://careers.other.co.uk/">Jobs</a>
            """);

        var linked = CareersPageFinder.Linked(home, new Uri("https://www.acme.co.uk/")).Select(u => u.AbsoluteUri);

        Assert.That(linked, Is.EqualTo(new[] { "https://careers.acme.co.uk/" }));
    }

    [Test]
    public void The_usual_places_include_the_careers_and_jobs_subdomains_early()
    {
        var usual = CareersPageFinder.UsualPaths(new Uri("https://www.contoso.com/")).Select(u => u.AbsoluteUri).ToList();

        Assert.That(usual.Take(4), Is.EqualTo(new[] { "https://www.contoso.com/careers", "https://www.contoso.com/jobs", "https://careers.contoso.com/", "https://jobs.contoso.com/" }));
    }

    [Test]
    public void An_ip_address_has_no_subdomains_to_guess()
    {
        var usual = CareersPageFinder.UsualPaths(new Uri("http://127.0.0.1:8080/"));

        Assert.That(usual.All(u => u.Host == "127.0.0.1" && u.Port == 8080), Is.True);
    }

    [Test]
    public void Links_saying_careers_come_before_links_that_only_look_like_it_and_other_sites_are_ignored()
    {
        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("""
            <a href="/careers">Our story</a>
            <a href="/work-at-contoso">Join our team</a>
            <a href="https://careers.contoso.com/open">Open positions</a>
            <a href="https://jobs.othercompany.com/">Jobs</a>
            """);

        var linked = CareersPageFinder.Linked(home, new Uri("https://contoso.com/")).Select(u => u.AbsoluteUri);

        Assert.That(linked, Is.EqualTo(new[] { "https://contoso.com/work-at-contoso", "https://careers.contoso.com/open", "https://contoso.com/careers" }));
    }
}
