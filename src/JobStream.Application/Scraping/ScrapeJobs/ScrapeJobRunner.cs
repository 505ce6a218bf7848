using JobStream.Application.Scraping.Runs;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>
/// Runs one part of a job (one domain; a job of one domain is its own part): its progress and result,
/// each published to the job's destination as it happens, and <c>completed</c> when the tally says this
/// part was the job's last. Each event is published with a key made of the job id and the event's key
/// within the job, so when a part runs again (its worker died) the events its client already has are
/// not sent twice: they keep their first ids, and only what is new is delivered.
/// </summary>
public sealed partial class ScrapeJobRunner(
    DomainsScraper scraper, IStreamBus bus, IScrapeJobTally tally, IOptions<HubOptions> hub, ILogger<ScrapeJobRunner> logger)
{
    /// <summary>
    /// Runs the part. A failure (the hub unreachable, a fault) is thrown to the worker, which has the part
    /// run again; <see cref="GiveUpAsync"/> tells the client when it will not be.
    /// </summary>
    public async Task RunAsync(ScrapeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.RunsWhole)
        {
            throw new ArgumentException($"Job {job.JobId} has {job.Domains.Count} domains: split it first", nameof(job));
        }
        var topic = TopicOf(job);
        var part = job.PartOrWhole;
        try
        {
            if (job.Domains.Count == 0)
            {
                await PublishCompletedAsync(job, new ScrapeSummary(0, 0, 0), cancellationToken);
                return;
            }
            var domain = job.Domains[0];
            LogStarted(job.JobId, part.Index + 1, part.Of, domain, topic);
            var before = part.Of == 1 ? 0 : await tally.CountAsync(job.JobId, cancellationToken);
            ScrapeResult? result = null;
            await foreach (var item in ScrapeEvents.OfJobPart(scraper, domain, part, before, hub.Value.MaxPayloadBytes, finished => result = finished, cancellationToken))
            {
                // A domain cut short by the worker stopping ends as a "cancelled" result: that is no
                // outcome to publish or record under the key its real result needs when it runs again.
                cancellationToken.ThrowIfCancellationRequested();
                await PublishAsync(job, item, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            await RecordAsync(job, result!, cancellationToken);
        }
        catch (ConnectionGoneException)
        {
            LogConnectionGone(job.JobId, topic);
        }
    }

    /// <summary>
    /// Tells the job's client that the part will not run (again): its domain's <c>error</c> result, counted
    /// like any other, so the job still completes; a job never split gets an <c>error</c> event. Once each.
    /// </summary>
    public async Task GiveUpAsync(ScrapeJob job, string message)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            if (job.RunsWhole && job.Domains.Count == 1)
            {
                var result = ScrapeResult.Failure(job.Domains[0], message);
                foreach (var item in ScrapeEvents.ResultOf(result, withProgress: true, hub.Value.MaxPayloadBytes))
                {
                    await PublishAsync(job, item, CancellationToken.None);
                }
                await RecordAsync(job, result, CancellationToken.None);
                return;
            }
            await bus.PublishAsync(TopicOf(job), ScrapeEvents.Error, JsonPayload.From(new { job_id = job.JobId, message }), $"{job.JobId}:{ScrapeEvents.Error}", CancellationToken.None);
        }
        catch (ConnectionGoneException)
        {
            LogConnectionGone(job.JobId, TopicOf(job));
        }
    }

    private async Task RecordAsync(ScrapeJob job, ScrapeResult result, CancellationToken cancellationToken)
    {
        if (await tally.RecordAsync(job, result.Status != ScrapeStatus.Error, cancellationToken) is { } summary)
        {
            await PublishCompletedAsync(job, summary, cancellationToken);
        }
    }

    private async Task PublishCompletedAsync(ScrapeJob job, ScrapeSummary summary, CancellationToken cancellationToken)
    {
        await PublishAsync(job, new ScrapeEvent(ScrapeEvents.Completed, summary, ScrapeEvents.Completed), cancellationToken);
        LogFinished(job.JobId, summary.Total);
    }

    private Task PublishAsync(ScrapeJob job, ScrapeEvent item, CancellationToken cancellationToken) =>
        bus.PublishAsync(TopicOf(job), item.Name, JsonPayload.From(item.Data), $"{job.JobId}:{item.Key}", cancellationToken);

    private static StreamTopic TopicOf(ScrapeJob job) => job.ConnectionId is null ? StreamTopic.Broadcast : StreamTopic.Connection(job.ConnectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId}: part {Part} of {Parts} ({Domain}) started, to {Topic}")]
    private partial void LogStarted(string jobId, int part, int parts, string domain, StreamTopic topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} finished: {Count} domains")]
    private partial void LogFinished(string jobId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape job {JobId} stopped: {Topic} has expired, nobody is left to tell")]
    private partial void LogConnectionGone(string jobId, StreamTopic topic);
}
