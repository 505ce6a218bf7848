using System.Text.Json;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Serialization;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;

namespace JobStream.Application.UnitTests.Scraping;

public sealed class ScrapeResultPartsTests
{
    [Test]
    public void A_result_that_fits_one_event_stays_whole()
    {
        var result = ScrapeResult.Success("acme.test", [Job(1, 100)]);

        Assert.That(ScrapeResultParts.Split(result, 64 * 1024), Is.EqualTo(new[] { result }));
    }

    [Test]
    public void A_larger_result_is_spread_over_parts_each_within_the_limit_in_order()
    {
        var jobs = Enumerable.Range(1, 300).Select(i => Job(i, 400)).ToList();

        var parts = ScrapeResultParts.Split(ScrapeResult.Success("acme.test", jobs), 16 * 1024);

        Assert.That(parts, Has.Count.GreaterThan(1));
        Assert.That(parts.Select(p => JsonSerializer.SerializeToUtf8Bytes(p, JsonDefaults.Options).Length), Has.All.LessThanOrEqualTo(16 * 1024));
        Assert.That(parts.Select(p => (p.Part, p.Parts)), Is.EqualTo(parts.Select((_, i) => ((int?)(i + 1), (int?)parts.Count))));
        Assert.That(parts.SelectMany(p => p.Jobs), Is.EqualTo(jobs));
        Assert.That(parts.Select(p => p.Warnings), Has.All.Null);
        Assert.That(parts.Select(p => p.Status), Has.All.EqualTo(ScrapeStatus.Success));
    }

    [Test]
    public void A_job_too_large_for_any_event_is_left_out_with_a_warning_and_the_rest_kept()
    {
        var jobs = new[] { Job(1, 100), Job(2, 40_000), Job(3, 100) };

        var parts = ScrapeResultParts.Split(ScrapeResult.Success("acme.test", jobs), 16 * 1024);

        Assert.That(parts.SelectMany(p => p.Jobs).Select(j => j.Title), Is.EqualTo(new[] { "Job 1", "Job 3" }));
        Assert.That(parts[0].Warnings, Has.One.Contains("1 job was left out"));
        Assert.That(parts.Select(p => p.Status), Has.All.EqualTo(ScrapeStatus.Partial), "a job is missing from what was read");
    }

    private static Job Job(int number, int summaryLength) => new()
    {
        Company = "Acme",
        Title = $"Job {number}",
        Url = $"https://acme.test/jobs/{number}",
        Summary = new string('x', summaryLength),
    };
}
