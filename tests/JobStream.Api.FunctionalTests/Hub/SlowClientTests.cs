using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Api.FunctionalTests.Hub;

public sealed class SlowClientTests
{
    [Test]
    public async Task A_client_too_far_behind_is_told_why_and_how_to_resume()
    {
        await using var api = new ApiFactory(("Hub:SubscriberQueueCapacity", "16"));
        api.StartServer();
        using var client = api.CreateClient();
        var streams = api.Services.GetRequiredService<IStreamBus>();
        await using var hub = await HubClient.ConnectAsync(client, $"/api/v1/stream?token={TestTokens.For("slow")}");

        // Far more than the queue and the socket buffers hold while this client reads nothing.
        var filler = JsonPayload.From(new string('x', 64 * 1024));
        for (var i = 0; i < 400; i++)
        {
            await streams.PublishAsync(StreamTopic.Connection(hub.ConnectionId), "bulk", filler, default);
        }

        System.Net.ServerSentEvents.SseItem<string> last;
        do
        {
            last = await hub.NextAsync();
        }
        while (last.EventType == "bulk");
        Assert.That(last.EventType, Is.EqualTo("error"));
        Assert.That(last.Json().GetProperty("message").GetString(), Does.Contain("Last-Event-ID"));
    }
}
