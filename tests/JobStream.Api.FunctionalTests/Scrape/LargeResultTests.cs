using System.Text;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Scrape;

// A board near Scraping:Ats:MaxJobsPerBoard is larger than one event may be (Hub:MaxPayloadBytes): its
// result comes in parts, and neither it nor the other domains' results are lost.
public sealed class LargeResultTests
{
    private const int MaxPayloadBytes = 64 * 1024;

    [Test]
    public async Task A_result_larger_than_one_event_comes_in_parts_and_the_run_goes_on()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Board("big-board", 600), Corpus.JsonLd("small")]);
        await using var api = new ApiFactory(("Hub:MaxPayloadBytes", MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        api.StartServer();
        using var client = api.CreateClient();

        var domains = new[] { sites["big-board"].Url.AbsoluteUri, sites["small"].Url.AbsoluteUri };
        using var response = await client.GetAsync($"/scrape/stream?domains={Uri.EscapeDataString(string.Join(",", domains))}", HttpCompletionOption.ResponseHeadersRead);
        var events = await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).ToEndAsync();

        var results = events.Where(e => e.EventType == "message").ToList();
        Assert.That(results.Select(e => Encoding.UTF8.GetByteCount(e.Data)), Has.All.LessThanOrEqualTo(MaxPayloadBytes));
        var big = results.Select(e => e.Json()).Where(r => r.GetProperty("domain").GetString() == domains[0]).ToList();
        Assert.That(big, Has.Count.GreaterThan(1), "600 jobs do not fit one 64 KiB event");
        Assert.That(big.Select(r => r.GetProperty("part").GetInt32()), Is.EqualTo(Enumerable.Range(1, big.Count)));
        Assert.That(big.Select(r => r.GetProperty("parts").GetInt32()), Has.All.EqualTo(big.Count));
        var titles = big.SelectMany(r => r.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("title").GetString())).ToList();
        Assert.That(titles, Is.EquivalentTo(Enumerable.Range(1, 600).Select(i => $"Engineer {i}")), "every job, once, in some part");
        var small = results.Select(e => e.Json()).Single(r => r.GetProperty("domain").GetString() == domains[1]);
        Assert.That(small.GetProperty("jobs").GetArrayLength(), Is.EqualTo(2));
        Assert.That(small.TryGetProperty("part", out _), Is.False, "a result that fits one event is as it always was");
        Assert.That(events.Last().EventType, Is.EqualTo("completed"));
        Assert.That(events.Last().Json().GetProperty("succeeded").GetInt32(), Is.EqualTo(2));
        Assert.That(events.Select(e => e.EventType), Has.None.EqualTo("error"));
    }

    // A careers page whose JSON-LD lists the given number of complete postings (about 700 bytes each in a result).
    private static FixtureSite Board(string name, int jobs)
    {
        var postings = Enumerable.Range(1, jobs).Select(i => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@type"] = "JobPosting",
            ["title"] = $"Engineer {i}",
            ["url"] = $"/careers/engineer-{i}",
            ["datePosted"] = "2026-11-01",
            ["employmentType"] = "FULL_TIME",
            ["jobLocation"] = new { address = new { addressLocality = "Berlin", addressCountry = "DE" } },
            ["hiringOrganization"] = new { name = "Fabrikam" },
            ["description"] = $"<p>Engineer number {i} builds the platform: pipelines, services and the tools around them, with a team that ships every day.</p>",
        }));
        return new FixtureSite(name)
            .WithPage("/", "<!doctype html><html><body><h1>Fabrikam</h1><a href=\"/careers\">Careers</a></body></html>")
            .WithPage("/careers", $$"""<!doctype html><html><body><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{{string.Join(",", postings)}}]}</script></body></html>""");
    }
}
