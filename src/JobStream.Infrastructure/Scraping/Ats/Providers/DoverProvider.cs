using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Dover: boards on app.dover.com/jobs/{slug}. The slug is first resolved to the careers page's id,
/// whose jobs are then listed (following "next" on the same host); sample jobs are left out, and each
/// job's page is app.dover.com/apply/{slug}/{id}.
/// </summary>
public sealed partial class DoverProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["DoverSlug"] = "https://app.dover.com/api/v1/careers-page-slug/{token}",
        ["Dover"] = "https://app.dover.com/api/v1/careers-page/{id}/jobs?limit=300",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value);

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "DoverSlug"), ("token", board.Token)));

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        if (current.Page == 0 && Text(answer.Json, "id") is { } id && !answer.Json.TryGetProperty("results", out _))
        {
            return new AtsRequest(Fill(Template(options, "Dover"), ("id", id)), Page: 1);
        }
        return Text(answer.Json, "next") is { } next && Uri.TryCreate(current.Url, next, out var url) && url.Authority == current.Url.Authority
            ? new AtsRequest(url, Page: current.Page + 1)
            : null;
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json, "results").Where(job => Bool(job, "is_sample") != true).Select(job =>
        {
            var locations = Items(Child(job, "locations")).ToList();
            var kinds = locations.Select(l => Workplace(Text(l, "location_type"))).OfType<LocationType>().Distinct().ToList();
            return Candidate(
                Text(job, "title"),
                Text(job, "id") is { } id ? $"https://app.dover.com/apply/{Uri.EscapeDataString(board.Token)}/{Uri.EscapeDataString(id)}" : null,
                answer.Url,
                location: Places(locations.Select(l => Text(l, "name"))),
                stated: kinds.Count == 1 ? kinds[0] : null,
                id: Text(job, "id"));
        }).OfType<JobCandidate>();

    // app.dover.com/jobs/acme, app.dover.com/apply/acme/{job id}
    [GeneratedRegex(@"app\.dover\.com/(?:jobs|apply)/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
