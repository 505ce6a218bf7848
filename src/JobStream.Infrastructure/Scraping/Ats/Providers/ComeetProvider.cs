using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Comeet: a company's hosted careers page (comeet.com/jobs/{company}/{uid}, named "company/uid") holds
/// every position in the script literal <c>COMPANY_POSITIONS_DATA = [...]</c>, read without running the
/// script; Comeet's positions API asks for a per-company key, which a scraper does not have.
/// </summary>
public sealed partial class ComeetProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Html;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Comeet"] = "https://www.comeet.com/jobs/{company}/{uid}",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) =>
        new(this, $"{match.Groups["company"].Value.ToLowerInvariant()}/{match.Groups["uid"].Value.ToUpperInvariant()}");

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        board.Token.Split('/') is [var company, var uid]
            ? new(Fill(Template(options, "Comeet"), ("company", company), ("uid", uid)))
            : throw new ArgumentException($"'{board.Token}' is not a Comeet board (company/uid)", nameof(board));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        return Items(answer.ScriptValue("COMPANY_POSITIONS_DATA")).Select(job =>
        {
            var location = Child(job, "location");
            var place = Text(location, "name") ?? string.Join(", ", new[] { Text(location, "city"), Text(location, "country") }.OfType<string>());
            return Candidate(
                Text(job, "name"),
                Text(job, "url_active_page") ?? Text(job, "url_comeet_hosted_page"),
                answer.Url,
                location: place.Length == 0 ? null : place,
                department: Text(job, "department"),
                employment: [Text(job, "employment_type")],
                stated: Workplace(Text(job, "workplace_type")) ?? (Bool(location, "is_remote") == true ? LocationType.Remote : null),
                postedAt: Date(Text(job, "time_updated")),
                id: Text(job, "uid"));
        }).OfType<JobCandidate>();
    }

    // www.comeet.com/jobs/acme/A1.00B, www.comeet.co/jobs/acme/A1.00B/engineer/C2.0D3
    [GeneratedRegex(@"comeet\.com?/jobs/(?<company>[A-Za-z0-9_-]+)/(?<uid>[A-Fa-f0-9]{2}\.[A-Fa-f0-9]{3})", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
