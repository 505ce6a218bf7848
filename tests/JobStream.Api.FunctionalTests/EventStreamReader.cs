using System.Net.ServerSentEvents;
using System.Text.Json;

namespace JobStream.Api.FunctionalTests;

/// <summary>Reads a live text/event-stream response with .NET's own SSE parser, as a client would.</summary>
public static class EventStreamReader
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static IAsyncEnumerator<SseItem<string>> Events(Stream body, CancellationToken cancellationToken = default) =>
        SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>The next event, failing the test rather than hanging if none comes.</summary>
    public static async Task<SseItem<string>> NextAsync(this IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.That(await events.MoveNextAsync().AsTask().WaitAsync(Patience), Is.True, "the stream ended before the expected event");
        return events.Current;
    }

    public static async Task<List<SseItem<string>>> ToEndAsync(this IAsyncEnumerator<SseItem<string>> events)
    {
        var all = new List<SseItem<string>>();
        while (await events.MoveNextAsync().AsTask().WaitAsync(Patience))
        {
            all.Add(events.Current);
        }
        return all;
    }

    public static JsonElement Json(this SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.Clone();
}
