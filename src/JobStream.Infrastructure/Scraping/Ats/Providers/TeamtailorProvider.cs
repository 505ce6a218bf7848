using System.Text.RegularExpressions;
using System.Xml.Linq;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Teamtailor: the board's JSON Feed, each item carrying its schema.org JobPosting (read as JSON-LD is);
/// where a board answers no JSON Feed, its RSS feed (jobs.rss, with Teamtailor's own elements for the
/// places, the department and the remote status).
/// </summary>
public sealed partial class TeamtailorProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Teamtailor"] = "https://{token}.teamtailor.com/jobs.json",
        ["TeamtailorRss"] = "https://{token}.teamtailor.com/jobs.rss",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Teamtailor"), ("token", board.Token)));

    public override AtsRequest FallbackRequest(AtsBoard board, AtsOptions options) =>
        new(Fill(Template(options, "TeamtailorRss"), ("token", board.Token)), Format: AtsFormat.Xml);

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        answer.Xml is { } rss ? ParseRss(rss, answer.Url) : ParseJsonFeed(answer);

    // <item>: title, link, description, pubDate, and in Teamtailor's namespace tt:locations/tt:location
    // (tt:name, tt:city, tt:country), tt:department and tt:remoteStatus (none, hybrid, fully, temporary).
    // Elements are matched by local name: the namespace's URI is Teamtailor's to change.
    private static IEnumerable<JobCandidate> ParseRss(XDocument rss, Uri source)
    {
        foreach (var item in rss.Descendants().Where(e => e.Name.LocalName == "item"))
        {
            var places = item.Descendants().Where(e => e.Name.LocalName == "location").Select(place =>
                ElementText(place, "name") ?? string.Join(", ", new[] { ElementText(place, "city"), ElementText(place, "country") }.OfType<string>()));
            if (Candidate(
                    ElementText(item, "title"), ElementText(item, "link"), source,
                    summary: ElementText(item, "description"),
                    location: Places(places),
                    department: ElementText(item, "department"),
                    stated: ElementText(item, "remoteStatus")?.ToLowerInvariant() switch
                    {
                        "fully" => LocationType.Remote,
                        "hybrid" => LocationType.Hybrid,
                        _ => null, // "none" and "temporary" say nothing sure of the place
                    },
                    postedAt: Date(ElementText(item, "pubDate"))) is { } candidate)
            {
                yield return candidate;
            }
        }
    }



    private static IEnumerable<JobCandidate> ParseJsonFeed(AtsAnswer answer)
    {
        foreach (var item in Items(answer.Json, "items"))
        {
            var url = Text(item, "url");
            var posting = Child(item, "_jobposting") is { ValueKind: System.Text.Json.JsonValueKind.Object } p && Uri.TryCreate(url, UriKind.Absolute, out var page)
                ? JsonLdJobReader.FromPosting(p, page)
                : null;
            if (Candidate(
                    Text(item, "title"), url, answer.Url,
                    company: posting?.Company,
                    summary: Text(item, "content_html") ?? Text(item, "summary"),
                    location: posting?.Location,
                    department: posting?.Department,
                    employment: posting?.EmploymentTypes.Take(1),
                    stated: posting?.StatedLocationType,
                    postedAt: posting?.PostedAt ?? Date(Text(item, "date_published")),
                    id: Text(item, "id")) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.teamtailor\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
