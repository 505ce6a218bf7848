using System.Globalization;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Oracle Recruiting Cloud: Candidate Experience sites ({host}.oraclecloud.com/hcmUI/CandidateExperience/…/sites/{site}),
/// named "host/site". The public requisitions resource answers a page of requisitions and whether there
/// are more; each job's page is /job/{Id} on the site.
/// </summary>
public sealed partial class OracleCloudProvider : AtsProvider
{
    private const int PageSize = 200;


    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["OracleCloud"] = "https://{host}/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=requisitionList.secondaryLocations&finder=findReqs;siteNumber={site},limit=200,offset=0,sortBy=POSTING_DATES_DESC",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [SiteUrl()];

    protected override AtsBoard? Board(Match match) =>
        new(this, $"{match.Groups["host"].Value.ToLowerInvariant()}/{match.Groups["site"].Value}");

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options)
    {
        var (host, site) = Parts(board);
        return new(Fill(Template(options, "OracleCloud"), ("host", host), ("site", site)));
    }

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        var count = Requisitions(answer).Count();
        if (Bool(answer.Json, "hasMore") != true || count == 0 || Offset().Match(current.Url.OriginalString) is not { Success: true } offset)
        {
            return null;
        }
        var next = int.Parse(offset.Groups[1].Value, CultureInfo.InvariantCulture) + Math.Min(count, PageSize);
        return new AtsRequest(new Uri(Offset().Replace(current.Url.OriginalString, $"offset={next}", 1)), Page: current.Page + 1);
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        var (host, site) = Parts(board);
        return Requisitions(answer).Select(job => Candidate(
            Text(job, "Title"),
            Text(job, "Id") is { } id ? $"https://{host}/hcmUI/CandidateExperience/en/sites/{site}/job/{Uri.EscapeDataString(id)}" : null,
            answer.Url,
            summary: Text(job, "ShortDescriptionStr"),
            location: Places(Items(Child(job, "secondaryLocations")).Select(l => Text(l, "Name")).Prepend(Text(job, "PrimaryLocation"))),
            department: Text(job, "Organization") ?? Text(job, "JobFunction"),
            employment: [Text(job, "JobSchedule"), Text(job, "ContractType")],
            stated: Workplace(Text(job, "WorkplaceType")?.Replace("ORA_", "", StringComparison.OrdinalIgnoreCase)),
            postedAt: Date(Text(job, "PostedDate")),
            id: Text(job, "Id"))).OfType<JobCandidate>();
    }

    private static IEnumerable<System.Text.Json.JsonElement> Requisitions(AtsAnswer answer) =>
        Items(answer.Json, "items").SelectMany(item => Items(item, "requisitionList"));

    private static (string Host, string Site) Parts(AtsBoard board) =>
        board.Token.Split('/') is [var host, var site] ? (host, site) : throw new ArgumentException($"'{board.Token}' is not an Oracle Recruiting site (host/site)", nameof(board));

    // ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/requisitions
    [GeneratedRegex(@"(?<host>[A-Za-z0-9.-]+\.oraclecloud\.com)/hcmUI/CandidateExperience/(?:[a-z]{2}(?:-[A-Za-z]{2})?/)?sites/(?<site>[A-Za-z0-9_]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SiteUrl();

    [GeneratedRegex(@"offset=(\d+)", RegexOptions.NonBacktracking)]
    private static partial Regex Offset();
}
