using System.Globalization;
using System.Text;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Watches;

/// <summary>
/// A loopback career site that lists its jobs as links, gives each job its own page (JobPosting JSON-LD),
/// and dates every page in its sitemap, as sites run on a CMS do. A test changes the jobs, the dates, or both.
/// </summary>
public sealed class SitemapSite(string name, bool validators = false)
{
    public FixtureSite Site { get; } = new FixtureSite(name) { Validators = validators }
        .WithPage("/", "<!doctype html><html><body><h1>Contoso</h1><a href=\"/careers\">Careers</a></body></html>");

    public string Domain => Site.Url.AbsoluteUri.TrimEnd('/');

    /// <param name="jobs">Each job's slug, title, and the date its sitemap entry gives (null: the entry has none).</param>
    public void Show(params (string Slug, string Title, string? Modified)[] jobs)
    {
        var list = string.Concat(jobs.Select(j => $"<li><a href=\"/careers/jobs/{j.Slug}\">{j.Title}</a></li>"));
        Site.WithPage("/careers", $"<!doctype html><html><body><h1>Open roles</h1><ul>{list}</ul></body></html>");
        var sitemap = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        sitemap.Append(CultureInfo.InvariantCulture, $"<url><loc>{FixturePage.SiteRoot}/</loc><lastmod>2026-01-01</lastmod></url>");
        sitemap.Append(CultureInfo.InvariantCulture, $"<url><loc>{FixturePage.SiteRoot}/about</loc><lastmod>{DateTime.UtcNow:O}</lastmod></url>"); // outside the careers pages: changes every time
        sitemap.Append(CultureInfo.InvariantCulture, $"<url><loc>{FixturePage.SiteRoot}/careers</loc><lastmod>{jobs.Select(j => j.Modified).Max()}</lastmod></url>");
        foreach (var (slug, title, modified) in jobs)
        {
            var posting = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "JobPosting",
                ["title"] = title,
                ["datePosted"] = "2026-11-20",
                ["employmentType"] = "FULL_TIME",
                ["jobLocation"] = new Dictionary<string, object> { ["@type"] = "Place", ["address"] = new Dictionary<string, object> { ["@type"] = "PostalAddress", ["addressLocality"] = "Lisbon" } },
                ["description"] = $"<p>{title} at Contoso, as of {modified ?? "today"}.</p>", // on the job's page alone
            });
            Site.WithPage($"/careers/jobs/{slug}", $"<!doctype html><html><head><script type=\"application/ld+json\">{posting}</script></head><body><h1>{title}</h1></body></html>");
            sitemap.Append(CultureInfo.InvariantCulture, $"<url><loc>{FixturePage.SiteRoot}/careers/jobs/{slug}</loc>{(modified is null ? "" : $"<lastmod>{modified}</lastmod>")}</url>");
        }
        Site.WithPage("/sitemap.xml", new FixturePage(sitemap.Append("</urlset>").ToString(), "application/xml"));
    }

    public void DropSitemap() => Site.WithPage("/sitemap.xml", new FixturePage("not found", "text/plain", Status: 404));
}
