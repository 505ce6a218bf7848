using System.Net;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Api.FunctionalTests.Hub;

public sealed class ProgressTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private IStreamBus _streams = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new ApiFactory();
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
    public async Task Every_stream_of_a_user_receives_each_update_and_status_keeps_the_latest()
    {
        var token = TestTokens.For("user_1");
        await using var tab1 = await HubClient.ConnectAsync(_client, $"/api/v1/sse/progress/stream/user_1?token={token}");
        await using var tab2 = await HubClient.ConnectAsync(_client, $"/api/v1/sse/progress/stream/user_1?token={token}");

        await _streams.PublishAsync(StreamTopic.UserProgress("user_1"), "progress", JsonPayload.From(new { completed = 3, total = 10, status = "processing", message = "Processing file 3 of 10..." }), default);

        foreach (var tab in new[] { tab1, tab2 })
        {
            var update = await tab.NextAsync();
            Assert.That(update.EventType, Is.EqualTo("progress"));
            Assert.That(update.Json().GetProperty("completed").GetInt32(), Is.EqualTo(3));
        }
        var status = JsonDocument.Parse(await GetAsync("/api/v1/sse/progress/status/user_1", token)).RootElement;
        Assert.That(status.GetProperty("message").GetString(), Is.EqualTo("Processing file 3 of 10..."));
    }

    [Test]
    public async Task A_new_progress_stream_starts_with_the_latest_update()
    {
        var token = TestTokens.For("user_3");
        await _streams.PublishAsync(StreamTopic.UserProgress("user_3"), "progress", JsonPayload.From(new { completed = 7, total = 9 }), default);

        await using var late = await HubClient.ConnectAsync(_client, $"/api/v1/sse/progress/stream/user_3?token={token}");

        Assert.That((await late.NextAsync()).Json().GetProperty("completed").GetInt32(), Is.EqualTo(7));
    }

    [Test]
    public async Task Status_is_null_until_there_is_progress_and_after_it_is_cleared()
    {
        var token = TestTokens.For("user_2");
        Assert.That(await GetAsync("/api/v1/sse/progress/status/user_2", token), Is.EqualTo("null"));

        await _streams.PublishAsync(StreamTopic.UserProgress("user_2"), "progress", JsonPayload.From(new { completed = 1, total = 1 }), default);
        Assert.That(await GetAsync("/api/v1/sse/progress/status/user_2", token), Does.Contain("\"completed\":1"));

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/sse/progress/user_2");
        delete.Headers.Authorization = new("Bearer", token);
        using var deleted = await _client.SendAsync(delete);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await GetAsync("/api/v1/sse/progress/status/user_2", token), Is.EqualTo("null"));
    }

    [TestCase("/api/v1/sse/progress/stream/victim")]
    [TestCase("/api/v1/sse/progress/status/victim")]
    public async Task Another_users_progress_is_forbidden(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", TestTokens.For("snoop"));

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_user_id_that_is_not_a_safe_key_is_a_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sse/progress/status/a%20b%2A");
        request.Headers.Authorization = new("Bearer", TestTokens.For("a b*"));

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("user_id"));
    }

    private async Task<string> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
