using System.Text;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using JobStream.Infrastructure.Streaming;
using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.IntegrationTests.Streaming;

// One definition of a valid event for the Lua functions and for .NET: what one takes, the other reads.
[NonParallelizable]
public sealed class ProducerContractTests
{
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _multiplexer = null!;
    private RedisStreamHistory _hub = null!;
    private JobStreamMetrics _metrics = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        _redis = await RedisServer.StartAsync();
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _metrics = new JobStreamMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        _hub = new RedisStreamHistory(_multiplexer, new HubFunctions(_multiplexer, new HubOptions(), "jobstream:"), new LocalFanOut(16), _metrics, NullLogger<RedisStreamHistory>.Instance);
        await new HubFunctions(_multiplexer, new HubOptions(), "jobstream:").LoadAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _multiplexer.DisposeAsync();
        await _redis.DisposeAsync();
    }

    // Each is what Lua's cjson would take and .NET cannot read, or a name the writer cannot send.
    [TestCase("tick", "NaN")]
    [TestCase("tick", "{\"n\":Infinity}")]
    [TestCase("tick", "[0x10]")]
    [TestCase("tick", "\"a\tb\"")]
    [TestCase("tick", "[01]")]
    [TestCase("tick", "{\"a\":1,}")]
    [TestCase("tick\n", "{}")]
    [TestCase("tick tock", "{}")]
    public void What_dotnet_cannot_read_the_functions_refuse_and_so_does_a_plain_publish(string name, string data)
    {
        var refused = Assert.ThrowsAsync<RedisServerException>(() => Broadcast(name, data));
        Assert.That(refused!.Message, Does.StartWith("ERR the event name").Or.StartWith("ERR the data is not valid JSON"));

        var payload = Encoding.UTF8.GetBytes($"{{\"event\":{System.Text.Json.JsonSerializer.Serialize(name)},\"data\":{data}}}");
        Assert.That(PublishedPayload.TryRead(payload, 65_536, out _, out _), Is.False);
    }

    [TestCase(new byte[] { 0x22, 0xff, 0x22 })]
    [TestCase(new byte[] { 0x22, 0xc0, 0xaf, 0x22 })] // an overlong "/"
    [TestCase(new byte[] { 0x22, 0xed, 0xa0, 0x80, 0x22 })] // a surrogate
    [TestCase(new byte[] { 0x22, 0xe2, 0x82, 0x22 })] // cut short
    public void Data_that_is_not_utf8_is_refused_by_both(byte[] data)
    {
        var refused = Assert.ThrowsAsync<RedisServerException>(() => _multiplexer.GetDatabase().ExecuteAsync("FCALL", HubFunctions.Broadcast, 2, "jobstream:{broadcast}:history", "jobstream:{broadcast}:once", "tick", (RedisValue)data, ""));
        Assert.That(refused!.Message, Does.Contain("not UTF-8"));

        var payload = Encoding.UTF8.GetBytes("{\"event\":\"tick\",\"data\":").Concat(data).Append((byte)'}').ToArray();
        Assert.That(PublishedPayload.TryRead(payload, 65_536, out _, out _), Is.False);
    }

    [Test]
    public void Data_nested_deeper_than_the_limit_is_refused_by_both_and_at_the_limit_taken_by_both()
    {
        var deep = new string('[', PublishedPayload.MaxDataDepth + 1) + new string(']', PublishedPayload.MaxDataDepth + 1);
        var deepest = new string('[', PublishedPayload.MaxDataDepth) + new string(']', PublishedPayload.MaxDataDepth);

        Assert.That(Assert.ThrowsAsync<RedisServerException>(() => Broadcast("tick", deep))!.Message, Does.StartWith("ERR the data is not valid JSON"));
        Assert.That(PublishedPayload.TryRead(Encoding.UTF8.GetBytes($"{{\"event\":\"tick\",\"data\":{deep}}}"), 65_536, out _, out _), Is.False);
        Assert.DoesNotThrowAsync(() => Broadcast("tick", deepest));
        Assert.That(PublishedPayload.TryRead(Encoding.UTF8.GetBytes($"{{\"event\":\"tick\",\"data\":{deepest}}}"), 65_536, out _, out _), Is.True);
    }

    [TestCase("{\"a\":[1,-0.5e-3,true,false,null,\"\\u00e9\\n\"],\"b\":{}}")]
    [TestCase(" [ ] ")]
    [TestCase("\"caf\u00e9 \u6771\u4eac \ud83d\ude80\"")]
    public async Task What_the_functions_take_every_instance_reads_back(string data)
    {
        var id = (string)(await Broadcast("tick", data))!;

        var history = await _hub.ReadHistoryAsync(StreamTopic.Broadcast, PreviousOf(id), CancellationToken.None);

        Assert.That(history.Messages.Select(m => m.Id), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task A_history_entry_no_instance_can_read_is_skipped_and_counted_not_the_end_of_the_stream()
    {
        var topic = StreamTopic.Broadcast;
        var before = (string)(await Broadcast("tick", "{\"n\":1}"))!;
        // Written past the functions, as a careless producer could: data .NET cannot read, and bytes that are not UTF-8.
        await _multiplexer.GetDatabase().StreamAddAsync("jobstream:{broadcast}:history", [new("event", "tick"), new("data", "NaN")]);
        await _multiplexer.GetDatabase().StreamAddAsync("jobstream:{broadcast}:history", [new("event", "tick"), new("data", (RedisValue)new byte[] { 0x22, 0xff, 0xfe, 0x22 })]);
        await _multiplexer.GetDatabase().StreamAddAsync("jobstream:{broadcast}:history", [new("event", "tick\nx"), new("data", "{}")]);
        var after = (string)(await Broadcast("tick", "{\"n\":2}"))!;
        var dropped = _metrics.Snapshot().EventsDropped;

        var history = await _hub.ReadHistoryAsync(topic, before, CancellationToken.None);

        Assert.That(history.Messages.Select(m => m.Id), Is.EqualTo(new[] { after }), "the readable events around them still come");
        Assert.That(_metrics.Snapshot().EventsDropped - dropped, Is.EqualTo(3));
    }

    [TestCase(StreamEventIdCase.Largest)]
    [TestCase(StreamEventIdCase.AfterTheNewest)]
    public async Task A_last_event_id_the_topic_never_reached_is_a_missed_answer_not_a_failure(StreamEventIdCase which)
    {
        var newest = (string)(await Broadcast("tick", "{}"))!;
        var id = which == StreamEventIdCase.Largest ? StreamEventId.Largest : $"{ulong.Parse(newest.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture) + 60_000}-0";

        var history = await _hub.ReadHistoryAsync(StreamTopic.Broadcast, id, CancellationToken.None);

        Assert.That(history.Missed, Is.True);
        Assert.That(history.Messages, Is.Empty);
    }

    [Test]
    public async Task A_library_redis_lost_is_loaded_again_by_the_call_that_finds_it_missing_and_other_errors_stand()
    {
        var functions = new HubFunctions(_multiplexer, new HubOptions(), "jobstream:");
        await _multiplexer.GetDatabase().ExecuteAsync("FUNCTION", "FLUSH", "SYNC");
        Assert.That(await functions.IsLoadedAsync(), Is.False);

        var id = await functions.PublishAsync(StreamTopic.Broadcast, "tick", "{}", onceKey: null);

        Assert.That(StreamEventId.IsValid(id), Is.True);
        Assert.That(await functions.IsLoadedAsync(), Is.True);
        var refused = Assert.ThrowsAsync<RedisServerException>(() => functions.PublishAsync(StreamTopic.Broadcast, "tick", "NaN", onceKey: null));
        Assert.That(refused!.Message, Does.StartWith("ERR the data is not valid JSON"), "a producer's error is not taken for a missing library");
    }

    public enum StreamEventIdCase
    {
        Largest,
        AfterTheNewest,
    }

    private Task<RedisResult> Broadcast(string name, string data) =>
        _multiplexer.GetDatabase().ExecuteAsync("FCALL", HubFunctions.Broadcast, 2, "jobstream:{broadcast}:history", "jobstream:{broadcast}:once", name, data, "");

    private static string PreviousOf(string id)
    {
        var parts = id.Split('-');
        var sequence = ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        return sequence > 0 ? $"{parts[0]}-{sequence - 1}" : $"{ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) - 1}-0";
    }
}
