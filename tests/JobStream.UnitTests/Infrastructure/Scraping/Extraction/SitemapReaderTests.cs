using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.UnitTests.Infrastructure.Scraping.Extraction;

public sealed class SitemapReaderTests
{
    [Test]
    public void Each_entry_has_its_own_lastmod_in_whichever_order_the_site_writes_them()
    {
        var (entries, isIndex) = SitemapReader.Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
              <url><loc>https://acme.example/careers</loc><lastmod>2026-11-30</lastmod></url>
              <url><lastmod> 2026-12-01T09:30:00+00:00 </lastmod><loc>https://acme.example/careers/jobs/1</loc>
                <image:image><image:loc>https://cdn.acme.example/team.jpg</image:loc></image:image></url>
              <url><loc>https://acme.example/about</loc></url>
            </urlset>
            """, CancellationToken.None);

        Assert.That(isIndex, Is.False);
        Assert.That(entries.Select(e => (e.Location.AbsoluteUri, e.LastModified)), Is.EqualTo(new (string, string?)[]
        {
            ("https://acme.example/careers", "2026-11-30"),
            ("https://acme.example/careers/jobs/1", "2026-12-01T09:30:00+00:00"),
            ("https://acme.example/about", null),
        }), "an image's loc is not a page of the site, and a page without lastmod has none");
    }
}
