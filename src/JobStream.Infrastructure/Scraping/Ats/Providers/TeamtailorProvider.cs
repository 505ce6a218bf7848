using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>Teamtailor: the board's JSON Feed, each item carrying its schema.org JobPosting (read as JSON-LD is).</summary>
public sealed partial class TeamtailorProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Teamtailor"] = "https://{token}.teamtailor.com/jobs.json",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Teamtailor"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        foreach (var item in Items(answer.Json, "items"))
        {
            var url = Text(item, "url");
            var posting = Child(item, "_jobposting") is { ValueKind: System.Text.Json.JsonValueKind.Object } p && Uri.TryCreate(url, UriKind.Absolute, out var page)
                ? JsonLdJobReader.FromPosting(p, page)
                : null;
            if (Candidate(
                    Text(item, "title"), url, answer.Url,
                    company: posting?.Company,
                    summary: Text(item, "content_html") ?? Text(item, "summary"),
                    location: posting?.Location,
                    department: posting?.Department,
                    employment: posting?.EmploymentTypes.Take(1),
                    stated: posting?.StatedLocationType,
                    postedAt: posting?.PostedAt ?? Date(Text(item, "date_published"))) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.teamtailor\.com", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
