using System.Globalization;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// iCIMS: portals on {portal}.icims.com (careers-acme, jobs-acme, …); the search page, asked as its
/// iframe content, is server-rendered job cards linking /jobs/{id}/{title}/job, each with its
/// "Job Locations" field. Pages follow with pr=1, 2, … while the page links the next one.
/// </summary>
public sealed partial class IcimsProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Html;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Icims"] = "https://{token}.icims.com/jobs/search?ss=1&in_iframe=1",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [PortalUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Icims"), ("token", board.Token)));

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        // The page links the next one and had jobs itself.
        var next = current.Page + 1;
        var linked = answer.Html?.QuerySelectorAll("a[href]").Any(a => Regex.IsMatch(a.GetAttribute("href")!, $@"[?&]pr={next}(?:&|$)")) == true;
        return linked && Links(answer).Count > 0 ? current.NextPage("pr", next) : null;
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Links(answer).Select(link => Candidate(
                link.Title, StripFrame(link.Url), answer.Url,
                location: Labelled(link, "Location"),
                department: Labelled(link, "Category") ?? Labelled(link, "Department")))
            .OfType<JobCandidate>();

    private static IReadOnlyList<AtsListLink> Links(AtsAnswer answer) =>
        answer.Html is null ? [] : AtsHtmlList.Links(answer.Html, answer.Url, JobUrl(), ".iCIMS_JobCardItem, .iCIMS_JobsTable .row, li, tr");

    // <span class="field-label">Job Locations</span><span>US-WI-Madison</span>: the value after its label.
    private static string? Labelled(AtsListLink link, string label) =>
        link.Row?.QuerySelectorAll(".field-label, dt").FirstOrDefault(l => l.TextContent.Contains(label, StringComparison.OrdinalIgnoreCase)) is { } found
        && found.NextElementSibling?.TextContent.Trim() is { Length: > 0 } value
            ? value
            : null;

    // The job's own page, not its iframe rendering.
    private static string StripFrame(Uri url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query.Remove("in_iframe");
        return new UriBuilder(url) { Query = query.ToString() }.Uri.AbsoluteUri;
    }

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.icims\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PortalUrl();

    // https://careers-acme.icims.com/jobs/8214/payroll-tax-specialist/job
    [GeneratedRegex(@"^https?://[^/]+/jobs/\d+/[^/?#]+/job", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex JobUrl();
}
