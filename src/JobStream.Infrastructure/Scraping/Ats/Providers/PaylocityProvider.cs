using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Paylocity: a company's board is recruiting.paylocity.com/recruiting/jobs/All/{company guid}, a page
/// holding every job in <c>window.pageData = {…, "Jobs": [...]}</c> (read without running it); each
/// job's page is /Recruiting/Jobs/Details/{JobId} there. "Hybrid" or "Remote" as a location's name says
/// where the work is, not a place.
/// </summary>
public sealed partial class PaylocityProvider : AtsProvider
{
    public override AtsFormat Format => AtsFormat.Html;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Paylocity"] = "https://recruiting.paylocity.com/recruiting/jobs/All/{token}",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Paylocity"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        var page = answer.ScriptValue("pageData");
        var company = Text(page, "ModuleTitle");
        return Items(page, "Jobs").Select(job =>
        {
            var where = Child(job, "JobLocation");
            var named = Text(job, "LocationName") ?? Text(where, "Name");
            var place = string.Join(", ", new[] { Text(where, "City"), Text(where, "State") }.OfType<string>());
            return Candidate(
                Text(job, "JobTitle"),
                Text(job, "JobId") is { } id ? $"/Recruiting/Jobs/Details/{Uri.EscapeDataString(id)}" : null,
                answer.Url,
                company: company,
                summary: Text(job, "Description"),
                location: place.Length > 0 ? place : Workplace(named) is null ? named : null,
                department: Text(job, "HiringDepartment"),
                stated: Bool(job, "IsRemote") == true ? LocationType.Remote : Workplace(named),
                postedAt: Date(Text(job, "PublishedDate")),
                id: Text(job, "JobId"));
        }).OfType<JobCandidate>();
    }

    [GeneratedRegex(@"recruiting\.paylocity\.com/recruiting/jobs/(?:All|List)/(?<token>[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
