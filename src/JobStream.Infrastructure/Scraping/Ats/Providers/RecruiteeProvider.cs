using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Recruitee: {company}.recruitee.com boards, and career sites on the company's own domain, known by
/// Recruitee's career-site assets (careers.recruiteecdn.com), which answer the same API on their own
/// host. Dates are not ISO ("2026-10-06 12:30:35 UTC"); the workplace is three flags.
/// </summary>
public sealed partial class RecruiteeProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Recruitee"] = "https://{token}.recruitee.com/api/offers/",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override IEnumerable<AtsBoard> FindOnPage(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var careerSite = document.QuerySelectorAll("meta[property='og:image'][content], link[href], script[src]")
            .Select(e => e.GetAttribute("content") ?? e.GetAttribute("href") ?? e.GetAttribute("src"))
            .Any(url => url is not null && CareerSiteAsset().IsMatch(url));
        if (careerSite && !pageUrl.Host.EndsWith(".recruitee.com", StringComparison.OrdinalIgnoreCase))
        {
            yield return new AtsBoard(this, pageUrl.GetLeftPart(UriPartial.Authority));
        }
    }

    // A board on its own domain is asked there; the others on the template.
    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        board.Token.Contains("://", StringComparison.Ordinal)
            ? new(new Uri(new Uri(board.Token), "/api/offers/"))
            : new(Fill(Template(options, "Recruitee"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json, "offers").Select(job => Candidate(
            Text(job, "title"), Text(job, "careers_url"), answer.Url,
            company: Text(job, "company_name"),
            summary: Text(job, "description"),
            location: Text(job, "location") ?? string.Join(", ", new[] { Text(job, "city"), Text(job, "country") }.OfType<string>()),
            department: Text(job, "department"),
            employment: [Text(job, "employment_type_code")],
            stated: Bool(job, "remote") == true ? LocationType.Remote
                : Bool(job, "hybrid") == true ? LocationType.Hybrid
                : Bool(job, "on_site") == true ? LocationType.Onsite : null,
            postedAt: Date(Text(job, "published_at") ?? Text(job, "created_at")),
            id: Text(job, "id"))).OfType<JobCandidate>();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.recruitee\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();

    [GeneratedRegex(@"^https?://careers\.recruiteecdn\.com/", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CareerSiteAsset();
}
