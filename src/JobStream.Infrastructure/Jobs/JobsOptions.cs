using System.ComponentModel.DataAnnotations;

namespace JobStream.Infrastructure.Jobs;

/// <summary>Background scrape jobs, bound from "Jobs".</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// "all" (serve the API and run jobs), "api" (queue jobs for others to run) or "worker" (run jobs;
    /// answer only /health and /status). With Redis, workers on any machine share one queue.
    /// </summary>
    [RegularExpression("^(all|api|worker)$")]
    public string Role { get; set; } = "all";

    /// <summary>
    /// Parts (one domain each) this instance's worker runs at once. A job of several domains is split into
    /// parts that any worker takes, so a big job spreads over every worker of the deployment.
    /// </summary>
    [Range(1, 4096)]
    public int MaxConcurrentParts { get; set; } = 16;

    /// <summary>How often an idle worker asks Redis for a job.</summary>
    [Range(10, 10_000)]
    public int PollIntervalMilliseconds { get; set; } = 200;

    /// <summary>
    /// A job whose worker has not renewed its claim for this long is given to another worker (the first
    /// one died). A running job's claim is renewed every third of this time.
    /// </summary>
    [Range(2, 24 * 3600)]
    public int ReclaimAfterSeconds { get; set; } = 60;

    /// <summary>A part handed out more often than this (its workers kept dying on it) is not run again: its domain's result is an error.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>
    /// Most entries waiting in the queue (jobs, and parts: one per domain); a job whose domains would pass it
    /// is refused (503), so the queue cannot grow without end and nothing accepted is dropped.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxQueueLength { get; set; } = 100_000;

    public bool RunsJobs => Role is "all" or "worker";
}
