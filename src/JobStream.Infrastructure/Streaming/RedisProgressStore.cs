using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>Users' latest progress: the string the progress function sets beside the user's history.</summary>
public sealed partial class RedisProgressStore(IConnectionMultiplexer redis, HubFunctions functions, ILogger<RedisProgressStore> logger) : IProgressStore
{
    public Task<LatestProgress?> GetProgressAsync(string userId, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        var stored = transaction.StringGetAsync(functions.ProgressKey(userId));
        var newest = transaction.StreamRangeAsync(functions.HistoryKey(StreamTopic.UserProgress(userId)), "-", "+", count: 1, messageOrder: Order.Descending);
        await transaction.ExecuteAsync();
        var latest = await stored;
        if (latest.IsNull)
        {
            return null;
        }
        try
        {
            var data = JsonPayload.From(JsonDocument.Parse((ReadOnlyMemory<byte>)latest).RootElement);
            // The id is the newest history entry's when that entry is this state (a plain SET by an
            // outside producer stores a state with no id).
            var entries = await newest;
            var id = entries.Length > 0 && entries[0]["data"] == latest ? (string?)entries[0].Id : null;
            return new LatestProgress(data, id);
        }
        catch (JsonException)
        {
            LogDropped(functions.ProgressKey(userId), "stored progress is not valid JSON");
            return null;
        }
    });

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        var topic = StreamTopic.UserProgress(userId);
        var transaction = redis.GetDatabase().CreateTransaction();
        var existed = transaction.KeyDeleteAsync(functions.ProgressKey(userId));
        _ = transaction.KeyDeleteAsync([functions.HistoryKey(topic), functions.OnceKey(topic)]);
        await transaction.ExecuteAsync();
        return await existed;
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Problem}")]
    private partial void LogDropped(string channel, string problem);
}
