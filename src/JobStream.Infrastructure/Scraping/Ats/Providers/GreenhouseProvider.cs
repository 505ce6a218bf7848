using System.Text.RegularExpressions;
using JobStream.Infrastructure.Scraping.Extraction;
using static JobStream.Infrastructure.Scraping.Ats.AtsFields;

namespace JobStream.Infrastructure.Scraping.Ats.Providers;

/// <summary>
/// Greenhouse: boards, job pages and embeds (<c>embed/job_board?for=</c>, <c>embed/job_board/js?for=</c>,
/// <c>embed/job_app?for=</c>) on boards.greenhouse.io or its EU region; one answer with every job, its
/// content HTML escaped twice.
/// </summary>
public sealed partial class GreenhouseProvider : AtsProvider
{
    public override IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>
    {
        ["Greenhouse"] = "https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true",
        ["GreenhouseEu"] = "https://boards-api.eu.greenhouse.io/v1/boards/{token}/jobs?content=true",
    };

    protected override IReadOnlyList<Regex> Patterns { get; } = [BoardUrl()];

    protected override AtsBoard? Board(Match match) =>
        new(this, match.Groups["token"].Value.ToLowerInvariant(), Eu: match.Groups["eu"].Success);

    public override AtsRequest FirstRequest(AtsBoard board, AtsOptions options) =>
        new(Fill(Template(options, board.Eu ? "GreenhouseEu" : "Greenhouse"), ("token", board.Token)));

    public override IEnumerable<JobCandidate> Parse(AtsBoard board, AtsAnswer answer, DateTimeOffset now) =>
        Items(answer.Json, "jobs").Select(job => Candidate(
            Text(job, "title"), Text(job, "absolute_url"), answer.Url,
            company: Text(job, "company_name"),
            summary: Text(job, "content"),
            location: Text(Child(job, "location"), "name"),
            department: Items(Child(job, "departments")).Select(d => Text(d, "name")).FirstOrDefault(n => n is not null),
            postedAt: Date(Text(job, "first_published") ?? Text(job, "updated_at")),
            id: Text(job, "id"))).OfType<JobCandidate>();

    // boards.greenhouse.io/stripe, job-boards.greenhouse.io/stripe/jobs/1, boards.eu.greenhouse.io/acme,
    // boards.greenhouse.io/embed/job_board?for=stripe, …/embed/job_board/js?for=stripe, …/embed/job_app?for=stripe&token=1,
    // boards-api.greenhouse.io/v1/boards/stripe/jobs
    [GeneratedRegex(@"(?:job-boards|boards)(?<eu>\.eu)?\.greenhouse\.io/(?:embed/(?:job_board(?:/js)?|job_app)\?(?:[^""'\s]*&)?for=)?(?<token>[A-Za-z0-9_-]+)|boards-api(?<eu>\.eu)?\.greenhouse\.io/v1/boards/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BoardUrl();
}
