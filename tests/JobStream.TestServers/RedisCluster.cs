using System.Diagnostics;
using System.Globalization;

namespace JobStream.TestServers;

/// <summary>
/// A real Redis Cluster on loopback (Debian's redis-server and redis-cli): 3 primaries, each with a
/// replica, a short node timeout so a failover takes a second or two, nothing persisted. A primary can
/// be killed (SIGKILL), and its replica takes over.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<Node> _nodes = [];

    private RedisCluster(string directory)
    {
        _directory = directory;
    }

    public static string CliExecutable => Environment.GetEnvironmentVariable("REDIS_CLI") ?? "/usr/bin/redis-cli";

    public static bool IsInstalled => RedisServer.IsInstalled && File.Exists(CliExecutable);

    /// <summary>The nodes as a client's configuration names them (any reachable node leads it to the others).</summary>
    public string Configuration => string.Join(",", _nodes.Where(node => node.IsRunning).Select(node => $"127.0.0.1:{node.Port}"));

    /// <summary>A redis-py URL for one running node (RedisCluster finds the rest).</summary>
    public string Url => $"redis://127.0.0.1:{_nodes.First(node => node.IsRunning).Port}";

    /// <summary>The running nodes as "host:port,host:port" (for redis-py's startup nodes).</summary>
    public string Nodes => string.Join(",", _nodes.Where(node => node.IsRunning).Select(node => $"127.0.0.1:{node.Port}"));

    public IReadOnlyList<int> Ports => [.. _nodes.Select(node => node.Port)];

    public static async Task<RedisCluster> StartAsync(int primaries = 3, int replicasEach = 1)
    {
        var cluster = new RedisCluster(Directory.CreateTempSubdirectory("jobstream-cluster-").FullName);
        try
        {
            for (var i = 0; i < primaries * (1 + replicasEach); i++)
            {
                cluster._nodes.Add(await cluster.StartNodeAsync());
            }
            var create = new List<string> { "--cluster", "create" };
            create.AddRange(cluster._nodes.Select(node => $"127.0.0.1:{node.Port}"));
            create.AddRange(["--cluster-replicas", replicasEach.ToString(CultureInfo.InvariantCulture), "--cluster-yes"]);
            await RunCliAsync(create);
            await cluster.WaitUntilHealthyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a command on a node (redis-cli -p port …) and returns what it printed.</summary>
    public static Task<string> CommandAsync(int port, params string[] arguments) =>
        RunCliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), .. arguments]);

    /// <summary>The port of the primary that holds <paramref name="key"/>'s slot.</summary>
    public async Task<int> PrimaryForAsync(string key)
    {
        var slot = int.Parse((await CommandAsync(_nodes.First(node => node.IsRunning).Port, "CLUSTER", "KEYSLOT", key)).Trim(), CultureInfo.InvariantCulture);
        foreach (var node in _nodes.Where(node => node.IsRunning))
        {
            var lines = (await CommandAsync(node.Port, "CLUSTER", "NODES")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines)
            {
                var fields = line.Split(' ');
                if (!fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var range in fields.Skip(8))
                {
                    var bounds = range.Split('-');
                    if (bounds.Length is 1 or 2 && int.TryParse(bounds[0], out var from) && int.TryParse(bounds[^1], out var to) && slot >= from && slot <= to)
                    {
                        return int.Parse(fields[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
                    }
                }
            }
            break;
        }
        throw new InvalidOperationException($"no primary holds the slot of {key}");
    }

    /// <summary>Kills a node (SIGKILL), as a crash would; its replica, if it was a primary, takes over.</summary>
    public async Task KillAsync(int port)
    {
        var node = _nodes.Single(n => n.Port == port);
        await node.StopAsync();
    }

    /// <summary>
    /// Until every running node says the cluster is ok, every slot is served, and every primary it knows
    /// of is running: after a kill, until the dead primary's replica has taken over.
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? within = null)
    {
        using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        var running = _nodes.Where(node => node.IsRunning).Select(node => node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        while (true)
        {
            var healthy = true;
            foreach (var node in _nodes.Where(node => node.IsRunning))
            {
                var info = await CommandAsync(node.Port, "CLUSTER", "INFO");
                healthy &= info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal);
                // "<id> <ip:port@cport> <flags> …": a primary not failed must be one that runs.
                foreach (var fields in (await CommandAsync(node.Port, "CLUSTER", "NODES")).Split('\n').Select(line => line.Split(' ')).Where(fields => fields.Length > 2))
                {
                    var flags = fields[2].Split(',');
                    if (flags.Contains("master") && !flags.Contains("fail"))
                    {
                        healthy &= running.Contains(fields[1].Split('@')[0].Split(':')[^1]);
                    }
                }
            }
            if (healthy)
            {
                return;
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<Node> StartNodeAsync()
    {
        var port = Loopback.FreePort();
        var busPort = Loopback.FreePort();
        var directory = Path.Combine(_directory, port.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(RedisServer.Executable)
        {
            ArgumentList =
            {
                "--port", port.ToString(CultureInfo.InvariantCulture), "--cluster-port", busPort.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(directory, "nodes.conf"),
                "--cluster-node-timeout", "1000", "--dir", directory, "--save", "", "--appendonly", "no",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {RedisServer.Executable}");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await Loopback.AcceptsAsync(port))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}");
            }
            await Task.Delay(20, deadline.Token);
        }
        return new Node(port, process);
    }

    private static async Task<string> RunCliAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(CliExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {CliExecutable}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', start.ArgumentList)} failed: {await errors}{await output}");
        }
        return await output;
    }

    private sealed class Node(int port, Process process)
    {
        private Process? _process = process;

        public int Port { get; } = port;

        public bool IsRunning => _process is { HasExited: false };

        public async Task StopAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process?.Dispose();
            _process = null;
        }
    }
}
