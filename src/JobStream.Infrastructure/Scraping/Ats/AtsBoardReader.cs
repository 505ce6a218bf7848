using System.Text.Json;
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

    /// <summary>
    /// The board's jobs, and what went wrong where something did: its first answer could not be had (a
    /// wrong token, an outage: no jobs), it answered in a shape its provider does not read (no jobs, where
    /// an empty board's answer would say it has none), or a later page failed (the pages before it kept).
    /// </summary>
    public async Task<AtsBoardRead> ReadAsync(AtsBoard board, Action<ScrapeStep, string> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(report);
        var provider = board.Provider;
        var jobs = new List<JobCandidate>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var listings = new HashSet<string>(StringComparer.Ordinal);
        AtsRequest? request = provider.FirstRequest(board, _options);
        AtsAnswer? last = null;
        // A board that names a page it already answered, or answers a page with nothing new (a replay,
        // a page number it ignores), has nothing more to give.
        for (var read = 0; request is not null && read < MaxPages && jobs.Count < _options.MaxJobsPerBoard && asked.Add($"{request.Url.AbsoluteUri} {request.Body}"); read++)
        {
            report(ScrapeStep.Fetching, $"Fetching the {board.Provider.Name} board {board.Token}{(read > 0 ? $", page {read + 1}" : "")}");
            // A board whose first answer cannot be had is no board; one that fails later keeps the pages read.
            var fetched = await FetchAsync(request.Format ?? provider.Format, request, cancellationToken);
            if (fetched.Value is null && read == 0 && provider.FallbackRequest(board, _options) is { } fallback && asked.Add($"{fallback.Url.AbsoluteUri} {fallback.Body}"))
            {
                report(ScrapeStep.Fetching, $"Fetching the {board.Provider.Name} board {board.Token} another way ({fallback.Url.AbsolutePath})");
                (request, fetched) = (fallback, await FetchAsync(fallback.Format ?? provider.Format, fallback, cancellationToken));
            }
            if (fetched.Value is not { } answer)
            {
                return read == 0
                    ? new AtsBoardRead([], $"the {provider.Name} board '{board.Token}' could not be read: {fetched.Why}")
                    : new AtsBoardRead(Distinct(jobs), $"page {read + 1} of the {provider.Name} board '{board.Token}' could not be read ({fetched.Why}); the jobs of the pages before it are kept");
            }
            var page = provider.Parse(board, answer, time.GetUtcNow())
                .Select(job => job with
                {
                    Complete = job.Complete || provider.Format != AtsFormat.Html,
                    AtsId = job.AtsId is { } id ? $"{provider.Name.ToLowerInvariant()}:{board.Token}:{id}" : null, // ids are the board's own
                })
                .ToList();
            last = answer;
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
        // No jobs, and the board's last answer (its list: a provider may look up the board first) does
        // not say it has none: that answer was not understood, which is not "no openings".
        if (distinct.Count == 0 && last is { Json.ValueKind: not JsonValueKind.Undefined } final && !SaysEmpty(final.Json))
        {
            return new AtsBoardRead([], $"the {provider.Name} board '{board.Token}' answered in a form JobStream does not read ({final.Url.Host})");
        }
        return new AtsBoardRead(distinct, null);
    }

    // How a board's JSON says it has no jobs: an empty list somewhere in it ({"jobs": []}, []), or a
    // count of 0 ({"total": 0}). An answer that gave no jobs and says neither is one not understood.
    private static bool SaysEmpty(JsonElement json, int depth = 0)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Array:
                return json.GetArrayLength() == 0 || (depth < 4 && json.EnumerateArray().Take(20).Any(item => SaysEmpty(item, depth + 1)));
            case JsonValueKind.Object when depth < 4:
                foreach (var property in json.EnumerateObject().Take(50))
                {
                    if ((property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var count) && count == 0 && CountNames.Contains(property.Name))
                        || SaysEmpty(property.Value, depth + 1))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static readonly HashSet<string> CountNames = new(StringComparer.OrdinalIgnoreCase) { "total", "count", "totalCount", "total_count", "totalFound", "totalResults", "total_results", "numFound", "hits" };

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

/// <summary>A board's jobs, and what could not be read of it (null when all of it was).</summary>
public sealed record AtsBoardRead(IReadOnlyList<JobCandidate> Jobs, string? Problem);
