using JobStream.Application.Scraping.Runs;
using JobStream.Application.Scraping.TriggerScrape;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.OpenStream;
using JobStream.Application.Watches;
using JobStream.Application.Watches.FollowWatches;
using JobStream.Domain.Scraping;

namespace JobStream.Api.Sse;

/// <summary>Events an event stream sends, by name and data type, for the OpenAPI document's <c>x-events</c>.</summary>
public interface IStreamEvents
{
    IEnumerable<(string Name, Type Data)> Events { get; }
}

/// <summary>
/// Names one event an event stream sends and what its data is, for the OpenAPI document's
/// <c>x-events</c> (<see cref="Swagger.EventStreamEventsFilter"/>): clients generate their event types
/// from it. <c>message</c> is the name of an unnamed event. Every stream may also end with <c>error</c>
/// or <c>reconnect</c>; the document adds those to each.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StreamEventAttribute(string name, Type data) : Attribute, IStreamEvents
{
    public string Name { get; } = name;

    /// <summary>The event's JSON data; <see cref="object"/> for any JSON (a producer's own shape).</summary>
    public Type Data { get; } = data;

    public IEnumerable<(string Name, Type Data)> Events => [(Name, Data)];
}

/// <inheritdoc />
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StreamEventAttribute<T>(string name) : StreamEventAttribute(name, typeof(T));

/// <summary>The change feed's events: a watch's stream and a user's stream of all their watches send the same.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WatchFeedEventsAttribute : Attribute, IStreamEvents
{
    public IEnumerable<(string Name, Type Data)> Events =>
    [
        ("connected", typeof(WatchFeedConnected)), (WatchEvents.JobOpened, typeof(JobChangeEvent)), (WatchEvents.JobChanged, typeof(JobChangeEvent)),
        (WatchEvents.JobClosed, typeof(JobChangeEvent)), (WatchEvents.WatchRun, typeof(WatchRunEvent)), ("missed", typeof(MissedEvents)),
    ];
}

/// <summary>A connection's events: a new stream and one joined send the same (a background job's progress and results).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConnectionEventsAttribute : Attribute, IStreamEvents
{
    public IEnumerable<(string Name, Type Data)> Events =>
    [
        ("connected", typeof(ConnectedEvent)), ("progress", typeof(ProgressEvent)), ("result", typeof(ScrapeResult)),
        (ScrapeEvents.Completed, typeof(ScrapeSummary)), ("missed", typeof(MissedEvents)),
    ];
}
