using System.Globalization;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// The scraper over the labelled corpus (<see cref="LabelledCorpus"/>): precision and recall of the jobs
/// found (title and URL), how often location, location type, employment type, seniority and department
/// are right on the jobs found, and what each domain cost in requests and time.
/// </summary>
internal static class ExtractionQuality
{
    public static async Task RunAsync()
    {
        var labelled = LabelledCorpus.Sites();
        await using var server = await FixtureSiteServer.StartAsync([.. labelled.Select(l => l.Site), Corpus.FakeAts()]);
        await using var host = new ScraperHost([.. Corpus.AtsTemplates(server["fake-ats"])]);

        var result = await CorpusResult.MeasureAsync(host.Scraper, labelled, server["fake-ats"]);

        Console.WriteLine();
        Console.WriteLine($"## Extraction quality ({result.Sites} sites, {result.Expected} labelled jobs, {result.Found} found)");
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("|---|---|---|");
        Row("precision (title + url)", result.Precision, 0.97);
        Row("recall (title + url)", result.Recall, 0.97);
        Row($"location filled and right ({result.LocationsLabelled} jobs whose pages show one)", result.Location, 0.95);
        Row("location_type right", result.LocationType, 0.95);
        Row("employment_type right", result.EmploymentType, 0.95);
        Row("seniority right", result.Seniority, 0.95);
        Row($"department right ({result.DepartmentsLabelled} jobs whose pages show one)", result.Department, null);
        var requests = result.Costs.Select(c => c.Requests).Order().ToList();
        var times = result.Costs.Select(c => c.Elapsed.TotalMilliseconds).Order().ToList();
        Console.WriteLine();
        Console.WriteLine("| cost per domain | median | p90 | max |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| requests | {requests[requests.Count / 2]} | {requests[(int)(requests.Count * 0.9)]} | {requests[^1]} |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| time (ms) | {times[times.Count / 2]:0} | {times[(int)(times.Count * 0.9)]:0} | {times[^1]:0} |"));
        Console.WriteLine();
        Console.WriteLine("| source kind (most of a site's jobs) | sites | requests, median / max | time (ms), median / max |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var kind in result.Costs.GroupBy(c => c.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var kindRequests = kind.Select(c => c.Requests).Order().ToList();
            var kindTimes = kind.Select(c => c.Elapsed.TotalMilliseconds).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind.Key} | {kind.Count()} | {kindRequests[kindRequests.Count / 2]} / {kindRequests[^1]} | {kindTimes[kindTimes.Count / 2]:0} / {kindTimes[^1]:0} |"));
        }
        Console.WriteLine($"- most requests: {string.Join(", ", result.Costs.OrderByDescending(c => c.Requests).Take(3).Select(c => $"{c.Site} {c.Requests}"))}");
        Console.WriteLine($"- slowest: {string.Join(", ", result.Costs.OrderByDescending(c => c.Elapsed).Take(3).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Site} {c.Elapsed.TotalMilliseconds:0} ms")))}");
        foreach (var miss in result.Misses)
        {
            Console.WriteLine($"- {miss}");
        }
    }

    private static void Row(string name, double value, double? target) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value:0.000} | {(target is { } t ? $">= {t:0.00}" : "reported")} |"));
}
