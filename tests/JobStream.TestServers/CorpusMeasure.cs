using System.Diagnostics;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;

namespace JobStream.TestServers;

/// <summary>What one site of the corpus cost: the requests it and the stand-in ATS answered, and the time.</summary>
/// <summary>What one site's scrape cost, and the kind of source its jobs came from (ats_api, html, rendered_page, …; "none").</summary>
public sealed record SiteCost(string Site, int Requests, TimeSpan Elapsed, string Source = "none");

/// <summary>
/// The scraper against the labelled corpus: precision and recall of (title, url), and over the jobs
/// found, how often each field is right. A location is right when it holds every place the label names
/// (case aside); department is measured where a page shows one.
/// </summary>
public sealed record CorpusResult(
    int Sites, int Expected, int Found, int Matched,
    int LocationsLabelled, int LocationsRight, int LocationTypesRight, int EmploymentTypesRight, int SenioritiesRight,
    int DepartmentsLabelled, int DepartmentsRight,
    IReadOnlyList<SiteCost> Costs, IReadOnlyList<string> Misses)
{
    public double Precision => Ratio(Matched, Found);
    public double Recall => Ratio(Matched, Expected);
    public double Location => Ratio(LocationsRight, LocationsLabelled);
    public double LocationType => Ratio(LocationTypesRight, Matched);
    public double EmploymentType => Ratio(EmploymentTypesRight, Matched);
    public double Seniority => Ratio(SenioritiesRight, Matched);
    public double Department => Ratio(DepartmentsRight, DepartmentsLabelled);

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    /// <summary>Scrapes each labelled site in turn (so each one's requests and time are its own) and scores it.</summary>
    public static async Task<CorpusResult> MeasureAsync(ICareerSiteScraper scraper, IReadOnlyList<LabelledSite> labelled, FixtureSite fakeAts)
    {
        ArgumentNullException.ThrowIfNull(scraper);
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(fakeAts);
        int expected = 0, found = 0, matched = 0, locations = 0, locationRight = 0, typeRight = 0, employmentRight = 0, seniorityRight = 0, departments = 0, departmentRight = 0;
        var costs = new List<SiteCost>();
        var misses = new List<string>();
        foreach (var site in labelled)
        {
            var before = site.Site.Requests.Count + fakeAts.Requests.Count;
            var clock = Stopwatch.StartNew();
            IReadOnlyList<Job> jobs;
            try
            {
                jobs = (await scraper.ScrapeAsync(site.Site.Address, null, CancellationToken.None)).Jobs;
            }
            catch (ScrapeFailedException ex)
            {
                jobs = [];
                misses.Add($"failed {site.Site.Name}: {ex.Message}");
            }
            var source = jobs.GroupBy(j => j.ExtractionSource).OrderByDescending(g => g.Count()).Select(g => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString())).FirstOrDefault() ?? "none";
            costs.Add(new SiteCost(site.Site.Name, site.Site.Requests.Count + fakeAts.Requests.Count - before, clock.Elapsed, source));
            expected += site.Jobs.Count;
            found += jobs.Count;
            foreach (var want in site.Jobs)
            {
                var url = want.Url.StartsWith("ats:", StringComparison.Ordinal)
                    ? new Uri(fakeAts.Url, want.Url["ats:".Length..]).AbsoluteUri
                    : new Uri(site.Site.Url, want.Url).AbsoluteUri;
                var got = jobs.FirstOrDefault(j => j.Title == want.Title && j.Url == url);
                if (got is null)
                {
                    misses.Add($"missed {site.Site.Name}: {want.Title} ({url}); found {string.Join(", ", jobs.Select(j => $"{j.Title} {j.Url}"))}");
                    continue;
                }
                matched++;
                var wrong = new List<string>();
                if (want.Location is not null)
                {
                    locations++;
                    if (want.Location.Split("; ").All(place => got.Location.Contains(place, StringComparison.OrdinalIgnoreCase)))
                    {
                        locationRight++;
                    }
                    else
                    {
                        wrong.Add($"location '{got.Location}' (want {want.Location})");
                    }
                }
                if (want.Department is not null)
                {
                    departments++;
                    if (got.Department == want.Department)
                    {
                        departmentRight++;
                    }
                    else
                    {
                        wrong.Add($"department '{got.Department}' (want {want.Department})");
                    }
                }
                Count(got.LocationType == want.LocationType, ref typeRight, wrong, $"location_type {got.LocationType} (want {want.LocationType})");
                Count(got.EmploymentType == want.EmploymentType, ref employmentRight, wrong, $"employment_type '{got.EmploymentType}' (want '{want.EmploymentType}')");
                Count(got.Seniority == want.Seniority, ref seniorityRight, wrong, $"seniority {got.Seniority} (want {want.Seniority})");
                if (wrong.Count > 0)
                {
                    misses.Add($"fields {site.Site.Name}: {want.Title}: {string.Join("; ", wrong)}");
                }
            }
            foreach (var extra in jobs.Where(j => !site.Jobs.Any(w => w.Title == j.Title)))
            {
                misses.Add($"extra {site.Site.Name}: {extra.Title} ({extra.Url})");
            }
        }
        return new CorpusResult(labelled.Count, expected, found, matched, locations, locationRight, typeRight, employmentRight, seniorityRight, departments, departmentRight, costs, misses);
    }

    private static void Count(bool right, ref int total, List<string> wrong, string what)
    {
        if (right)
        {
            total++;
        }
        else
        {
            wrong.Add(what);
        }
    }
}
