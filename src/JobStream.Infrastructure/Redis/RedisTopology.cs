using StackExchange.Redis;

namespace JobStream.Infrastructure.Redis;

/// <summary>What the client knows of the shape of its Redis: one server (or Sentinel's primary), or a cluster.</summary>
public static class RedisTopology
{
    public const int ClusterSlots = 16384;

    /// <summary>True when the client talks to a Redis Cluster.</summary>
    public static bool IsCluster(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return redis.GetServers().Any(server => server.ServerType == ServerType.Cluster);
    }

    /// <summary>
    /// How many of a cluster's slots the connected primaries serve, as of the client's last look at the
    /// cluster (<see cref="IConnectionMultiplexer.ConfigureAsync"/> looks again); null when not a cluster.
    /// </summary>
    public static int? ServedSlots(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var servers = redis.GetServers();
        if (servers.FirstOrDefault(server => server.ServerType == ServerType.Cluster && server.IsConnected)?.ClusterConfiguration is not { } cluster)
        {
            return servers.Any(server => server.ServerType == ServerType.Cluster) ? 0 : null;
        }
        var serving = servers.Where(server => server.IsConnected && !server.IsReplica).Select(server => server.EndPoint).ToHashSet();
        return cluster.Nodes
            .Where(node => !node.IsReplica && node.EndPoint is not null && serving.Contains(node.EndPoint))
            .SelectMany(node => node.Slots)
            .Sum(range => range.To - range.From + 1);
    }
}
