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

    /// <summary>Opens /events and reads its unnamed <c>connected</c> event.</summary>
    private async Task<Feed> OpenAsync()
    {
        var response = await _client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
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

    private static async Task<string> NextNamedAsync(Feed events, string name)
    {
        while (true)
        {
            var item = await events.NextAsync();
            if (item.Json().GetProperty("event").GetString() == name)
            {
                return item.Data;
            }
        }
    }
}
