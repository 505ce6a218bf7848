using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Jobvite: boards on jobs.jobvite.com/{company}; the search page is server-rendered HTML, one table row
/// per job linking /{company}/job/{id}, its place in the row's jv-job-list-location cell.
/// </summary>
public sealed partial class JobviteProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Html;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Jobvite"] = "https://jobs.jobvite.com/{token}/search",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Jobvite"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        if (answer.Html is null)
        {
            return [];
        }
        var jobUrl = new Regex($@"/{Regex.Escape(board.Token)}/job/[A-Za-z0-9]+", RegexOptions.IgnoreCase);
        return AtsHtmlList.Links(answer.Html, answer.Url, jobUrl, "tr, li")
            .Select(link => Candidate(
                link.Title, link.Url.AbsoluteUri, answer.Url,
                location: link.Field(".jv-job-list-location"),
                department: link.Field(".jv-job-list-category, .jv-job-list-department")))
            .OfType<JobCandidate>();
    }

    [GeneratedRegex(@"jobs\.jobvite\.com/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
