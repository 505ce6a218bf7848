using System.Text.RegularExpressions;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>Breezy HR: {company}.breezy.hr answers every published position as a JSON array at /json.</summary>
public sealed partial class BreezyProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Breezy"] = "https://{token}.breezy.hr/json",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) => new(this, match.Groups["token"].Value.ToLowerInvariant());

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) => new(Fill(Template(options, "Breezy"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json).Select(job =>
        {
            var location = Child(job, "location");
            var place = Text(location, "name")
                        ?? string.Join(", ", new[] { Text(location, "city"), Text(Child(location, "state"), "name"), Text(Child(location, "country"), "name") }.OfType<string>());
            return Candidate(
                Text(job, "name"), Text(job, "url"), answer.Url,
                company: Text(Child(job, "company"), "name"),
                location: place.Length == 0 ? null : place,
                department: Text(job, "department"),
                employment: [Text(Child(job, "type"), "name")],
                stated: Bool(location, "is_remote") == true ? LocationType.Remote : null,
                postedAt: Date(Text(job, "published_date")),
                salary: Text(job, "salary"),
                id: Text(job, "id"));
        }).OfType<JobCandidate>();

    [GeneratedRegex(@"(?<token>[A-Za-z0-9-]+)\.breezy\.hr", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
