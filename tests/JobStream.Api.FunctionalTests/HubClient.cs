using System.Net;
using System.Net.ServerSentEvents;

namespace JobStream.Api.FunctionalTests;

/// <summary>An open hub stream, read as a browser's EventSource would.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;

    private HubClient(HttpResponseMessage response, Stream body, IAsyncEnumerator<SseItem<string>> events)
    {
        _response = response;
        _body = body;
        Events = events;
    }

    public IAsyncEnumerator<SseItem<string>> Events { get; }

    public string ConnectionId { get; private set; } = "";

    /// <summary>Opens the stream and reads its <c>connected</c> event.</summary>
    public static async Task<HubClient> ConnectAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var body = await response.Content.ReadAsStreamAsync();
        var hub = new HubClient(response, body, EventStreamReader.Events(body));
        var connected = await hub.Events.NextAsync();
        Assert.That(connected.EventType, Is.EqualTo("connected"));
        hub.ConnectionId = connected.Json().TryGetProperty("connection_id", out var id) ? id.GetString()! : "";
        return hub;
    }

    public Task<SseItem<string>> NextAsync() => Events.NextAsync();

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
    }
}
