using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Watches;

/// <summary>
/// A loopback career site whose jobs a test changes between runs: its careers page lists them as
/// JobPosting JSON-LD, as many real sites do. <see cref="Fail"/> makes every page answer 503.
/// </summary>
public sealed class ChangingSite
{
    public ChangingSite(string name, bool validators = false)
    {
        Site = new FixtureSite(name) { Validators = validators }.WithPage("/", "<!doctype html><html><body><h1>Northwind</h1><a href=\"/careers\">Careers</a></body></html>");
    }

    public FixtureSite Site { get; }

    public string Domain => Site.Url.AbsoluteUri.TrimEnd('/');

    public void Show(params (string Slug, string Title, string Location)[] jobs)
    {
        var postings = jobs.Select(j => new Dictionary<string, object>
        {
            ["@type"] = "JobPosting",
            ["title"] = j.Title,
            ["url"] = $"/careers/{j.Slug}",
            ["datePosted"] = "2026-11-20",
            ["employmentType"] = "FULL_TIME",
            ["hiringOrganization"] = new Dictionary<string, object> { ["@type"] = "Organization", ["name"] = "Northwind" },
            ["jobLocation"] = new Dictionary<string, object> { ["@type"] = "Place", ["address"] = new Dictionary<string, object> { ["@type"] = "PostalAddress", ["addressLocality"] = j.Location } },
            ["description"] = $"<p>{j.Title} at Northwind.</p>",
        });
        var graph = JsonSerializer.Serialize(new Dictionary<string, object> { ["@context"] = "https://schema.org", ["@graph"] = postings });
        Site.WithPage("/", "<!doctype html><html><body><h1>Northwind</h1><a href=\"/careers\">Careers</a></body></html>");
        Site.WithPage("/careers", $"<!doctype html><html><body><h1>Careers</h1><script type=\"application/ld+json\">{graph}</script></body></html>");
    }

    public void Fail()
    {
        Site.WithPage("/", new FixturePage("down for maintenance", "text/plain", Status: 503));
        Site.WithPage("/careers", new FixturePage("down for maintenance", "text/plain", Status: 503));
    }
}
