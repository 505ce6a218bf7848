using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>Pinpoint: postings.json, links as URLs or paths on the board, the workplace stated, pay where shown.</summary>
public sealed partial class PinpointProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Pinpoint"] = "https://{token}.pinpointhq.com/postings.json",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Pinpoint"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json, "data").Select(job => Candidate(
            Text(job, "title"), Text(job, "url") ?? Text(job, "path"), answer.Url,
            summary: Text(job, "description"),
            location: Text(Child(job, "location"), "name"),
            department: Text(Child(Child(job, "job"), "department"), "name") ?? Text(Child(job, "department"), "name"),
            employment: [Text(job, "employment_type_text") ?? Text(job, "employment_type")],
            stated: Workplace(Text(job, "workplace_type")),
            postedAt: Date(Text(job, "published_at") ?? Text(job, "created_at")),
            salary: Bool(job, "compensation_visible") == false ? null : Text(job, "compensation"),
            id: Text(job, "id"))).OfType<JobCandidate>();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.pinpointhq\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
