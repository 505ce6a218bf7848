using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// JazzHR: boards on {company}.applytojob.com; the list at /apply/jobs is server-rendered HTML, each job
/// linking /apply/{code}/{title} (or /apply/jobs/details/{code}), its place and department beside it,
/// marked by icons (fa-map-marker, fa-sitemap) or in the row's cells.
/// </summary>
public sealed partial class JazzHrProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Html;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["JazzHr"] = "https://{token}.applytojob.com/apply/jobs",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "JazzHr"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        answer.Html is null
            ? []
            : AtsHtmlList.Links(answer.Html, answer.Url, JobUrl(), "li, tr")
                .Select(link => Candidate(
                    link.Title, link.Url.AbsoluteUri, answer.Url,
                    location: Beside(link, "fa-map-marker") ?? link.Field("td.job_location, td:nth-child(2)"),
                    department: Beside(link, "fa-sitemap") ?? link.Field("td.job_department, td:nth-child(3)")))
                .OfType<JobCandidate>();

    // <li><i class="fa fa-map-marker"></i>Denver, CO</li>: the text of the element the icon sits in.
    private static string? Beside(AtsListLink link, string icon) =>
        link.Row?.QuerySelector($"i.{icon}")?.ParentElement?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.applytojob\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();

    // /apply/AbC123xYz/Senior-Engineer, /apply/jobs/details/AbC123xYz; not /apply/jobs itself.
    [GeneratedRegex(@"^https?://[^/]+/apply/(?:jobs/details/[A-Za-z0-9]+|[A-Za-z0-9]{6,}(?:/[^/?#]*)?)/?(?:[?#]|$)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex JobUrl();
}
