using JobStream.Application.Scraping;
using JobStream.Domain.Scraping;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// Reads a board through its provider: the first request, then each next page until the provider says
/// it was the last, Scraping:Ats:MaxJobsPerBoard jobs are in, or <see cref="MaxPages"/> pages were read;
/// every call through the fetcher (its politeness and address rules). A job listed once per place is
/// one job in all its places. Jobs from an API or a feed are <see cref="JobCandidate.Complete"/>; those
/// from an HTML list have their own pages read afterwards, as any list's.
/// </summary>
public sealed class AtsBoardReader(PageFetcher fetcher, IOptions<AtsOptions> options, TimeProvider time)
{
    /// <summary>The most pages read from one board, whatever its page size.</summary>
    public const int MaxPages = 500;

    private readonly AtsOptions _options = options.Value;

    /// <summary>The board's jobs; null when its first answer cannot be had (a wrong token, an outage).</summary>
    public async Task<IReadOnlyList<JobCandidate>?> ReadAsync(AtsBoard board, Action<ScrapeStep, string> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(report);
        var provider = board.Provider;
        var jobs = new List<JobCandidate>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var listings = new HashSet<string>(StringComparer.Ordinal);
        AtsRequest? request = provider.FirstRequest(board, _options);
        // A board that names a page it already answered, or answers a page with nothing new (a replay,
        // a page number it ignores), has nothing more to give.
        for (var read = 0; request is not null && read < MaxPages && jobs.Count < _options.MaxJobsPerBoard && asked.Add($"{request.Url.AbsoluteUri} {request.Body}"); read++)
        {
            report(ScrapeStep.Fetching, $"Fetching the {board.Provider.Name} board {board.Token}{(read > 0 ? $", page {read + 1}" : "")}");
            // A board whose first answer cannot be had is no board; one that fails later keeps the pages read.
            if ((await FetchAsync(provider.Format, request, cancellationToken)).Value is not { } answer)
            {
                return read == 0 ? null : Distinct(jobs);
            }
            var page = provider.Parse(board, answer, time.GetUtcNow())
                .Select(job => provider.Format == AtsFormat.Html ? job : job with { Complete = true })
                .ToList();
            jobs.AddRange(page);
            var fresh = page.Count(job => listings.Add($"{job.Url}\n{job.Location}"));
            if (read > 0 && fresh == 0)
            {
                break;
            }
            request = provider.NextRequest(board, answer, request, _options);
        }
        var distinct = Distinct(jobs);
        report(ScrapeStep.Extracting, $"{distinct.Count} jobs from the {board.Provider.Name} board");
        return distinct;
    }

    private async Task<FetchResult<AtsAnswer>> FetchAsync(AtsFormat format, AtsRequest request, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case AtsFormat.Xml:
                return (await fetcher.FetchXmlAsync(request.Url, cancellationToken)).Then(xml => Fetch.Answered(AtsAnswer.FromXml(request.Url, xml)));
            case AtsFormat.Html:
                return (await fetcher.FetchAsync(request.Url, cancellationToken)).Then(page => page.Document is { } html
                    ? Fetch.Answered(AtsAnswer.FromHtml(page.Url, html))
                    : Fetch.Failed<AtsAnswer>($"{page.Url} is not an HTML page"));
            default:
                var json = await fetcher.FetchJsonAsync(request.Url, cancellationToken, request.Body);
                using (json.Value)
                {
                    return json.Then(document => Fetch.Answered(AtsAnswer.FromJson(request.Url, document.RootElement.Clone())));
                }
        }
    }

    // One job listed once per place (Workable's widget, Rippling) is one job in all its places.
    private static List<JobCandidate> Distinct(List<JobCandidate> jobs) =>
        jobs.GroupBy(job => job.Url, StringComparer.Ordinal)
            .Select(same => same.Skip(1).Any()
                ? same.First() with { Location = AtsFields.Places(same.SelectMany(job => (job.Location ?? "").Split("; "))) }
                : same.First())
            .ToList();
}
