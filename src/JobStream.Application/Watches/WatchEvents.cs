using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>The names of the change feed's events, as clients and other services read them.</summary>
public static class WatchEvents
{
    public const string JobOpened = "job_opened";
    public const string JobChanged = "job_changed";
    public const string JobClosed = "job_closed";
    public const string WatchRun = "watch_run";

    public static string Of(JobChangeKind kind) => kind switch
    {
        JobChangeKind.Opened => JobOpened,
        JobChangeKind.Changed => JobChanged,
        _ => JobClosed,
    };
}
