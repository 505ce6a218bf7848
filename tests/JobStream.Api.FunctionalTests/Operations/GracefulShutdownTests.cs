using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobStream.Api.FunctionalTests.Operations;

public sealed class GracefulShutdownTests
{
    [Test]
    public async Task A_stopping_instance_tells_every_stream_to_reconnect_and_closes_it()
    {
        var held = new FixtureSite("held") { Gate = new TaskCompletionSource() }.WithPage("/", "<html></html>");
        await using var sites = await FixtureSiteServer.StartAsync([held]);
        await using var api = new ApiFactory(("Streams:ReconnectAfterMilliseconds", "1500"));
        api.StartServer();
        using var client = api.CreateClient();

        using var events = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        var feed = EventStreamReader.Events(await events.Content.ReadAsStreamAsync());
        await feed.NextAsync(); // connected
        await using var hub = await HubClient.ConnectAsync(client, $"/api/v1/stream?token={TestTokens.For("alice")}");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/scrape/stream")
        {
            Content = new StringContent($$"""{"domains":["{{held.Url.AbsoluteUri}}"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var scrape = await client.SendAsync(post, HttpCompletionOption.ResponseHeadersRead);
        var results = EventStreamReader.Events(await scrape.Content.ReadAsStreamAsync());
        await held.FirstRequest.Task.WaitAsync(EventStreamReader.Patience);

        api.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        foreach (var stream in new[] { feed, hub.Events, results })
        {
            var last = await stream.NextAsync();
            while (last.EventType == "message")
            {
                last = await stream.NextAsync(); // /events' heartbeats, a domain's "cancelled" result: what came before the end
            }
            Assert.That(last.EventType, Is.EqualTo("reconnect"), last.Data);
            Assert.That(last.ReconnectionInterval, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
            Assert.That(await stream.MoveNextAsync().AsTask().WaitAsync(EventStreamReader.Patience), Is.False, "the stream ends after telling the client");
        }
        await held.RequestAborted.Task.WaitAsync(EventStreamReader.Patience);
        Assert.That(held.RequestAborted.Task.IsCompletedSuccessfully, Is.True, "the work behind the stream stopped too");
    }
}
