using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Workable: apply.workable.com/{account} and {account}.workable.com boards through the widget API, and
/// the <c>whr_embed(123456, …)</c> script embed, which names the account by number, through the accounts
/// API. Both answer alike: a name and every job, "" for missing values, a job listed once per place.
/// </summary>
public sealed partial class WorkableProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Workable"] = "https://apply.workable.com/api/v1/widget/accounts/{token}",
        ["WorkableEmbed"] = "https://www.workable.com/api/accounts/{token}?details=true",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl(), Embed()];

    protected override AtsBoard? Board(Match match) =>
        match.Groups["token"].Value is var token && token.Equals("www", StringComparison.OrdinalIgnoreCase) ? null : new(this, token.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        new(Fill(Template(options, board.Token.All(char.IsAsciiDigit) ? "WorkableEmbed" : "Workable"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        var company = Text(answer.Json, "name");
        return Items(answer.Json, "jobs").Select(job => Candidate(
            Text(job, "title"), Text(job, "url") ?? Text(job, "shortlink"), answer.Url,
            company: company,
            summary: Text(job, "description"),
            location: string.Join(", ", new[] { Text(job, "city"), Text(job, "state"), Text(job, "country") }.OfType<string>().Distinct()) is { Length: > 0 } place ? place : null,
            department: Text(job, "department") ?? Text(job, "function"),
            employment: [Text(job, "employment_type")],
            stated: Bool(job, "telecommuting") == true ? LocationType.Remote : null,
            postedAt: Date(Text(job, "published_on") ?? Text(job, "created_at")),
            id: Text(job, "shortcode") ?? Text(job, "id"))).OfType<JobCandidate>();
    }

    [GeneratedRegex(@"apply\.workable\.com/(?:api/v1/widget/accounts/)?(?<token>[A-Za-z0-9_-]+)|(?<token>[A-Za-z0-9-]+)\.workable\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();

    // <script src="https://www.workable.com/assets/embed.js"></script><script>whr_embed(456208, {detail: 'titles'})</script>
    [GeneratedRegex(@"whr_embed\(\s*(?<token>\d{1,12})\s*[,)]", RegexOptions.NonBacktracking)]
    private static partial Regex Embed();
}
