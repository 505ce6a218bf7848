using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Ashby: boards tell case apart and may be named with spaces ("Acme%20Labs" is the board "Acme Labs",
/// escaped once when asked); workplaceType is the truth, isRemote is true for hybrid jobs too.
/// </summary>
public sealed partial class AshbyProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Ashby"] = "https://api.ashbyhq.com/posting-api/job-board/{token}?includeCompensation=false",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, Uri.UnescapeDataString(match.Groups["token"].Value));

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Ashby"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json, "jobs").Where(job => Bool(job, "isListed") != false).Select(job => Candidate(
            Text(job, "title"), Text(job, "jobUrl"), answer.Url,
            summary: Text(job, "descriptionPlain") ?? Text(job, "descriptionHtml"),
            location: Places(new[] { Text(job, "location") }.Concat(Items(Child(job, "secondaryLocations")).Select(l => Text(l, "location")))),
            department: Text(job, "department") ?? Text(job, "team"),
            employment: [Text(job, "employmentType")],
            stated: Workplace(Text(job, "workplaceType")) ?? (Bool(job, "isRemote") == true ? LocationType.Remote : null),
            postedAt: Date(Text(job, "publishedAt")),
            id: Text(job, "id"))).OfType<JobCandidate>();

    [GeneratedRegex(@"(?:jobs\.ashbyhq\.com|api\.ashbyhq\.com/posting-api/job-board)/(?<token>[A-Za-z0-9_.%-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
