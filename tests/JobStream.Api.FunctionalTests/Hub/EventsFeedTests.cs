using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Api.FunctionalTests.Hub;

// GET /events with a one-second heartbeat.
public sealed class EventsFeedTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IStreamBus _streams = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new ApiFactory(("Events:PingIntervalSeconds", "1"));
        _api.StartServer();
        _client = _api.CreateClient();
        _streams = _api.Services.GetRequiredService<IStreamBus>();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Heartbeats_keep_their_interval_while_broadcast_events_flow()
    {
        await using var events = await OpenAsync();
        using var publishing = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            for (var i = 0; !publishing.IsCancellationRequested; i++)
            {
                await _streams.PublishAsync(StreamTopic.Broadcast, "tick", JsonPayload.From(i), default);
                await Task.Delay(50, CancellationToken.None);
            }
        });

        var ticksBetweenBeats = new List<int>();
        var ticks = 0;
        while (ticksBetweenBeats.Count < 3)
        {
            var name = (await events.NextAsync()).Json().GetProperty("event").GetString();
            if (name == "heartbeat")
            {
                ticksBetweenBeats.Add(ticks);
                ticks = 0;
            }
            else if (name == "tick")
            {
                ticks++;
            }
        }
        await publishing.CancelAsync();
        await publisher;

        // Beats came although an event arrived every 50 ms, and events kept coming between them.
        Assert.That(ticksBetweenBeats.Skip(1), Has.All.GreaterThan(5));
    }

    [Test]
    public async Task A_heartbeat_event_comes_each_interval_while_nothing_is_broadcast()
    {
        using var response = await _client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = new List<string>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (seen.Count(l => l.Contains("\"event\":\"heartbeat\"", StringComparison.Ordinal)) < 2)
        {
            seen.Add(await lines.ReadLineAsync() ?? throw new EndOfStreamException(string.Join('\n', seen)));
        }

        // Heartbeats in place of keepalive comments (this API's keepalive is one second too), after "connected".
        Assert.That(seen.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l.Contains("\"event\":\"connected\"", StringComparison.Ordinal)).First(), Is.True);
        Assert.That(seen, Has.None.StartsWith(":"), "a stream that beats needs no keepalive comments");
        Assert.That(started.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)), "the second heartbeat came an interval after the first");
    }

    [Test]
    public async Task Every_client_gets_the_same_broadcast_event()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();

        await _streams.PublishAsync(StreamTopic.Broadcast, "report.ready", JsonPayload.From(new { city = "Zürich" }), default);

        var one = await NextNamedAsync(first, "report.ready");
        var other = await NextNamedAsync(second, "report.ready");
        Assert.That(one, Is.EqualTo(other));
        Assert.That(one, Does.Contain("\"data\":{\"city\":\"Zürich\"}"));
    }

    [Test]
    public async Task Broadcasts_have_ids_and_a_client_coming_back_with_last_event_id_gets_what_it_missed()
    {
        string seen;
        await using (var first = await OpenAsync())
        {
            await _streams.PublishAsync(StreamTopic.Broadcast, "resume.one", JsonPayload.From(1), default);
            seen = (await NextNamedItemAsync(first, "resume.one")).EventId!;
        }
        await _streams.PublishAsync(StreamTopic.Broadcast, "resume.two", JsonPayload.From(2), default);
        await _streams.PublishAsync(StreamTopic.Broadcast, "resume.three", JsonPayload.From(3), default);

        await using var back = await OpenAsync(seen);
        var two = await NextNamedItemAsync(back, "resume.two");
        var three = await NextNamedItemAsync(back, "resume.three");

        Assert.That(StreamEventId.Compare(two.EventId!, seen), Is.Positive);
        Assert.That(StreamEventId.Compare(three.EventId!, two.EventId!), Is.Positive);
    }

    [Test]
    public async Task The_connected_event_has_an_id_and_a_retry_so_a_browser_can_always_resume()
    {
        using var response = await _client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        await using var events = EventStreamReader.Events(await response.Content.ReadAsStreamAsync());
        var connected = await events.NextAsync();

        Assert.That(StreamEventId.IsValid(connected.EventId), Is.True, connected.EventId);
        Assert.That(connected.ReconnectionInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    /// <summary>Opens /events and reads its unnamed <c>connected</c> event.</summary>
    private async Task<Feed> OpenAsync(string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var feed = new Feed(response, EventStreamReader.Events(await response.Content.ReadAsStreamAsync()));
        Assert.That((await feed.NextAsync()).Json().GetProperty("event").GetString(), Is.EqualTo("connected"));
        return feed;
    }

    private sealed class Feed(HttpResponseMessage response, IAsyncEnumerator<System.Net.ServerSentEvents.SseItem<string>> events) : IAsyncDisposable
    {
        public Task<System.Net.ServerSentEvents.SseItem<string>> NextAsync() => events.NextAsync();

        public async ValueTask DisposeAsync()
        {
            await events.DisposeAsync();
            response.Dispose();
        }
    }

    private static async Task<string> NextNamedAsync(Feed events, string name) => (await NextNamedItemAsync(events, name)).Data;

    private static async Task<System.Net.ServerSentEvents.SseItem<string>> NextNamedItemAsync(Feed events, string name)
    {
        while (true)
        {
            var item = await events.NextAsync();
            if (item.Json().GetProperty("event").GetString() == name)
            {
                return item;
            }
        }
    }
}
