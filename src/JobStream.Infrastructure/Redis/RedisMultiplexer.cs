using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Redis;

/// <summary>
/// Creates the process's one <see cref="IConnectionMultiplexer"/> (a singleton in the container): it
/// starts while Redis is down and keeps reconnecting, restoring its subscriptions by itself.
/// </summary>
public static partial class RedisMultiplexer
{
    public static IConnectionMultiplexer Connect(IOptions<RedisOptions> options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 3;
        configuration.KeepAlive = 10;
        configuration.ClientName = $"jobstream-{Environment.MachineName}-{Environment.ProcessId}";
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            var endpoint = e.EndPoint?.ToString();
            LogConnectionFailed(logger, endpoint, e.ConnectionType, e.FailureType);
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            var endpoint = e.EndPoint?.ToString();
            LogConnectionRestored(logger, endpoint, e.ConnectionType);
        };
        return multiplexer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {ConnectionType} connection to {Endpoint} failed ({FailureType}); retrying")]
    private static partial void LogConnectionFailed(ILogger logger, string? endpoint, ConnectionType connectionType, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis {ConnectionType} connection to {Endpoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string? endpoint, ConnectionType connectionType);
}
