using System.Runtime.CompilerServices;
using JobStream.Application.Scraping.TriggerScrape;
using JobStream.Domain.Scraping;
using JobStream.Domain.Streaming;

namespace JobStream.Application.Scraping.Runs;

/// <summary>
/// A scrape told as events: with progress (seed 001), <c>progress</c> for each step, <c>result</c> for
/// each domain; without, one unnamed event per domain (seed 000). Either way one <c>completed</c> last.
/// </summary>
public static class ScrapeEvents
{
    public const string Completed = "completed";
    public const string Error = "error";

    /// <summary>The name an unnamed event travels under in the hub: EventSource's default type.</summary>
    public const string Unnamed = "message";

    /// <summary>Events after which a run has nothing more to say.</summary>
    public static bool IsTerminal(string eventName) => eventName is Completed or Error;

    public static async IAsyncEnumerable<ServerSentEvent> Of(
        ScrapeRunner runner, IReadOnlyList<string> domains, bool withProgress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var results = new List<ScrapeResult>();
        await foreach (var update in runner.RunAsync(domains, withProgress, cancellationToken))
        {
            if (update.Progress is { } step)
            {
                yield return new ServerSentEvent(new ProgressEvent(step.Domain, step.Step, step.Message, update.Completed, update.Total), "progress");
            }
            else
            {
                results.Add(update.DomainResult!);
                yield return new ServerSentEvent(update.DomainResult, withProgress ? "result" : null);
            }
        }
        yield return new ServerSentEvent(ScrapeSummary.Of(results), Completed);
    }
}
