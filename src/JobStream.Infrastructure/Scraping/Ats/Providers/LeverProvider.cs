using System.Text.Json;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>Lever: jobs.lever.co or its EU region; a top-level array of postings, dates in epoch milliseconds.</summary>
public sealed partial class LeverProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Lever"] = "https://api.lever.co/v0/postings/{token}?mode=json",
        ["LeverEu"] = "https://api.eu.lever.co/v0/postings/{token}?mode=json",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) =>
        new(this, match.Groups["token"].Value.ToLowerInvariant(), Eu: match.Groups["eu"].Success);

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        new(Fill(Template(options, board.Eu ? "LeverEu" : "Lever"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        foreach (var job in Items(answer.Json))
        {
            var categories = Child(job, "categories");
            var all = Places(Items(Child(categories, "allLocations")).Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()));
            if (Candidate(
                    Text(job, "text"), Text(job, "hostedUrl"), answer.Url,
                    summary: Text(job, "descriptionPlain") ?? Text(job, "description"),
                    location: all ?? Text(categories, "location"),
                    department: Text(categories, "department") ?? Text(categories, "team"),
                    employment: [Text(categories, "commitment")],
                    stated: Workplace(Text(job, "workplaceType")),
                    postedAt: Whole(job, "createdAt") is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                    id: Text(job, "id")) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    [GeneratedRegex(@"(?:jobs(?<eu>\.eu)?\.lever\.co|api(?<eu>\.eu)?\.lever\.co/v0/postings)/(?<token>[A-Za-z0-9_.-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
