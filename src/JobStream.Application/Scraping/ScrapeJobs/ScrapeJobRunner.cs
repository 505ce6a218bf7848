using JobStream.Application.Scraping.Runs;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>Runs one job: the trigger stream's events, each published to the job's destination as it happens.</summary>
public sealed partial class ScrapeJobRunner(ScrapeRunner runner, IStreamManager streams, ILogger<ScrapeJobRunner> logger)
{
    public async Task RunAsync(ScrapeJob job, CancellationToken cancellationToken)
    {
        var topic = job.ConnectionId is null ? StreamTopic.Broadcast : StreamTopic.Connection(job.ConnectionId);
        LogStarted(job.JobId, job.Domains.Count, topic);
        try
        {
            await foreach (var item in ScrapeEvents.Of(runner, job.Domains, withProgress: true, cancellationToken))
            {
                await streams.PublishAsync(topic, item.EventName ?? ScrapeEvents.Unnamed, JsonPayload.From(item.Data), cancellationToken);
            }
            LogFinished(job.JobId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex, job.JobId);
            await streams.PublishAsync(topic, "error", JsonPayload.From(new { job_id = job.JobId, message = "The scrape job failed on the server." }), CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} started: {Count} domains to {Topic}")]
    private partial void LogStarted(string jobId, int count, StreamTopic topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} finished")]
    private partial void LogFinished(string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scrape job {JobId} failed")]
    private partial void LogFailed(Exception exception, string jobId);
}
