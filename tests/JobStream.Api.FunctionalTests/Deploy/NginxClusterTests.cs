using System.Net;
using System.Net.Http.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Api.FunctionalTests.Deploy;

// docs/deploy/nginx.conf as it ships, in a real nginx, in front of two instances sharing a real Redis.
[NonParallelizable]
public sealed class NginxClusterTests
{
    private RedisServer _redis = null!;
    private ApiFactory _a = null!;
    private ApiFactory _b = null!;
    private NginxServer _nginx = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        Assert.That(NginxServer.IsInstalled, Is.True, $"{NginxServer.Executable} is missing: scripts/test.sh installs it (apt package nginx)");
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        _redis = await RedisServer.StartAsync();
        _a = Instance();
        _b = Instance();
        // A read timeout far shorter than the documented hour: the keepalive comments (every second
        // here) must keep an idle stream open through it.
        _nginx = await NginxServer.StartAsync([Port(_a), Port(_b)], readTimeout: "3s");
        _client = new HttpClient { BaseAddress = _nginx.Url, Timeout = Timeout.InfiniteTimeSpan };
        await Hub.HubStreamTests.WaitForAsync(async () => await ReadyAsync(_a) && await ReadyAsync(_b));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _nginx.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task Results_pass_through_nginx_one_by_one_as_they_are_produced()
    {
        var gate = new TaskCompletionSource();
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("quick")]);
        var held = new FixtureSite("slow") { Gate = gate }.WithPage("/", "<html></html>");
        await using var slow = await FixtureSiteServer.StartAsync([held]);

        using var response = await _client.PostAsync("/scrape/stream", JsonContent.Create(new { domains = new[] { held.Url.AbsoluteUri, sites["quick"].Url.AbsoluteUri } }), CancellationToken.None);
        var events = EventStreamReader.Events(await response.Content.ReadAsStreamAsync());

        var first = (await events.NextAsync()).Json();
        Assert.That(first.GetProperty("domain").GetString(), Is.EqualTo(sites["quick"].Url.AbsoluteUri));
        Assert.That(gate.Task.IsCompleted, Is.False, "the first result came through while the slow site was still held back");
        gate.SetResult();
        Assert.That((await events.NextAsync()).Json().GetProperty("domain").GetString(), Is.EqualTo(held.Url.AbsoluteUri));
    }

    [Test]
    public async Task A_client_reconnecting_through_nginx_to_the_other_instance_resumes_its_stream()
    {
        var token = TestTokens.For("traveller");
        string connectionId;
        string lastSeen;
        await using (var first = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={token}"))
        {
            connectionId = first.ConnectionId;
            await Publish(connectionId, "e1");
            lastSeen = (await first.NextAsync()).EventId!;
        }

        // Round-robin: of two reconnections in a row, one lands on the instance the first did not.
        for (var round = 2; round <= 3; round++)
        {
            await Publish(connectionId, $"e{round}");
            await using var again = await HubClient.ConnectAsync(_client, $"/api/v1/stream?token={token}", lastSeen);
            var missed = await again.NextAsync();
            Assert.That(again.ConnectionId, Is.EqualTo(connectionId));
            Assert.That(missed.EventType, Is.EqualTo($"e{round}"), "the event published while away, and nothing before it");
            lastSeen = missed.EventId!;
        }
        Assert.That(Served(_a, connectionId) && Served(_b, connectionId), Is.True, "both instances served the connection");
    }

    [Test]
    public async Task An_idle_stream_outlives_nginx_read_timeout_thanks_to_keepalive_comments()
    {
        using var response = await _client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        var events = EventStreamReader.Events(await response.Content.ReadAsStreamAsync());
        await events.NextAsync(); // connected

        await Task.Delay(TimeSpan.FromSeconds(7)); // more than twice nginx's 3 s read timeout, with no event
        await Streams(_a).PublishAsync(StreamTopic.Broadcast, "still-here", JsonPayload.From(new { ok = true }), default);

        var item = (await events.NextAsync()).Json();
        Assert.That(item.GetProperty("event").GetString(), Is.EqualTo("still-here"));
    }

    [Test]
    public async Task Health_answers_through_nginx_and_metrics_only_to_this_host()
    {
        using var health = await _client.GetAsync("/health/ready");
        using var metrics = await _client.GetAsync("/metrics");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.OK), "nginx allows its own host");
        Assert.That(await metrics.Content.ReadAsStringAsync(), Does.Contain("jobstream_backplane_connected"));
    }

    [TestCase("/metrics")]
    [TestCase("/METRICS")]
    [TestCase("/Metrics")]
    [TestCase("/metrics/")]
    [TestCase("/%6Detrics")]
    [TestCase("/metrics?format=text")]
    public async Task Metrics_are_refused_to_any_other_host_however_the_path_is_written(string path)
    {
        // From 127.0.0.2: another host, as far as nginx's allow list can tell.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new System.Net.IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var outsider = new HttpClient(handler) { BaseAddress = _nginx.Url };

        using var refused = await outsider.GetAsync(path);
        using var health = await outsider.GetAsync("/health");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await refused.Content.ReadAsStringAsync());
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the rest of the service answers that host");
    }

    private ApiFactory Instance()
    {
        var api = new ApiFactory(
            ("Redis:Configuration", _redis.Configuration),
            ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"),
            ("Events:PingIntervalSeconds", "3600"));
        api.StartServer();
        return api;
    }

    private static int Port(ApiFactory api)
    {
        using var client = api.CreateClient();
        return client.BaseAddress!.Port;
    }

    private static async Task<bool> ReadyAsync(ApiFactory api)
    {
        using var client = api.CreateClient();
        using var ready = await client.GetAsync("/health/ready");
        return ready.StatusCode == HttpStatusCode.OK;
    }

    private Task Publish(string connectionId, string name) =>
        Streams(_a).PublishAsync(StreamTopic.Connection(connectionId), name, JsonPayload.From(new { name }), default);

    private static bool Served(ApiFactory api, string connectionId) =>
        api.Logs.Any(line => line.Contains($"connection {connectionId}", StringComparison.Ordinal) && line.StartsWith("Stream connected", StringComparison.Ordinal));

    private static IStreamBus Streams(ApiFactory api) => api.Services.GetRequiredService<IStreamBus>();
}
