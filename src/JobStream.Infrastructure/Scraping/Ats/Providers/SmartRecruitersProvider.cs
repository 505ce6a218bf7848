using System.Globalization;
using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>SmartRecruiters: company identifiers keep their case; 100 postings a page, paged by offset up to totalFound.</summary>
public sealed partial class SmartRecruitersProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["SmartRecruiters"] = "https://api.smartrecruiters.com/v1/companies/{token}/postings?limit=100",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value);

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "SmartRecruiters"), ("token", board.Token)));

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        var offset = Number(answer.Json, "offset") ?? 0;
        var count = Items(answer.Json, "content").Count();
        if (Number(answer.Json, "totalFound") is not { } total || count == 0 || offset + count >= total)
        {
            return null;
        }
        return current.NextPage("offset", offset + count);
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        var root = answer.Json;
        foreach (var job in Items(root, "content"))
        {
            var id = Text(job, "id");
            var company = Child(job, "company");
            var location = Child(job, "location");
            // A posting's detail (its URL and description) where the answer carries it.
            var detail = id is null ? default : Child(Child(root, "details"), id);
            var url = Text(detail, "postingUrl")
                      ?? (Text(company, "identifier") is { } identifier && id is not null ? $"https://jobs.smartrecruiters.com/{identifier}/{id}" : null);
            var place = Text(location, "fullLocation")
                        ?? string.Join(", ", new[] { Text(location, "city"), Text(location, "region"), Text(location, "country")?.ToUpperInvariant() }.OfType<string>());
            if (Candidate(
                    Text(job, "name"), url, answer.Url,
                    company: Text(company, "name"),
                    summary: Text(Child(Child(Child(detail, "jobAd"), "sections"), "jobDescription"), "text"),
                    location: place.Length == 0 ? null : place,
                    department: Text(Child(job, "department"), "label"),
                    employment: [Text(Child(job, "typeOfEmployment"), "label")],
                    stated: Bool(location, "remote") == true ? LocationType.Remote : Bool(location, "hybrid") == true ? LocationType.Hybrid : null,
                    postedAt: Date(Text(job, "releasedDate")),
                    id: id) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    [GeneratedRegex(@"(?:careers|jobs)\.smartrecruiters\.com/(?<token>[A-Za-z0-9_-]+)|api\.smartrecruiters\.com/v1/companies/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
