using System.Globalization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>Stream connections as Redis hashes (owner, created at), expiring with the connection's time to live.</summary>
public sealed class RedisConnectionRegistry(IConnectionMultiplexer redis, HubFunctions functions, IOptions<HubOptions> options, TimeProvider clock) : IConnectionRegistry
{
    public Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        var connection = new StreamConnection(MemoryTopics.NewConnectionId(), owner, clock.GetUtcNow());
        var key = functions.ConnectionKey(connection.Id);
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.HashSetAsync(key, [new("owner", owner), new("created_at", connection.CreatedAt.ToString("O", CultureInfo.InvariantCulture))]);
        _ = transaction.KeyExpireAsync(key, TimeSpan.FromSeconds(options.Value.ConnectionTtlSeconds));
        await transaction.ExecuteAsync();
        return connection;
    });

    public Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        var fields = await redis.GetDatabase().HashGetAsync(functions.ConnectionKey(connectionId), ["owner", "created_at"]);
        if (fields[0].IsNull)
        {
            return null;
        }
        _ = DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created);
        return new StreamConnection(connectionId, fields[0]!, created);
    });
}
