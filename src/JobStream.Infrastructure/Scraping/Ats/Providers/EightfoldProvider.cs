using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Eightfold: career sites on {tenant}.eightfold.ai/careers, asked for the company's domain (the
/// <c>domain=</c> of the board's URL; "{tenant}.com" where the URL gives none), named "tenant/domain". The
/// jobs API pages by start and count up to its total.
/// </summary>
public sealed partial class EightfoldProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Eightfold"] = "https://{tenant}.eightfold.ai/api/apply/v2/jobs?domain={domain}&start=0&num=100",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match)
    {
        var tenant = match.Groups["tenant"].Value.ToLowerInvariant();
        var domain = match.Groups["domain"].Success ? Uri.UnescapeDataString(match.Groups["domain"].Value).ToLowerInvariant() : $"{tenant}.com";
        return tenant is "www" or "app" ? null : new(this, $"{tenant}/{domain}");
    }

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options)
    {
        var (tenant, domain) = board.Token.Split('/') is [var t, var d] ? (t, d) : (board.Token, $"{board.Token}.com");
        return new(Fill(Template(options, "Eightfold"), ("tenant", tenant), ("domain", domain)));
    }

    public override AtsRequest? NextRequest(AtsBoard board, AtsAnswer answer, AtsRequest current, AtsOptions options)
    {
        var query = System.Web.HttpUtility.ParseQueryString(current.Url.Query);
        var start = int.TryParse(query["start"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var size = int.TryParse(query["num"], CultureInfo.InvariantCulture, out var n) ? n : 100;
        var count = Items(answer.Json, "positions").Count();
        var total = Number(answer.Json, "count");
        if (count == 0 || (total is { } all ? start + count >= all : count < size))
        {
            return null;
        }
        return current.NextPage("start", start + count);
    }

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now)
    {
        var tenant = board.Token.Split('/')[0];
        return Items(answer.Json, "positions").Select(job => Candidate(
            Text(job, "name"),
            Text(job, "canonicalPositionUrl") ?? (Text(job, "id") is { } id ? $"https://{tenant}.eightfold.ai/careers/job/{id}" : null),
            answer.Url,
            summary: Text(job, "job_description"),
            location: Places(Items(Child(job, "locations")).Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()).Prepend(Text(job, "location"))),
            department: Text(job, "department"),
            employment: [Text(job, "type")],
            stated: Workplace(Text(job, "work_location_option")),
            postedAt: Whole(job, "t_create") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            id: Text(job, "id"))).OfType<JobCandidate>();
    }

    // albemarle.eightfold.ai/careers, acme.eightfold.ai/careers?domain=acme.com&pid=1, acme.eightfold.ai/api/apply/v2/jobs?domain=acme.com
    [GeneratedRegex(@"(?<tenant>[A-Za-z0-9-]+)\.eightfold\.ai/(?:careers|api/apply)(?:[^""'\s<>]*?[?&]domain=(?<domain>[A-Za-z0-9.%-]+))?", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
