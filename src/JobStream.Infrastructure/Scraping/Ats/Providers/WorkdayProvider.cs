using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Workday: boards on {tenant}.wdN.myworkdayjobs.com/{site} and on the shared
/// wdN.myworkdaysite.com/recruiting/{tenant}/{site}, named "tenant/wdN/site" (the site keeps its case).
/// The CXS search API is a POST that answers 20 postings at a time up to its total, with relative dates
/// ("Posted 30+ Days Ago") and collapsed location lists ("3 Locations").
/// </summary>
public partial class WorkdayProvider : AtsProvider
{
    private readonly bool _shared;

    public WorkdayProvider()
        : this(shared: false)
    {
    }

    /// <param name="shared">Boards on the shared wdN.myworkdaysite.com host (<see cref="WorkdaySiteProvider"/>).</param>
    protected WorkdayProvider(bool shared)
    {
        _shared = shared;
        Templates = new Dictionary<string, string>
        {
            [Name] = shared ? "https://{wd}.myworkdaysite.com/wday/cxs/{tenant}/{site}/jobs" : "https://{tenant}.{wd}.myworkdayjobs.com/wday/cxs/{tenant}/{site}/jobs",
        };
        Patterns = [shared ? SiteUrl() : JobsUrl()];
    }

    private const int PageSize = 20; // the most Workday's search API returns at once

    public override IReadOnlyDictionary<string, string> Templates { get; }

    protected override IReadOnlyList<Regex> Patterns { get; }

    protected override AtsBoard? Board(Match match) =>
        match.Groups["site"].Value is "wday" or ""
            ? null
            : new(this,
                $"{match.Groups["tenant"].Value.ToLowerInvariant()}/{match.Groups["wd"].Value.ToLowerInvariant()}/{match.Groups["site"].Value}");

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options)
    {
        var (tenant, wd, site) = Parts(board);
        return new(Fill(Template(options, Name), ("tenant", tenant), ("wd", wd), ("site", site)), SearchBody(0));
    }

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        if (Number(answer.Json, "total") is not { } total || current.Body is null)
        {
            return null;
        }
        var offset = JsonDocument.Parse(current.Body).RootElement.GetProperty("offset").GetInt32();
        var count = Items(answer.Json, "jobPostings").Count();
        return count == 0 || offset + count >= total ? null : current with { Body = SearchBody(offset + count), Page = current.Page + 1 };
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        var (tenant, wd, site) = Parts(board);
        var boardUrl = _shared ? $"https://{wd}.myworkdaysite.com/recruiting/{tenant}/{site}" : $"https://{tenant}.{wd}.myworkdayjobs.com/{site}";
        foreach (var job in Items(answer.Json, "jobPostings"))
        {
            if (Text(job, "externalPath") is not { } path)
            {
                continue;
            }
            var location = Text(job, "locationsText");
            if (location is not null && CollapsedLocations().Match(location) is { Success: true } collapsed)
            {
                // "/job/Poland-Remote/…": the first location is in the path, its spaces as "-" and its
                // " - " as "---" ("Virginia---Washington-DC-Metro---Remote"); the count says how many more.
                var first = path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var place, ..]
                    ? string.Join(" - ", place.Split("---").Select(part => part.Replace('-', ' ').Trim()))
                    : null;
                var more = int.Parse(collapsed.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
                location = first is null ? null : more > 0 ? $"{first} (and {more} more)" : first;
            }
            // No company: the answer names none, and the tenant is a lower-case account name; the company
            // page that shows the board names the company, or CompanyOf does where the site is the board.
            // The requisition id ends the path ("…/Data-Engineer_JR2021061") and is the first bullet field; the
            // rest of the path (the title, the place) changes when the posting is edited.
            var requisition = Items(Child(job, "bulletFields")).Select(f => f.ValueKind == JsonValueKind.String ? f.GetString() : null).FirstOrDefault()
                is { Length: > 0 } bullet && path.EndsWith("_" + bullet, StringComparison.Ordinal) ? bullet : null;
            if (Candidate(Text(job, "title"), boardUrl + path, answer.Url, location: location, postedAt: Posted(Text(job, "postedOn"), now), id: requisition) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    public override string CompanyOf(AtsBoard board) => Parts(board).Tenant;

    private static (string Tenant, string Wd, string Site) Parts(AtsBoard board) =>
        board.Token.Split('/') is [var tenant, var wd, var site] ? (tenant, wd, site) : throw new ArgumentException($"'{board.Token}' is not a Workday board (tenant/wdN/site)", nameof(board));

    private static string SearchBody(int offset) =>
        $$"""{"appliedFacets":{},"limit":{{PageSize}},"offset":{{offset}},"searchText":""}""";

    // "Posted Today", "Posted Yesterday", "Posted 4 Days Ago", "Posted 30+ Days Ago" (then at least 30).
    private static DateTimeOffset? Posted(string? text, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Contains("Today", StringComparison.OrdinalIgnoreCase))
        {
            return now.Date;
        }
        if (text.Contains("Yesterday", StringComparison.OrdinalIgnoreCase))
        {
            return now.Date.AddDays(-1);
        }
        var days = DaysAgo().Match(text);
        return days.Success ? now.Date.AddDays(-int.Parse(days.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
    }

    // acme.wd5.myworkdayjobs.com/External, acme.wd1.myworkdayjobs.com/en-US/Careers/job/…
    [GeneratedRegex(@"(?<tenant>[A-Za-z0-9-]+)\.(?<wd>wd\d{1,3})\.myworkdayjobs\.com/(?:[a-z]{2}-[A-Z]{2}/)?(?<site>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex JobsUrl();

    // wd3.myworkdaysite.com/recruiting/acme/External, wd3.myworkdaysite.com/en-US/recruiting/acme/External/job/…
    [GeneratedRegex(@"(?<wd>wd\d{1,3})\.(?<shared>myworkdaysite)\.com/(?:[a-z]{2}-[A-Z]{2}/)?recruiting/(?<tenant>[A-Za-z0-9-]+)/(?<site>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SiteUrl();

    [GeneratedRegex(@"^\s*(\d+)\s+Locations?\s*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CollapsedLocations();

    [GeneratedRegex(@"(\d+)\+?\s+Days?\s+Ago", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex DaysAgo();
}
