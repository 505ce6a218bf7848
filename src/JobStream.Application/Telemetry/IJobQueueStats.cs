namespace JobStream.Application.Telemetry;

/// <summary>How full the scrape job queue is, as last seen by this instance's queue.</summary>
public interface IJobQueueStats
{
    JobQueueSnapshot Snapshot { get; }
}
