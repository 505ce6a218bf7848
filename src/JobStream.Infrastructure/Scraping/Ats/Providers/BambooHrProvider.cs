using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>BambooHR: the careers list has no links; each opening's page is /careers/{id} on the board.</summary>
public sealed partial class BambooHrProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["BambooHr"] = "https://{token}.bamboohr.com/careers/list",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "BambooHr"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json, "result").Select(job => Candidate(
            Text(job, "jobOpeningName"),
            Text(job, "id") is { } id ? $"https://{board.Token}.bamboohr.com/careers/{Uri.EscapeDataString(id)}" : null,
            answer.Url,
            location: string.Join(", ", new[] { Text(Child(job, "location"), "city"), Text(Child(job, "location"), "state") }.OfType<string>()) is { Length: > 0 } place ? place : null,
            department: Text(job, "departmentLabel"),
            employment: [Text(job, "employmentStatusLabel") ?? Text(job, "employmentType")],
            // locationType: "0" on site, "1" remote, "2" hybrid.
            stated: Bool(job, "isRemote") == true || Text(job, "locationType") == "1" ? LocationType.Remote
                : Text(job, "locationType") == "2" ? LocationType.Hybrid : null,
            id: Text(job, "id"))).OfType<JobCandidate>();

    // acme.bamboohr.com/careers, acme.bamboohr.com/jobs/: the company's board, not BambooHR's own site.
    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.bamboohr\.com/(?:careers|jobs)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
