using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Enrichment;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Hostile;

// What a site controls (its pages, sitemaps, robots.txt, feeds) shaped to make a parse slow or large.
// Each input here held a core for minutes to hours, or hundreds of megabytes, before its parse was made
// linear and bounded; each test waits at most a minute for what now takes milliseconds.
public sealed class HostileParsingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Test]
    public void No_regex_in_the_scraper_can_backtrack()
    {
        var regexes = typeof(PageFetcher).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(method => method.ReturnType == typeof(Regex) && method.GetParameters().Length == 0 && !method.IsGenericMethodDefinition)
            .Select(method => (Name: $"{method.DeclaringType!.Name}.{method.Name}", Regex: (Regex)method.Invoke(null, null)!))
            .Concat(Enum.GetValues<WordSense>().Select(sense => (Name: $"{nameof(JobVocabulary)}.{sense}", Regex: JobVocabulary.PatternOf(sense))))
            .ToList();

        Assert.That(regexes, Has.Count.GreaterThan(60), "the generated regexes and the vocabulary's were found");
        Assert.That(regexes.Where(r => !r.Regex.Options.HasFlag(RegexOptions.NonBacktracking)).Select(r => r.Name), Is.Empty,
            "these regexes backtrack: a site's text could hold a core with them");
    }

    [Test]
    public async Task A_sitemap_loc_padded_with_a_megabyte_of_spaces_is_read_at_once()
    {
        var padding = new string(' ', 1024 * 1024);
        var site = new FixtureSite("padded-sitemap")
            .WithPage("/", "<!doctype html><html><body><h1>Tailspin</h1><a href=\"/about\">About</a></body></html>")
            .WithPage("/de/karriere", Corpus.JsonLd().Pages["/careers"]);
        await using var server = await FixtureSiteServer.StartAsync([site]);
        site.WithPage("/sitemap.xml", new FixturePage($"<?xml version=\"1.0\"?><urlset><url><loc>{padding}</loc></url><url><loc>{padding}{site.Url}de/karriere{padding}</loc></url></urlset>", "application/xml"));
        await using var host = new ScraperHost();

        var jobs = (await host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None).WaitAsync(Patience)).Jobs;

        Assert.That(jobs, Has.Count.EqualTo(2), "the careers page the sitemap names was found through it");
    }

    [Test]
    public void A_broken_sitemap_gives_the_addresses_before_the_break_and_no_entities_from_outside()
    {
        var (entries, isIndex) = SitemapReader.Read("""
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <sitemapindex><sitemap><loc> https://a.example/jobs.xml </loc></sitemap><sitemap><loc>&x;</loc></sitemap><sitemap><loc>https://a.example/b
            """, CancellationToken.None);

        Assert.That(isIndex, Is.True);
        Assert.That(entries.Select(e => e.Location.AbsoluteUri), Is.EqualTo(new[] { "https://a.example/jobs.xml" }));
    }

    [TestCase("<", 2_000_000)]
    [TestCase("<!--", 500_000)]
    [TestCase("<b ", 500_000)]
    [TestCase("&lt;b ", 300_000)]
    public async Task A_description_of_unclosed_tags_is_cleaned_at_once(string unit, int count)
    {
        var description = "<p>Build pipelines</p>" + string.Concat(Enumerable.Repeat(unit, count));

        var summary = await Task.Run(() => TextCleaner.Summarize(description)).WaitAsync(Patience);

        Assert.That(summary, Does.StartWith("Build pipelines"));
        Assert.That(summary!.Length, Is.LessThanOrEqualTo(TextCleaner.SummaryLength + 1));
    }

    [Test]
    public void A_robots_txt_is_read_to_500_KiB_and_held_in_about_its_size()
    {
        var text = new StringBuilder("User-agent: *\n");
        for (var i = 0; text.Length < 4 * 1024 * 1024; i++)
        {
            text.Append("Disallow: /private/").Append(i).Append("/*.pdf$\n");
        }
        text.Append("Disallow: /careers\n"); // past the first 500 KiB: not read
        var body = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.ToString()), 0, RobotsRules.MaxBytes);

        var rules = RobotsRules.Parse(body, "JobStreamBot");

        Assert.That(rules.IsAllowed(new Uri("https://a.example/careers")), Is.True);
        Assert.That(rules.IsAllowed(new Uri("https://a.example/private/7/cv.pdf")), Is.False);
        Assert.That(rules.IsAllowed(new Uri("https://a.example/private/7/cv.pdf?page=2")), Is.True);
        Assert.That(rules.ApproximateBytes, Is.LessThan(8L * RobotsRules.MaxBytes), "what is kept is a small multiple of what was read, not ~75×");
    }

    [Test]
    public async Task A_rule_of_many_wildcards_matches_a_long_path_at_once()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /" + string.Concat(Enumerable.Repeat("*a", 2000)) + "b$\n", "JobStreamBot");
        var path = new Uri("https://a.example/" + new string('a', 100_000));

        var allowed = await Task.Run(() => rules.IsAllowed(path)).WaitAsync(Patience);

        Assert.That(allowed, Is.True);
    }

    [TestCase("/*/jobs/*.html$", "/en/jobs/1.html", false)]
    [TestCase("/*/jobs/*.html$", "/en/jobs/1.html?x", true)]
    [TestCase("/*/jobs/*.html", "/en/jobs/1.html?x", false)]
    [TestCase("/a*b*c", "/a-c-b", true)]
    [TestCase("/a*b*c", "/a-b-c-b", false)]
    [TestCase("/*$", "/anything", false)]
    [TestCase("/job$", "/jobs", true)]
    [TestCase("/job$", "/job", false)]
    public void Wildcards_and_end_anchors_match_as_rfc_9309_says(string pattern, string path, bool allowed)
    {
        var rules = RobotsRules.Parse($"User-agent: *\nDisallow: {pattern}\n", "JobStreamBot");

        Assert.That(rules.IsAllowed(new Uri("https://a.example" + path)), Is.EqualTo(allowed));
    }

    [Test]
    public void The_robots_cache_stays_within_its_bytes_however_many_large_files_it_sees()
    {
        var text = "User-agent: *\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"Disallow: /p/{i}/x\n"));
        var cache = new RobotsCache(TimeProvider.System);

        for (var site = 0; site < 300; site++)
        {
            cache.Store(new Uri($"https://site{site}.example/"), RobotsRules.Parse(text, "JobStreamBot"));
        }

        Assert.That(cache.Bytes, Is.LessThanOrEqualTo(RobotsCache.MaxBytes));
        Assert.That(cache.TryGet(new Uri("https://site299.example/jobs"), out _), Is.True, "the newest site is kept");
        Assert.That(cache.TryGet(new Uri("https://site0.example/jobs"), out _), Is.False, "the oldest went first");
    }
}
