using System.Globalization;
using System.Text.Json;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Reads each ATS's public job-board JSON into job candidates, with the quirks real responses have:
/// Greenhouse's double-escaped HTML, Ashby's hybrid jobs flagged isRemote, Recruitee's non-ISO dates,
/// Lever's epoch milliseconds, Workable's empty strings for missing values, Workday's relative dates and
/// collapsed location lists.
/// </summary>
public static partial class AtsJobParser
{
    private const int WorkdayPageSize = 20; // the most Workday's search API returns at once

    public static IReadOnlyList<JobCandidate> Parse(AtsBoard board, JsonElement root, Uri apiUrl, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        var source = apiUrl.AbsoluteUri;
        return board.Kind switch
        {
            AtsKind.Workday or AtsKind.WorkdaySite => Items(root, "jobPostings").Select(j => Workday(j, board, source, now ?? DateTimeOffset.UtcNow)).OfType<JobCandidate>().ToList(),
            AtsKind.Greenhouse => Items(root, "jobs").Select(j => Greenhouse(j, source)).OfType<JobCandidate>().ToList(),
            AtsKind.Lever => Items(root, null).Select(j => Lever(j, source)).OfType<JobCandidate>().ToList(),
            AtsKind.Ashby => Items(root, "jobs").Where(j => Bool(j, "isListed") != false).Select(j => Ashby(j, source)).OfType<JobCandidate>().ToList(),
            AtsKind.Workable => Items(root, "jobs").Select(j => Workable(j, Text(root, "name"), source)).OfType<JobCandidate>().ToList(),
            AtsKind.SmartRecruiters => Items(root, "content").Select(j => SmartRecruiters(j, root, source)).OfType<JobCandidate>().ToList(),
            AtsKind.Teamtailor => Items(root, "items").Select(j => Teamtailor(j, apiUrl)).OfType<JobCandidate>().ToList(),
            AtsKind.Pinpoint => Items(root, "data").Select(j => Pinpoint(j, apiUrl)).OfType<JobCandidate>().ToList(),
            AtsKind.BambooHr => Items(root, "result").Select(j => BambooHr(j, board.Token, source)).OfType<JobCandidate>().ToList(),
            _ => Items(root, "offers").Select(j => Recruitee(j, source)).OfType<JobCandidate>().ToList(),
        };
    }

    /// <summary>The first call for a board: a GET, or Workday's search POST.</summary>
    public static AtsRequest FirstRequest(AtsBoard board, Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board.Kind is AtsKind.Workday or AtsKind.WorkdaySite ? new AtsRequest(apiUrl, WorkdayBody(0)) : new AtsRequest(apiUrl);
    }

    /// <summary>
    /// The next page of a paged answer, or null when this was the last. SmartRecruiters pages by an
    /// offset in the URL up to totalFound, Workday by an offset in the body up to total; the other ATSs
    /// answer with every job at once.
    /// </summary>
    public static AtsRequest? NextRequest(AtsBoard board, JsonElement root, AtsRequest current)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(current);
        switch (board.Kind)
        {
            case AtsKind.SmartRecruiters when Int(root, "totalFound") is { } totalFound:
            {
                var offset = Int(root, "offset") ?? 0;
                var count = Items(root, "content").Count();
                if (count == 0 || offset + count >= totalFound)
                {
                    return null;
                }
                var query = System.Web.HttpUtility.ParseQueryString(current.Url.Query);
                query["offset"] = (offset + count).ToString(CultureInfo.InvariantCulture);
                return new AtsRequest(new UriBuilder(current.Url) { Query = query.ToString() }.Uri);
            }
            case AtsKind.Workday or AtsKind.WorkdaySite when Int(root, "total") is { } total && current.Body is not null:
            {
                var offset = JsonDocument.Parse(current.Body).RootElement.GetProperty("offset").GetInt32();
                var count = Items(root, "jobPostings").Count();
                return count == 0 || offset + count >= total ? null : current with { Body = WorkdayBody(offset + count) };
            }
            default:
                return null;
        }
    }

    private static string WorkdayBody(int offset) =>
        $$"""{"appliedFacets":{},"limit":{{WorkdayPageSize}},"offset":{{offset}},"searchText":""}""";

    // A listing gives title, path, a location (or just "5 Locations") and a relative date.
    private static JobCandidate? Workday(JsonElement job, AtsBoard board, string source, DateTimeOffset now)
    {
        if (board.Token.Split('/') is not [var tenant, var wd, var site] || Text(job, "externalPath") is not { } path)
        {
            return null;
        }
        var location = Text(job, "locationsText");
        if (location is not null && CollapsedLocations().Match(location) is { Success: true } collapsed)
        {
            // "/job/Poland-Remote/…": the first location is in the path; the count says how many more.
            var first = path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var place, ..] ? place.Replace('-', ' ') : null;
            var more = int.Parse(collapsed.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
            location = first is null ? null : more > 0 ? $"{first} (and {more} more)" : first;
        }
        return Candidate(
            Text(job, "title"),
            board.Kind == AtsKind.WorkdaySite ? $"https://{wd}.myworkdaysite.com/recruiting/{tenant}/{site}{path}" : $"https://{tenant}.{wd}.myworkdayjobs.com/{site}{path}",
            source,
            company: tenant,
            location: location,
            postedAt: WorkdayPosted(Text(job, "postedOn"), now));
    }

    // "Posted Today", "Posted Yesterday", "Posted 4 Days Ago", "Posted 30+ Days Ago" (then at least 30).
    private static DateTimeOffset? WorkdayPosted(string? text, DateTimeOffset now)
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

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(\d+)\s+Locations?\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CollapsedLocations();

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+)\+?\s+Days?\s+Ago", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DaysAgo();

    private static int? Int(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.TryGetInt32(out var number) ? number : null;

    private static JobCandidate? Greenhouse(JsonElement job, string source) => Candidate(
        Text(job, "title"), Text(job, "absolute_url"), source,
        company: Text(job, "company_name"),
        summary: Text(job, "content"),
        location: job.TryGetProperty("location", out var location) ? Text(location, "name") : null,
        department: job.TryGetProperty("departments", out var departments) ? Items(departments, null).Select(d => Text(d, "name")).FirstOrDefault(n => n is not null) : null,
        postedAt: Date(Text(job, "first_published") ?? Text(job, "updated_at")));

    private static JobCandidate? Lever(JsonElement job, string source)
    {
        var categories = job.TryGetProperty("categories", out var c) ? c : default;
        var all = categories.ValueKind == JsonValueKind.Object && categories.TryGetProperty("allLocations", out var locations)
            ? string.Join("; ", Items(locations, null).Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()).Distinct())
            : null;
        return Candidate(
            Text(job, "text"), Text(job, "hostedUrl"), source,
            summary: Text(job, "descriptionPlain") ?? Text(job, "description"),
            location: string.IsNullOrEmpty(all) ? Text(categories, "location") : all,
            department: Text(categories, "department") ?? Text(categories, "team"),
            employment: Text(categories, "commitment"),
            stated: Workplace(Text(job, "workplaceType")),
            postedAt: job.TryGetProperty("createdAt", out var created) && created.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static JobCandidate? Ashby(JsonElement job, string source)
    {
        var secondary = job.TryGetProperty("secondaryLocations", out var more)
            ? Items(more, null).Select(l => Text(l, "location")).OfType<string>()
            : [];
        var places = new[] { Text(job, "location") }.OfType<string>().Concat(secondary).Distinct().ToList();
        return Candidate(
            Text(job, "title"), Text(job, "jobUrl"), source,
            summary: Text(job, "descriptionPlain") ?? Text(job, "descriptionHtml"),
            location: places.Count == 0 ? null : string.Join("; ", places),
            department: Text(job, "department") ?? Text(job, "team"),
            employment: Text(job, "employmentType"),
            // workplaceType is the truth; isRemote is true for Ashby's hybrid jobs too.
            stated: Workplace(Text(job, "workplaceType")) ?? (Bool(job, "isRemote") == true ? LocationType.Remote : null),
            postedAt: Date(Text(job, "publishedAt")));
    }

    private static JobCandidate? Workable(JsonElement job, string? company, string source)
    {
        var place = string.Join(", ", new[] { Text(job, "city"), Text(job, "state"), Text(job, "country") }.OfType<string>().Distinct());
        return Candidate(
            Text(job, "title"), Text(job, "url") ?? Text(job, "shortlink"), source,
            company: company,
            summary: Text(job, "description"),
            location: place.Length == 0 ? null : place,
            department: Text(job, "department") ?? Text(job, "function"),
            employment: Text(job, "employment_type"),
            stated: Bool(job, "telecommuting") == true ? LocationType.Remote : null,
            postedAt: Date(Text(job, "published_on") ?? Text(job, "created_at")));
    }

    private static JobCandidate? SmartRecruiters(JsonElement job, JsonElement root, string source)
    {
        var id = Text(job, "id");
        var company = job.TryGetProperty("company", out var c) ? c : default;
        var location = job.TryGetProperty("location", out var l) ? l : default;
        JsonElement detail = default;
        var hasDetail = id is not null && root.TryGetProperty("details", out var details) && details.TryGetProperty(id, out detail);
        var url = (hasDetail ? Text(detail, "postingUrl") : null)
                  ?? (Text(company, "identifier") is { } identifier && id is not null ? $"https://jobs.smartrecruiters.com/{identifier}/{id}" : null);
        var summary = hasDetail && detail.TryGetProperty("jobAd", out var ad) && ad.TryGetProperty("sections", out var sections)
                      && sections.TryGetProperty("jobDescription", out var description)
            ? Text(description, "text")
            : null;
        var place = Text(location, "fullLocation")
                    ?? string.Join(", ", new[] { Text(location, "city"), Text(location, "region"), Text(location, "country")?.ToUpperInvariant() }.OfType<string>());
        return Candidate(
            Text(job, "name"), url, source,
            company: Text(company, "name"),
            summary: summary,
            location: string.IsNullOrEmpty(place) ? null : place,
            department: job.TryGetProperty("department", out var department) ? Text(department, "label") : null,
            employment: job.TryGetProperty("typeOfEmployment", out var type) ? Text(type, "label") : null,
            stated: Bool(location, "remote") == true ? LocationType.Remote : Bool(location, "hybrid") == true ? LocationType.Hybrid : null,
            postedAt: Date(Text(job, "releasedDate")));
    }

    // A JSON Feed item; its "_jobposting" is a schema.org JobPosting, read as JSON-LD is.
    private static JobCandidate? Teamtailor(JsonElement item, Uri apiUrl)
    {
        var url = Text(item, "url");
        var posting = item.TryGetProperty("_jobposting", out var p) && url is not null && Uri.TryCreate(url, UriKind.Absolute, out var page)
            ? JsonLdJobReader.FromPosting(p, page)
            : null;
        return Candidate(
            Text(item, "title"), url, apiUrl.AbsoluteUri,
            company: posting?.Company,
            summary: Text(item, "content_html") ?? Text(item, "summary"),
            location: posting?.Location,
            department: posting?.Department,
            employment: posting?.EmploymentTypes is [var employment, ..] ? employment : null,
            stated: posting?.StatedLocationType,
            postedAt: posting?.PostedAt ?? Date(Text(item, "date_published")));
    }

    private static JobCandidate? Pinpoint(JsonElement job, Uri apiUrl)
    {
        var url = Text(job, "url") ?? (Text(job, "path") is { } path ? new Uri(apiUrl, path).AbsoluteUri : null);
        var department = job.TryGetProperty("job", out var inner) && inner.TryGetProperty("department", out var d) ? Text(d, "name")
            : job.TryGetProperty("department", out var direct) ? Text(direct, "name") : null;
        return Candidate(
            Text(job, "title"), url, apiUrl.AbsoluteUri,
            summary: Text(job, "description"),
            location: job.TryGetProperty("location", out var location) ? Text(location, "name") : null,
            department: department,
            employment: Text(job, "employment_type_text") ?? Text(job, "employment_type"),
            stated: Workplace(Text(job, "workplace_type")),
            postedAt: Date(Text(job, "published_at") ?? Text(job, "created_at")),
            salary: Bool(job, "compensation_visible") == false ? null : Text(job, "compensation"));
    }

    // The careers list has no links: each opening's page is /careers/{id} on the company's board.
    private static JobCandidate? BambooHr(JsonElement job, string token, string source)
    {
        var location = job.TryGetProperty("location", out var l) ? string.Join(", ", new[] { Text(l, "city"), Text(l, "state") }.OfType<string>()) : "";
        var id = Text(job, "id");
        return Candidate(
            Text(job, "jobOpeningName"), id is null ? null : $"https://{token}.bamboohr.com/careers/{Uri.EscapeDataString(id)}", source,
            location: location.Length == 0 ? null : location,
            department: Text(job, "departmentLabel"),
            employment: Text(job, "employmentStatusLabel") ?? Text(job, "employmentType"),
            // locationType: "0" on site, "1" remote, "2" hybrid.
            stated: Bool(job, "isRemote") == true || Text(job, "locationType") == "1" ? LocationType.Remote
                : Text(job, "locationType") == "2" ? LocationType.Hybrid : null);
    }

    private static JobCandidate? Recruitee(JsonElement job, string source) => Candidate(
        Text(job, "title"), Text(job, "careers_url"), source,
        company: Text(job, "company_name"),
        summary: Text(job, "description"),
        location: Text(job, "location") ?? string.Join(", ", new[] { Text(job, "city"), Text(job, "country") }.OfType<string>()),
        department: Text(job, "department"),
        employment: Text(job, "employment_type_code"),
        stated: Bool(job, "remote") == true ? LocationType.Remote
            : Bool(job, "hybrid") == true ? LocationType.Hybrid
            : Bool(job, "on_site") == true ? LocationType.Onsite : null,
        postedAt: Date(Text(job, "published_at") ?? Text(job, "created_at")));

    private static JobCandidate? Candidate(
        string? title, string? url, string source,
        string? company = null, string? summary = null, string? location = null, string? department = null,
        string? employment = null, LocationType? stated = null, DateTimeOffset? postedAt = null, string? salary = null)
    {
        var cleanTitle = TextCleaner.Clean(title);
        if (cleanTitle is null || url is null || !Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
        {
            return null;
        }
        return new JobCandidate
        {
            Title = cleanTitle,
            Url = absolute.AbsoluteUri,
            Source = ExtractionSource.AtsApi,
            SourcePage = source,
            Company = TextCleaner.Clean(company),
            Summary = TextCleaner.Summarize(summary),
            Location = TextCleaner.Clean(location),
            Department = TextCleaner.Clean(department),
            EmploymentTypes = TextCleaner.Clean(employment) is { } e ? [e] : [],
            StatedLocationType = stated,
            PostedAt = postedAt,
            Salary = TextCleaner.Clean(salary),
        };
    }

    private static LocationType? Workplace(string? value) => value?.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "REMOTE" => LocationType.Remote,
        "HYBRID" => LocationType.Hybrid,
        "ONSITE" or "INOFFICE" or "OFFICE" => LocationType.Onsite,
        _ => null,
    };

    // ISO 8601, date-only, and Recruitee's "2026-10-06 12:30:35 UTC".
    private static DateTimeOffset? Date(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = value.EndsWith(" UTC", StringComparison.Ordinal) ? value[..^4] + "Z" : value;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string? property)
    {
        var list = property is null ? element : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var p) ? p : default;
        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
    }

    // A string, or null for a missing, null or empty value (Workable writes "" for missing).
    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when value.GetString()!.Trim().Length > 0 => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static bool? Bool(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
