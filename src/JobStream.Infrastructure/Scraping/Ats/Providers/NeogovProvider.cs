using System.Text.RegularExpressions;
using System.Xml.Linq;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// NEOGOV: public agencies' boards on governmentjobs.com/careers/{agency} (school districts' on
/// schooljobs.com), read from the agency's RSS feed: each item's title, link and date, and in NEOGOV's
/// JobListing namespace its location, department, job type and stated pay (matched by local name).
/// </summary>
public sealed partial class NeogovProvider : AtsProvider
{
    // A school district's board is asked on schooljobs.com: its token carries the host.
    private const string SchoolSuffix = "@schooljobs";

    public override AtsFormat Format => AtsFormat.Xml;

    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Neogov"] = "https://www.governmentjobs.com/SearchEngine/JobsFeed?agency={token}",
        ["NeogovSchools"] = "https://www.schooljobs.com/SearchEngine/JobsFeed?agency={token}",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) =>
        new(this, match.Groups["agency"].Value.ToLowerInvariant() + (match.Groups["host"].Value.Equals("schooljobs", StringComparison.OrdinalIgnoreCase) ? SchoolSuffix : ""));

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        board.Token.EndsWith(SchoolSuffix, StringComparison.Ordinal)
            ? new(Fill(Template(options, "NeogovSchools"), ("token", CompanyOf(board))))
            : new(Fill(Template(options, "Neogov"), ("token", board.Token)));

    public override string CompanyOf(AtsBoard board) =>
        board.Token.EndsWith(SchoolSuffix, StringComparison.Ordinal) ? board.Token[..^SchoolSuffix.Length] : board.Token;

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        foreach (var item in answer.Xml?.Descendants().Where(e => e.Name.LocalName == "item") ?? [])
        {
            if (Candidate(
                    ElementText(item, "title"), ElementText(item, "link"), answer.Url,
                    summary: ElementText(item, "description"),
                    location: ElementText(item, "location"),
                    department: ElementText(item, "department"),
                    employment: [ElementText(item, "jobType")],
                    postedAt: Date(ElementText(item, "pubDate")),
                    salary: Pay(item)) is { } candidate)
            {
                yield return candidate;
            }
        }
    }

    // "USD 25.50–31.20 per hour" from the listing's minimumSalary, maximumSalary, salaryCurrency, salaryInterval.
    private static string? Pay(XElement item)
    {
        var low = ElementText(item, "minimumSalary");
        var high = ElementText(item, "maximumSalary");
        if (low is null && high is null)
        {
            return null;
        }
        var range = low is not null && high is not null && low != high ? $"{low}–{high}" : low ?? high;
        var interval = ElementText(item, "salaryInterval")?.ToLowerInvariant();
        return string.Join(' ', new[] { ElementText(item, "salaryCurrency"), range, interval is null ? null : $"per {interval}" }.OfType<string>());
    }


    // governmentjobs.com/careers/acme, governmentjobs.com/careers/acme/jobs/123/…, schooljobs.com/careers/district
    [GeneratedRegex(@"(?:www\.)?(?<host>governmentjobs|schooljobs)\.com/careers/(?<agency>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
