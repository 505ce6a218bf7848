using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Health;

/// <summary>
/// Ready when Redis answers, whatever its shape, with no admin-only command: every primary the client
/// knows answers PING (one server; Sentinel's current primary; each primary of a cluster), and on a
/// cluster those primaries serve every one of its 16,384 slots.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var primaries = redis.GetServers().Where(server => !server.IsReplica).ToList();
        var connected = primaries.Where(server => server.IsConnected).ToList();
        if (connected.Count == 0)
        {
            return HealthCheckResult.Unhealthy("no Redis primary is connected");
        }
        try
        {
            await Task.WhenAll(connected.Select(server => server.PingAsync()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"a Redis primary does not answer: {ex.Message}");
        }
        return RedisTopology.ServedSlots(redis) switch
        {
            null => HealthCheckResult.Healthy($"{connected.Count} Redis primary answers"),
            >= RedisTopology.ClusterSlots => HealthCheckResult.Healthy($"a Redis Cluster of {connected.Count} primaries serves every slot"),
            var served => HealthCheckResult.Unhealthy($"the Redis Cluster's connected primaries serve {served} of {RedisTopology.ClusterSlots} slots"),
        };
    }
}
