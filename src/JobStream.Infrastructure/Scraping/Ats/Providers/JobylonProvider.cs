using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Jobylon: a careers page embeds the widget (cdn.jobylon.com/embedder.js with <c>jbl_company_id = N</c>,
/// or an iframe of cdn.jobylon.com/jobs/companies/{id}/embed/v2/). The widget page holds every job in a
/// JavaScript literal (<c>JBL.embed_v2['jobs'] = [...]</c>, read without running it); a job's page is on
/// emp.jobylon.com, never on the CDN host that serves the widget.
/// </summary>
public sealed partial class JobylonProvider : AtsProvider
{
    private static readonly Uri JobHost = new("https://emp.jobylon.com/");

    public override AtsFormat Format => AtsFormat.Html;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Jobylon"] = "https://cdn.jobylon.com/jobs/companies/{token}/embed/v2/?target=jobylon-jobs-widget&page_size=100",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [WidgetUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value);

    // The embedder script and the company id the page gives it.
    public override IEnumerable<AtsBoard> FindOnPage(IDocument document, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.QuerySelectorAll("script[src]").Any(s => s.GetAttribute("src")!.Contains("jobylon.com/embedder", StringComparison.OrdinalIgnoreCase)))
        {
            yield break;
        }
        foreach (var script in document.QuerySelectorAll("script:not([src])"))
        {
            if (CompanyId().Match(script.TextContent) is { Success: true } id)
            {
                yield return new AtsBoard(this, id.Groups["id"].Value);
            }
        }
    }

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Jobylon"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.ScriptValue("jobs")).Select(job => Candidate(
            Text(job, "title"),
            JobPage(job),
            answer.Url,
            company: Text(job, "company") is { } company && company != "None" ? company : null,
            summary: Text(job, "summary") is { } summary && summary != "None" ? summary : null,
            location: Text(job, "town") ?? Text(job, "location") ?? Text(job, "city"),
            department: Text(job, "function") ?? Text(job, "department"),
            employment: [Text(job, "employment_type")],
            postedAt: Date(Text(job, "published_date")),
            id: Text(job, "id"))).OfType<JobCandidate>();

    // A job's own link on emp.jobylon.com: its url's path where it has one (the widget writes it for the
    // CDN host it is served from), else /jobs/{id}-{slug}/.
    private static string? JobPage(JsonElement job)
    {
        if (WebLink.Resolve(JobHost, Text(job, "url") ?? Text(job, "job_url")) is { } link)
        {
            return link.Host.EndsWith("jobylon.com", StringComparison.OrdinalIgnoreCase) ? new Uri(JobHost, link.PathAndQuery).AbsoluteUri : link.AbsoluteUri;
        }
        return Text(job, "id") is { } id
            ? new Uri(JobHost, $"/jobs/{Uri.EscapeDataString(id)}{(Text(job, "slug") is { } slug ? "-" + Uri.EscapeDataString(slug) : "")}/").AbsoluteUri
            : null;
    }

    // cdn.jobylon.com/jobs/companies/2380/embed/v2/
    [GeneratedRegex(@"jobylon\.com/jobs/companies/(?<token>[0-9]+)/embed", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WidgetUrl();

    [GeneratedRegex(@"jbl_company_id\s*=\s*['""]?(?<id>[0-9]+)", RegexOptions.NonBacktracking)]
    private static partial Regex CompanyId();
}
