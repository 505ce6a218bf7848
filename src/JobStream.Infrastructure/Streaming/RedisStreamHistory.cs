using System.Collections.Concurrent;
using System.Text.Json;
using JobStream.Application.Errors;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Every topic's kept events: the capped Redis stream the functions append to. A client that resumes
/// from an id gets what is kept after it, and is told when some of it was trimmed away or the topic
/// never reached that id.
/// </summary>
public sealed partial class RedisStreamHistory(IConnectionMultiplexer redis, HubFunctions functions, LocalFanOut fanOut, JobStreamMetrics metrics, ILogger<RedisStreamHistory> logger) : IStreamHistory
{
    private const int MaxUnreadableLogged = 1000;
    private readonly ConcurrentDictionary<string, byte> _unreadableLogged = new(StringComparer.Ordinal);

    public Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        var key = functions.HistoryKey(topic);
        var after = afterId ?? StreamEventId.Beginning;
        // One MULTI (not WATCH: producers write to the key all the time), so the range and the newest
        // id trimmed away are of the same moment. XINFO fails on a missing key; EXISTS says when.
        var transaction = redis.GetDatabase().CreateTransaction();
        var exists = transaction.KeyExistsAsync(key);
        var info = transaction.StreamInfoAsync(key);
        // "(" makes the range start after the id the client last saw (Redis 6.2 and later); Redis
        // refuses it after the largest id there can be, from which nothing follows anyway.
        var range = transaction.StreamRangeAsync(key, minId: after == StreamEventId.Largest ? after : "(" + after, maxId: "+");
        await transaction.ExecuteAsync();
        if (!await exists)
        {
            await ((Task)info).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // its "no such key", observed
            // Never written, or expired: events after a real id are gone with it.
            return after == StreamEventId.Beginning ? StreamHistory.Empty : new StreamHistory([], Missed: true);
        }
        var stream = await info;
        var trimmed = (string?)stream.MaxDeletedEntryId;
        var messages = new List<StreamMessage>();
        foreach (var entry in await range)
        {
            if (Readable(key, entry) is { } message)
            {
                messages.Add(message);
            }
        }
        // An id the topic never reached (a client's invention, or a history lost with its Redis) cannot
        // be resumed from: the client is told it missed events, as for one trimmed away.
        var unknown = StreamEventId.Compare(after, (string?)stream.LastGeneratedId ?? StreamEventId.Beginning) > 0;
        return new StreamHistory(messages, Missed: unknown || (StreamEventId.IsValid(trimmed) && StreamEventId.Compare(trimmed!, after) > 0));
    });

    // A history entry no instance can read (written past the functions, or with data they let through
    // and .NET does not) is left out of every stream that resumes across it: counted each time, logged
    // once per entry, never the end of a stream.
    private StreamMessage? Readable(string key, StreamEntry entry)
    {
        var name = entry["event"];
        var data = entry["data"];
        string? problem = null;
        if (name.IsNull || data.IsNull || !PublishedPayload.EventName().IsMatch(name.ToString()))
        {
            problem = "no event name or data, or a name no client could be sent";
        }
        else if (!System.Text.Unicode.Utf8.IsValid(((ReadOnlyMemory<byte>)data).Span))
        {
            problem = "its data is not UTF-8";
        }
        else
        {
            try
            {
                return new StreamMessage(name!, JsonPayload.From(JsonDocument.Parse((ReadOnlyMemory<byte>)data, PublishedPayload.DataReading).RootElement), entry.Id!);
            }
            catch (JsonException ex)
            {
                problem = $"its data is not JSON that can be read ({ex.Message})";
            }
        }
        metrics.Dropped();
        if (_unreadableLogged.Count < MaxUnreadableLogged && _unreadableLogged.TryAdd($"{key} {entry.Id}", 0))
        {
            LogDropped($"{key} entry {entry.Id}", problem);
        }
        return null;
    }

    // Every /events client asks this for the broadcast when it connects. Where this instance follows the
    // broadcast without a break and knows its newest event (one came, or Redis said so since), Redis is
    // not asked. Only the broadcast: its history is never deleted (a user's progress history is, when
    // the user clears it, which no delivery would tell this instance).
    public async Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken)
    {
        var broadcast = topic == StreamTopic.Broadcast;
        if (broadcast && fanOut.TryGetNewestId(topic, out var known))
        {
            return known;
        }
        try
        {
            var newest = await redis.GetDatabase().StreamRangeAsync(functions.HistoryKey(topic), "-", "+", count: 1, messageOrder: Order.Descending);
            var id = newest.Length > 0 ? (string?)newest[0].Id : null;
            if (broadcast)
            {
                fanOut.RememberNewest(topic, id);
            }
            return id;
        }
        catch (Exception ex) when (RedisCalls.IsUnreachable(ex))
        {
            throw new BackplaneUnavailableException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Problem}")]
    private partial void LogDropped(string channel, string problem);
}
