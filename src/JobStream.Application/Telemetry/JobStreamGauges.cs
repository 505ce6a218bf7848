using System.Diagnostics.Metrics;
using JobStream.Application.Streaming;
using Microsoft.Extensions.Hosting;

namespace JobStream.Application.Telemetry;

/// <summary>
/// The gauges of <see cref="JobStreamMetrics"/> that read the hub and the job queue when /metrics is
/// scraped: streams open by kind, whether the backplane delivers, jobs waiting and the oldest one's
/// age. A hosted service only so that they exist from the start.
/// </summary>
public sealed class JobStreamGauges : IHostedService
{
    public JobStreamGauges(JobStreamMetrics metrics, IStreamStatus streams, OpenStreams openStreams, IEnumerable<IJobQueueStats> queues)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var queue = queues.FirstOrDefault();
        metrics.Meter.CreateObservableGauge("jobstream.streams.open", () => OpenByKind(streams, openStreams), "{stream}", "Streams open on this instance, by kind.");
        metrics.Meter.CreateObservableGauge("jobstream.backplane.connected", () => streams.Status.Connected ? 1 : 0, description: "1 while the stream backplane delivers (always 1 in memory).");
        if (queue is not null)
        {
            metrics.Meter.CreateObservableGauge("jobstream.jobs.queued", () => queue.Snapshot.Waiting, "{part}", "Parts of scrape jobs (one domain each) waiting, or running unacknowledged.");
            metrics.Meter.CreateObservableGauge("jobstream.jobs.oldest_age", () => queue.Snapshot.OldestAge.TotalSeconds, "s", "Age of the oldest job part waiting or running.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Measurement<long>> OpenByKind(IStreamStatus streams, OpenStreams openStreams)
    {
        var counts = streams.CountSubscriptions();
        yield return new(openStreams.Count, new KeyValuePair<string, object?>("kind", "all"));
        foreach (var kind in Enum.GetValues<StreamTopicKind>())
        {
            yield return new(counts.GetValueOrDefault(kind), new KeyValuePair<string, object?>("kind", JobStreamMetrics.Name(kind)));
        }
    }
}
