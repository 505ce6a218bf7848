using System.Net;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// Thousands of loopback career sites for the scale benchmarks (<see cref="ScrapeAtScale"/>),
/// spread over 127.0.0.1-127.0.0.8, each on a port of its own: a robots.txt, a home page linking its careers
/// page, a careers page listing three jobs by title, and each job's own page with its JobPosting. One in ten
/// answers slowly (1-2 s a page), the rest after 10-100 ms; one in forty answers 500 and one in forty has
/// no pages (404).
/// </summary>
internal sealed class ScaleSites : IAsyncDisposable
{
    public const int Addresses = 8;
    private readonly List<FixtureSiteServer> _servers;

    private ScaleSites(List<FixtureSite> sites, List<FixtureSiteServer> servers)
    {
        Sites = sites;
        _servers = servers;
    }

    public IReadOnlyList<FixtureSite> Sites { get; }

    /// <summary>The sites that have pages to read.</summary>
    public IEnumerable<FixtureSite> Working => Sites.Where(site => site.Pages.Count > 0 && site.Pages["/"].Status == 200);

    /// <summary>The slowest working site (its pages answer after the longest delay).</summary>
    public FixtureSite Slowest => Working.MaxBy(site => site.Delay)!;

    public int Requests => Sites.Sum(site => site.Requests.Count);

    public static async Task<ScaleSites> StartAsync(int count)
    {
        var sites = Enumerable.Range(0, count).Select(Site).ToList();
        var servers = new List<FixtureSiteServer>();
        for (var a = 0; a < Addresses; a++)
        {
            var share = sites.Where((_, i) => i % Addresses == a).ToList();
            servers.Add(await FixtureSiteServer.StartAsync(share, IPAddress.Parse($"127.0.0.{a + 1}"), keepAlive: TimeSpan.FromSeconds(2)));
        }
        return new ScaleSites(sites, servers);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private static FixtureSite Site(int i)
    {
        // Spread by a multiplier prime to the count, so slow and failing sites are not bunched together.
        var spread = i * 7919 % 1000;
        var delay = i % 10 == 7
            ? TimeSpan.FromMilliseconds(1000 + spread)
            : TimeSpan.FromMilliseconds(10 + spread * 90 / 1000);
        var site = new FixtureSite($"scale{i}") { Delay = delay };
        if (i % 40 == 39)
        {
            return site; // no pages at all
        }
        if (i % 40 == 19)
        {
            return site.WithPage("/", new FixturePage("busy", "text/plain", Status: 500));
        }
        var company = $"Company {i}";
        var jobs = new[] { ("platform-engineer", "Platform Engineer", "Berlin, Germany"), ("product-designer", "Product Designer", "Remote"), ("account-executive", "Account Executive", "Austin, TX") };
        site.WithPage("/robots.txt", new FixturePage("User-agent: *\nDisallow: /admin\n", "text/plain"))
            .WithPage("/", $"""
                <!doctype html><html><head><title>{company}</title><meta property="og:site_name" content="{company}"></head><body>
                <nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/careers">Careers</a> <a href="/blog">Blog</a></nav>
                <h1>{company} makes things</h1><p>{string.Concat(Enumerable.Repeat("We build software for people who build things. ", 20))}</p>
                </body></html>
                """)
            .WithPage("/careers", $"""
                <!doctype html><html><head><title>Careers at {company}</title></head><body>
                <h1>Open positions</h1><ul>
                {string.Concat(jobs.Select(job => $"<li><a href=\"/careers/jobs/{job.Item1}\">{job.Item2}</a></li>"))}
                </ul></body></html>
                """);
        var description = string.Concat(Enumerable.Repeat("You will work with a small team on what matters. ", 12));
        foreach (var (slug, title, place) in jobs)
        {
            var posting = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "JobPosting",
                ["title"] = title,
                ["datePosted"] = "2026-11-20",
                ["employmentType"] = "FULL_TIME",
                ["hiringOrganization"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = company },
                ["jobLocation"] = new Dictionary<string, object> { ["@type"] = "Place", ["address"] = new Dictionary<string, string> { ["@type"] = "PostalAddress", ["addressLocality"] = place } },
                ["description"] = $"<p>{description}</p>",
            });
            site.WithPage($"/careers/jobs/{slug}", $"""
                <!doctype html><html><head><title>{title} at {company}</title>
                <script type="application/ld+json">{posting}</script>
                </head><body><h1>{title}</h1><p>{place}</p><p>{description}</p></body></html>
                """);
        }
        return site;
    }
}
