using System.Diagnostics;
using System.Globalization;

namespace JobStream.TestServers;

/// <summary>
/// A real Sentinel deployment on loopback (Debian's redis-server, also in its sentinel mode): one
/// primary, two replicas, three sentinels watching them as <see cref="ServiceName"/>, with short timeouts
/// so a failover takes a few seconds. The primary can be killed (SIGKILL); the sentinels promote a
/// replica, and the other follows it, so the new primary still has a replica to acknowledge writes.
/// </summary>
public sealed class RedisSentinel : IAsyncDisposable
{
    public const string ServiceName = "jobstream";

    private readonly string _directory;
    private readonly List<(int Port, Process Process)> _processes = [];

    private RedisSentinel(string directory)
    {
        _directory = directory;
    }

    public int PrimaryPort { get; private set; }

    public IReadOnlyList<int> ReplicaPorts { get; private set; } = [];

    public IReadOnlyList<int> SentinelPorts => [.. _processes.Skip(3).Select(p => p.Port)];

    /// <summary>What a client is configured with: the sentinels and the service name (StackExchange.Redis's form).</summary>
    public string Configuration => string.Join(",", SentinelPorts.Select(port => $"127.0.0.1:{port}")) + $",serviceName={ServiceName}";

    public static async Task<RedisSentinel> StartAsync()
    {
        var deployment = new RedisSentinel(Directory.CreateTempSubdirectory("jobstream-sentinel-").FullName);
        try
        {
            deployment.PrimaryPort = Loopback.FreePort();
            await deployment.StartAsync(deployment.PrimaryPort, ["--save", "", "--appendonly", "no"]);
            deployment.ReplicaPorts = [Loopback.FreePort(), Loopback.FreePort()];
            foreach (var replica in deployment.ReplicaPorts)
            {
                await deployment.StartAsync(replica, ["--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1", deployment.PrimaryPort.ToString(CultureInfo.InvariantCulture)]);
            }
            for (var i = 0; i < 3; i++)
            {
                var port = Loopback.FreePort();
                var config = Path.Combine(deployment._directory, $"sentinel-{port}.conf");
                await File.WriteAllTextAsync(config, string.Join('\n',
                    $"port {port}",
                    "bind 127.0.0.1",
                    $"sentinel monitor {ServiceName} 127.0.0.1 {deployment.PrimaryPort} 2",
                    $"sentinel down-after-milliseconds {ServiceName} 1000",
                    $"sentinel failover-timeout {ServiceName} 5000",
                    $"sentinel parallel-syncs {ServiceName} 1",
                    ""));
                await deployment.StartAsync(port, [config, "--sentinel"], configFirst: true);
            }
            foreach (var replica in deployment.ReplicaPorts)
            {
                await WaitAsync(async () => (await RedisCluster.CommandAsync(replica, "INFO", "replication")).Contains("master_link_status:up", StringComparison.Ordinal));
                foreach (var port in deployment.SentinelPorts)
                {
                    await WaitAsync(async () => (await RedisCluster.CommandAsync(port, "SENTINEL", "REPLICAS", ServiceName)).Contains(replica.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
                }
            }
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the primary (SIGKILL), as a crash would.</summary>
    public async Task KillPrimaryAsync()
    {
        var primary = _processes.Single(p => p.Port == PrimaryPort).Process;
        primary.Kill(entireProcessTree: true);
        await primary.WaitForExitAsync();
    }

    /// <summary>The port of the primary the sentinels name now.</summary>
    public async Task<int> CurrentPrimaryPortAsync()
    {
        var reply = await RedisCluster.CommandAsync(SentinelPorts[0], "SENTINEL", "GET-MASTER-ADDR-BY-NAME", ServiceName);
        return int.Parse(reply.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAsync(int port, string[] arguments, bool configFirst = false)
    {
        var start = new ProcessStartInfo(RedisServer.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!configFirst)
        {
            foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {RedisServer.Executable}");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((port, process));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await Loopback.AcceptsAsync(port))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}");
            }
            await Task.Delay(20, deadline.Token);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
