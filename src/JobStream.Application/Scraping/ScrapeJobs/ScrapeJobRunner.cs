using JobStream.Application.Scraping.Runs;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>
/// Runs one job: the trigger stream's events, each published to the job's destination as it happens.
/// Each event is published with a key made of the job id and the event's key within the run, so when a
/// job runs again (its worker died) the events its client already has are not sent twice: they keep
/// their first ids, and only what is new is delivered.
/// </summary>
public sealed partial class ScrapeJobRunner(DomainsScraper scraper, IStreamBus bus, IOptions<HubOptions> hub, ILogger<ScrapeJobRunner> logger)
{
    /// <summary>
    /// Runs the job. A failure (the hub unreachable, a fault) is thrown to the worker, which has the job
    /// run again; <see cref="GiveUpAsync"/> tells the client when it will not be.
    /// </summary>
    public async Task RunAsync(ScrapeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var topic = TopicOf(job);
        LogStarted(job.JobId, job.Domains.Count, topic);
        try
        {
            await foreach (var item in ScrapeEvents.Of(scraper, job.Domains, withProgress: true, hub.Value.MaxPayloadBytes, cancellationToken))
            {
                await bus.PublishAsync(topic, item.Name, JsonPayload.From(item.Data), $"{job.JobId}:{item.Key}", cancellationToken);
            }
            LogFinished(job.JobId);
        }
        catch (ConnectionGoneException)
        {
            LogConnectionGone(job.JobId, topic);
        }
    }

    /// <summary>Tells the job's client that it will not run (again): an <c>error</c> event, sent once.</summary>
    public async Task GiveUpAsync(ScrapeJob job, string message)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await bus.PublishAsync(TopicOf(job), ScrapeEvents.Error, JsonPayload.From(new { job_id = job.JobId, message }), $"{job.JobId}:{ScrapeEvents.Error}", CancellationToken.None);
        }
        catch (ConnectionGoneException)
        {
            LogConnectionGone(job.JobId, TopicOf(job));
        }
    }

    private static StreamTopic TopicOf(ScrapeJob job) => job.ConnectionId is null ? StreamTopic.Broadcast : StreamTopic.Connection(job.ConnectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} started: {Count} domains to {Topic}")]
    private partial void LogStarted(string jobId, int count, StreamTopic topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} finished")]
    private partial void LogFinished(string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape job {JobId} stopped: {Topic} has expired, nobody is left to tell")]
    private partial void LogConnectionGone(string jobId, StreamTopic topic);
}
