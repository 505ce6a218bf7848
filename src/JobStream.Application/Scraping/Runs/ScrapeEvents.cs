using System.Runtime.CompilerServices;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Scraping.TriggerScrape;
using JobStream.Application.Streaming;
using JobStream.Domain.Scraping;

namespace JobStream.Application.Scraping.Runs;

/// <summary>
/// A scrape told as events: with progress (seed 001), <c>progress</c> for each step, <c>result</c> for
/// each domain; without, one unnamed event per domain (seed 000). Either way one <c>completed</c> last.
/// </summary>
public static class ScrapeEvents
{
    public const string Completed = "completed";
    public const string Error = "error";

    /// <summary>Events after which a run has nothing more to say.</summary>
    public static bool IsTerminal(string eventName) => eventName is Completed or Error;

    /// <summary>
    /// The run's events as they happen, each with a key that names it within the run ("result:acme.com",
    /// "progress:acme.com:fetching:0"): the same for the same event when a run is done again. A result
    /// larger than <paramref name="maxEventBytes"/> comes as several (<see cref="ScrapeResultParts"/>).
    /// </summary>
    public static async IAsyncEnumerable<ScrapeEvent> Of(
        DomainsScraper scraper, IReadOnlyList<string> domains, bool withProgress, int maxEventBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scraper);
        var results = new List<ScrapeResult>();
        await foreach (var item in Steps(scraper, domains, withProgress, maxEventBytes, update => (update.Completed, update.Total), results.Add, cancellationToken))
        {
            yield return item;
        }
        yield return new ScrapeEvent(Completed, ScrapeSummary.Of(results), Completed);
    }

    /// <summary>
    /// The events of one part of a background job (one domain of <see cref="ScrapeJobPart.Of"/>): its
    /// progress, counted among the job's parts (<paramref name="completedBefore"/> were done when it
    /// started), and its result, handed to <paramref name="finished"/> as well; no <c>completed</c>: the
    /// part that finishes the job says that.
    /// </summary>
    public static IAsyncEnumerable<ScrapeEvent> OfJobPart(
        DomainsScraper scraper, string domain, ScrapeJobPart part, int completedBefore, int maxEventBytes, Action<ScrapeResult> finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scraper);
        ArgumentNullException.ThrowIfNull(part);
        return Steps(scraper, [domain], withProgress: true, maxEventBytes, update => (completedBefore + update.Completed, part.Of), finished, cancellationToken);
    }

    /// <summary>The <c>result</c> event(s) of one domain, keyed as in a run.</summary>
    public static IEnumerable<ScrapeEvent> ResultOf(ScrapeResult result, bool withProgress, int maxEventBytes)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var part in ScrapeResultParts.Split(result, maxEventBytes))
        {
            yield return new ScrapeEvent(withProgress ? "result" : StreamMessage.Unnamed, part, part.Part is > 1 ? $"result:{result.Domain}:{part.Part}" : $"result:{result.Domain}");
        }
    }

    private static async IAsyncEnumerable<ScrapeEvent> Steps(
        DomainsScraper scraper,
        IReadOnlyList<string> domains,
        bool withProgress,
        int maxEventBytes,
        Func<ScrapeUpdate, (int Completed, int Total)> counts,
        Action<ScrapeResult> finished,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var steps = new Dictionary<(string, ScrapeStep), int>();
        await foreach (var update in scraper.ScrapeAsync(domains, withProgress, cancellationToken))
        {
            if (update.Progress is { } step)
            {
                var seen = steps.GetValueOrDefault((step.Domain, step.Step));
                steps[(step.Domain, step.Step)] = seen + 1;
                var (completed, total) = counts(update);
                yield return new ScrapeEvent(
                    "progress",
                    new ProgressEvent(step.Domain, step.Step, step.Message, completed, total),
                    $"progress:{step.Domain}:{step.Step}:{seen}");
            }
            else
            {
                var result = update.DomainResult!;
                finished(result);
                foreach (var item in ResultOf(result, withProgress, maxEventBytes))
                {
                    yield return item;
                }
            }
        }
    }
}

/// <summary>One event of a run: its name in the hub, its data, and its key within the run.</summary>
public sealed record ScrapeEvent(string Name, object Data, string Key);
