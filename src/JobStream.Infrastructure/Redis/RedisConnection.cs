using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Redis;

/// <summary>
/// The one place that talks StackExchange.Redis: a single shared multiplexer and the few commands
/// JobStream uses, in plain strings and bytes. The package here is 1.2.6 (the source lacks 2.x's
/// dependencies); upgrading touches this class only (docs/decisions/0005-redis-client.md).
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);
        configuration.AbortOnConnectFail = false; // start, and keep retrying, while Redis is down
        configuration.ConnectRetry = 3;
        configuration.KeepAlive = 10;
        configuration.ClientName = $"jobstream-{Environment.MachineName}-{Environment.ProcessId}";
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var multiplexer = ConnectionMultiplexer.Connect(configuration);
            multiplexer.ConnectionFailed += (_, e) =>
            {
                LogConnectionFailed(e.EndPoint, e.FailureType);
                ConnectionLost?.Invoke();
            };
            multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(e.EndPoint);
            return multiplexer;
        });
    }

    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected;

    /// <summary>Raised when a connection to Redis fails; the multiplexer then reconnects and re-subscribes by itself.</summary>
    public event Action? ConnectionLost;

    private IDatabase Database => _multiplexer.Value.GetDatabase();

    public Task PublishAsync(string channel, byte[] payload) =>
        _multiplexer.Value.GetSubscriber().PublishAsync(channel, payload);

    /// <summary>
    /// Subscribes to a channel or, with a '*' in it, a channel pattern. The handler gets the concrete
    /// channel and the payload, in publication order. The multiplexer restores the subscription
    /// itself after a reconnection.
    /// </summary>
    public Task SubscribeAsync(string channelOrPattern, Action<string, byte[]> handler)
    {
        var mode = channelOrPattern.Contains('*', StringComparison.Ordinal) ? RedisChannel.PatternMode.Pattern : RedisChannel.PatternMode.Literal;
        return _multiplexer.Value.GetSubscriber().SubscribeAsync(
            new RedisChannel(channelOrPattern, mode),
            (channel, value) => handler(channel.ToString(), (byte[])value!));
    }

    public async Task<string?> EvaluateAsync(string script, string[] keys, object[] arguments)
    {
        var result = await Database.ScriptEvaluateAsync(
            script,
            keys.Select(k => (RedisKey)k).ToArray(),
            arguments.Select(ToValue).ToArray());
        return result.IsNull ? null : (string?)result;
    }

    public async Task<byte[]?> GetAsync(string key) => (byte[]?)await Database.StringGetAsync(key);

    public Task<bool> DeleteAsync(string key) => Database.KeyDeleteAsync(key);

    public async Task<Dictionary<string, string>> HashGetAllAsync(string key) =>
        (await Database.HashGetAllAsync(key)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);

    public async Task HashSetAsync(string key, IReadOnlyDictionary<string, string> fields, TimeSpan ttl)
    {
        var transaction = Database.CreateTransaction();
        _ = transaction.HashSetAsync(key, fields.Select(f => new HashEntry(f.Key, f.Value)).ToArray());
        _ = transaction.KeyExpireAsync(key, ttl);
        await transaction.ExecuteAsync();
    }

    /// <summary>Runs a command the 1.x client has no method for (XRANGE, XADD, XREADGROUP…).</summary>
    public async Task<RedisReply> ExecuteAsync(string command, params object[] arguments) =>
        RedisReply.From(await Database.ExecuteAsync(command, arguments.Select(ToValue).Cast<object>().ToArray()));

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await _multiplexer.Value.CloseAsync();
            _multiplexer.Value.Dispose();
        }
    }

    private static RedisValue ToValue(object value) => value switch
    {
        string s => s,
        byte[] b => b,
        int i => i,
        long l => l,
        _ => value.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} failed ({FailureType}); retrying")]
    private partial void LogConnectionFailed(System.Net.EndPoint? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
    private partial void LogConnectionRestored(System.Net.EndPoint? endpoint);
}
