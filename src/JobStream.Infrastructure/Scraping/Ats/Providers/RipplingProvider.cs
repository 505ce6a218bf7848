using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Rippling: boards on ats.rippling.com/{board}; the board API answers page by page up to totalPages,
/// and lists a job once per location (the reader merges them into one job in every place). The older v1
/// answer, a bare array, is read too.
/// </summary>
public sealed partial class RipplingProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Rippling"] = "https://ats.rippling.com/api/v2/board/{token}/jobs?page=0&pageSize=50",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Rippling"), ("token", board.Token)));

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        var page = current.Page;
        if (Number(answer.Json, "totalPages") is not { } pages || page + 1 >= pages || !Items(answer.Json, "items").Any())
        {
            return null;
        }
        return current.NextPage("page", page + 1);
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        answer.Json.ValueKind == JsonValueKind.Array ? ParseV1(board, answer) : ParseV2(board, answer);

    // The v1 board API (api.rippling.com/platform/api/ats/v1/board/{slug}/jobs): a bare array of
    // {uuid, name, url, workLocation: {label} or a string, department: {label} or a string}; the label
    // starts with the workplace ("Remote (United States)", "Hybrid (Toronto, CA)", "On-site (New York, NY)").
    private static IEnumerable<JobCandidate> ParseV1(AtsBoard board, AtsAnswer answer) =>
        Items(answer.Json).Select(job =>
        {
            var place = Label(job, "workLocation");
            return Candidate(
                Text(job, "name"),
                Text(job, "url") ?? (Text(job, "uuid") is { } id ? $"https://ats.rippling.com/{board.Token}/jobs/{id}" : null),
                answer.Url,
                location: place,
                department: Label(job, "department"),
                stated: place is null ? null : Workplace(WorkplaceWord().Match(place).Value),
                id: Text(job, "uuid"));
        }).OfType<JobCandidate>();

    private static string? Label(JsonElement job, string property) =>
        Child(job, property) is { ValueKind: JsonValueKind.Object } named ? Text(named, "label") ?? Text(named, "name") : Text(job, property);

    private static IEnumerable<JobCandidate> ParseV2(AtsBoard board, AtsAnswer answer) =>
        Items(answer.Json, "items").Select(job =>
        {
            var locations = Items(Child(job, "locations")).ToList();
            return Candidate(
                Text(job, "name"),
                Text(job, "url") ?? (Text(job, "id") is { } id ? $"https://ats.rippling.com/{board.Token}/jobs/{id}" : null),
                answer.Url,
                location: Places(locations.Select(l => Text(l, "name"))),
                department: Text(Child(job, "department"), "name"),
                stated: locations.Select(l => Workplace(Text(l, "workplaceType"))).FirstOrDefault(w => w is not null),
                id: Text(job, "id"));
        }).OfType<JobCandidate>();

    // ats.rippling.com/acme/jobs, ats.rippling.com/en-GB/acme/jobs/{id}, ats.rippling.com/api/v2/board/acme/jobs,
    // api.rippling.com/platform/api/ats/v1/board/acme/jobs
    [GeneratedRegex(@"(?:ats\.rippling\.com/(?:api/v2/board/|[a-z]{2}-[A-Z]{2}/)?|api\.rippling\.com/platform/api/ats/v1/board/)(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();

    [GeneratedRegex(@"^\s*(remote|hybrid|on[- ]?site|in[- ]office)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WorkplaceWord();
}
