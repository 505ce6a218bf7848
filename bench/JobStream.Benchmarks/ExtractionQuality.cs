using JobStream.Application.Scraping;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// Precision and recall of the jobs found (title and URL) over the labelled corpus, and the accuracy of
/// location_type, department and employment_type on the jobs found. Targets: 0.95 each.
/// </summary>
internal static class ExtractionQuality
{
    public static async Task RunAsync()
    {
        var labelled = Corpus.Labelled();
        await using var server = await FixtureSiteServer.StartAsync([.. labelled.Select(l => l.Site), Corpus.FakeAts()]);
        await using var host = new ScraperHost([.. Corpus.AtsTemplates(server["fake-ats"])]);

        int expected = 0, found = 0, matched = 0, locationOk = 0, departmentOk = 0, employmentOk = 0;
        var misses = new List<string>();
        foreach (var site in labelled)
        {
            var jobs = await host.Scraper.ScrapeAsync(site.Site.Address, null, CancellationToken.None);
            expected += site.Jobs.Count;
            found += jobs.Count;
            foreach (var want in site.Jobs)
            {
                var url = new Uri(site.Site.Url, want.Url).AbsoluteUri;
                var got = jobs.FirstOrDefault(j => j.Title == want.Title && j.Url == url);
                if (got is null)
                {
                    misses.Add($"missed {site.Site.Name}: {want.Title}");
                    continue;
                }
                matched++;
                locationOk += got.LocationType == want.LocationType ? 1 : 0;
                departmentOk += got.Department == want.Department ? 1 : 0;
                employmentOk += got.EmploymentType == want.EmploymentType ? 1 : 0;
                if (got.LocationType != want.LocationType || got.Department != want.Department || got.EmploymentType != want.EmploymentType)
                {
                    misses.Add($"fields {site.Site.Name}: {want.Title}: got {got.LocationType}/{got.Department}/{got.EmploymentType}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## Extraction quality ({labelled.Count} sites, {expected} labelled jobs)");
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("|---|---|---|");
        Row("precision (title + url)", Ratio(matched, found));
        Row("recall (title + url)", Ratio(matched, expected));
        Row("location_type accuracy", Ratio(locationOk, matched));
        Row("department accuracy", Ratio(departmentOk, matched));
        Row("employment_type accuracy", Ratio(employmentOk, matched));
        foreach (var miss in misses)
        {
            Console.WriteLine($"- {miss}");
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static void Row(string name, double value) => Console.WriteLine($"| {name} | {value:0.000} | >= 0.95 |");
}
