using System.Text;
using System.Net;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Api.FunctionalTests.Hub;

// The hub on its embedded default, the in-memory stream manager.
public sealed class HubStreamTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IStreamBus _streams = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new ApiFactory(("Logging:LogLevel:Microsoft.AspNetCore", "Debug"), ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace"));
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
    public async Task A_new_stream_starts_with_connected_then_carries_what_is_published_to_it()
    {
        await using var hub = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={TestTokens.For("alice")}");
        Assert.That(hub.ConnectionId, Has.Length.EqualTo(32));

        await _streams.PublishAsync(StreamTopic.Connection(hub.ConnectionId), "job.progress", JsonPayload.From(new { step = 1, note = "Zürich 🚀" }), default);

        var item = await hub.NextAsync();
        Assert.That(item.EventType, Is.EqualTo("job.progress"));
        Assert.That(item.Data, Is.EqualTo("""{"step":1,"note":"Zürich 🚀"}"""));
        Assert.That(item.EventId, Does.StartWith(hub.ConnectionId + "/"));
    }

    [Test]
    public async Task An_event_far_larger_than_a_write_buffer_arrives_whole()
    {
        await using var hub = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={TestTokens.For("alice")}");
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i % 10}Zü"));

        await _streams.PublishAsync(StreamTopic.Connection(hub.ConnectionId), "big", JsonPayload.From(new { text }), default);

        var item = await hub.NextAsync();
        Assert.That(item.EventType, Is.EqualTo("big"));
        Assert.That(JsonDocument.Parse(item.Data).RootElement.GetProperty("text").GetString(), Is.EqualTo(text));
    }

    [Test]
    public async Task The_connected_event_has_an_id_and_a_retry_so_a_browser_can_always_resume()
    {
        using var response = await _client.GetAsync($"/api/v1/stream?token={TestTokens.For("alice")}", HttpCompletionOption.ResponseHeadersRead);
        var connected = await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).NextAsync();
        var id = connected.Json().GetProperty("connection_id").GetString();

        Assert.That(connected.EventId, Is.EqualTo($"{id}/0-0"));
        Assert.That(connected.ReconnectionInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));

        await _streams.PublishAsync(StreamTopic.Connection(id!), "while-away", JsonPayload.From(1), default);
        await using var resumed = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={TestTokens.For("alice")}", connected.EventId);
        Assert.That(resumed.ConnectionId, Is.EqualTo(id));
        Assert.That((await resumed.NextAsync()).EventType, Is.EqualTo("while-away"));
    }

    [TestCase(null, "Send a JWT")]
    [TestCase("not-a-jwt", "malformed")]
    [TestCase("expired", "expired")]
    [TestCase("wrongly-signed", "signature")]
    public async Task A_missing_or_bad_token_is_401(string? kind, string detail)
    {
        var token = kind switch
        {
            "expired" => TestTokens.Expired("alice"),
            "wrongly-signed" => TestTokens.WronglySigned("alice"),
            _ => kind,
        };
        using var response = await _client.GetAsync(token is null ? "/api/v1/stream" : $"/api/v1/stream?token={token}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(detail));
    }

    [TestCase("no-exp", "no expiry")]
    [TestCase("no-sub", "no subject")]
    public async Task A_token_without_an_expiry_or_a_subject_is_401(string kind, string detail)
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Claims = kind == "no-exp"
                ? new Dictionary<string, object> { ["sub"] = "alice" }
                : new Dictionary<string, object> { ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds() },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.Secret)), "HS256"),
        });

        using var response = await _client.GetAsync($"/api/v1/stream?token={token}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(detail));
    }

    [Test]
    public async Task A_query_string_token_is_taken_only_by_the_streams_that_need_it()
    {
        using var response = await _client.PostAsync($"/api/v1/scrape/jobs?token={TestTokens.For("alice")}", new StringContent("""{"domains":["a.com"]}""", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task A_token_in_the_cookie_starts_nothing_a_post_needs_it_in_the_header()
    {
        await using var api = new ApiFactory(("Scraping:Companies:0", "http://127.0.0.1:9/"));
        api.StartServer();
        using var client = api.CreateClient();
        using var fromCookie = new HttpRequestMessage(HttpMethod.Post, "/run");
        fromCookie.Headers.Add("Cookie", $"access_token={TestTokens.Admin()}");
        using var fromHeader = new HttpRequestMessage(HttpMethod.Post, "/run");
        fromHeader.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Admin());

        using var refused = await client.SendAsync(fromCookie);
        using var accepted = await client.SendAsync(fromHeader);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a page on another site could make the browser send the cookie with a POST");
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task A_token_works_as_a_bearer_header_and_as_a_cookie()
    {
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stream");
        bearer.Headers.Authorization = new("Bearer", TestTokens.For("bob"));
        using var viaHeader = await _client.SendAsync(bearer, HttpCompletionOption.ResponseHeadersRead);

        using var cookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stream");
        cookie.Headers.Add("Cookie", $"access_token={TestTokens.For("bob")}");
        using var viaCookie = await _client.SendAsync(cookie, HttpCompletionOption.ResponseHeadersRead);

        Assert.That(viaHeader.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(viaCookie.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Joining_replays_what_the_connection_was_sent_before_then_goes_on_live()
    {
        var connection = await _api.Services.GetRequiredService<IConnectionRegistry>().CreateConnectionAsync("carol", default);
        await _streams.PublishAsync(StreamTopic.Connection(connection.Id), "first", JsonPayload.From(1), default);
        await _streams.PublishAsync(StreamTopic.Connection(connection.Id), "second", JsonPayload.From(2), default);

        await using var hub = await HubClient.ConnectAsync(_client, $"/api/v1/stream/{connection.Id}?token={TestTokens.For("carol")}");
        Assert.That(hub.ConnectionId, Is.EqualTo(connection.Id));
        Assert.That((await hub.NextAsync()).EventType, Is.EqualTo("first"));
        Assert.That((await hub.NextAsync()).EventType, Is.EqualTo("second"));

        await _streams.PublishAsync(StreamTopic.Connection(connection.Id), "third", JsonPayload.From(3), default);
        Assert.That((await hub.NextAsync()).EventType, Is.EqualTo("third"));
    }

    [Test]
    public async Task Joining_another_users_connection_is_forbidden()
    {
        var connection = await _api.Services.GetRequiredService<IConnectionRegistry>().CreateConnectionAsync("carol", default);

        using var response = await _client.GetAsync($"/api/v1/stream/{connection.Id}?token={TestTokens.For("mallory")}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    [TestCase("bad%0D%0Aid", HttpStatusCode.BadRequest)]
    public async Task Joining_an_unknown_or_malformed_connection_is_refused(string id, HttpStatusCode status)
    {
        using var response = await _client.GetAsync($"/api/v1/stream/{id}?token={TestTokens.For("carol")}");

        Assert.That(response.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task Reconnecting_with_last_event_id_resumes_the_same_connection_without_loss()
    {
        string connectionId;
        string lastSeen;
        await using (var hub = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={TestTokens.For("dave")}"))
        {
            connectionId = hub.ConnectionId;
            await _streams.PublishAsync(StreamTopic.Connection(connectionId), "seen", JsonPayload.From(1), default);
            lastSeen = (await hub.NextAsync()).EventId!;
        }
        await _streams.PublishAsync(StreamTopic.Connection(connectionId), "missed", JsonPayload.From(2), default);

        // What EventSource does: the same URL again, with the last id it saw.
        await using var resumed = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={TestTokens.For("dave")}", lastSeen);

        Assert.That(resumed.ConnectionId, Is.EqualTo(connectionId));
        var next = await resumed.NextAsync();
        Assert.That(next.EventType, Is.EqualTo("missed"));
    }

    [Test]
    public async Task A_query_string_token_never_reaches_the_logs()
    {
        var token = TestTokens.For("erin");
        await using (var hub = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={token}&x=1"))
        {
            await _streams.PublishAsync(StreamTopic.Connection(hub.ConnectionId), "ping", JsonPayload.From(1), default);
            await hub.NextAsync();
        }
        using var refused = await _client.GetAsync($"/api/v1/stream/nope?token={token}");

        Assert.That(_api.Logs, Is.Not.Empty);
        Assert.That(_api.Logs, Has.None.Contains(token));
        Assert.That(_api.Logs, Has.None.Contains(token[..20]));
    }

    [Test]
    public async Task A_disconnected_client_is_removed_from_the_hub()
    {
        var (connections, writers) = await CountsAsync();
        var hub = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={TestTokens.For("frank")}");
        Assert.That(await CountsAsync(), Is.EqualTo((connections + 1, writers + 1)));

        await hub.DisposeAsync();

        // The subscription is gone and the response's writer loop, which writes the keepalives, has ended.
        await WaitForAsync(async () => await CountsAsync() == (connections, writers));
    }

    private async Task<(int Connections, long OpenStreams)> CountsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sse/connections/status");
        request.Headers.Authorization = new("Bearer", TestTokens.Admin());
        using var response = await _client.SendAsync(request);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (status.GetProperty("connections").GetInt32(), status.GetProperty("open_streams").GetInt64());
    }

    internal static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(EventStreamReader.Patience);
        while (!await condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
