using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JobStream.TestServers;

/// <summary>
/// A real redis-server (Debian's package) on a free loopback port, with nothing persisted, or with an
/// append-only file synced on every write (as a deployment that must not lose acknowledged events runs
/// it). It can be stopped (SIGKILL) and started again on the same port, to test what happens while
/// Redis is away.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string? _directory;
    private Process? _process;

    private RedisServer(int port, string? directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Both protocols StackExchange.Redis speaks; the Redis tests run under each.</summary>
    public static readonly string[] Protocols = ["resp2", "resp3"];

    /// <summary>The client configuration that speaks <paramref name="protocol"/> ("resp2" or "resp3") to this server.</summary>
    public string ConfigurationFor(string protocol) => $"{Configuration},protocol={protocol}";

    public static string Executable => Environment.GetEnvironmentVariable("REDIS_SERVER") ?? "/usr/bin/redis-server";

    public static bool IsInstalled => File.Exists(Executable);

    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        var server = new RedisServer(Loopback.FreePort(), persistent ? Directory.CreateTempSubdirectory("jobstream-redis-").FullName : null);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _directory is null ? ["--appendonly", "no"] : new[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await AnswersPingAsync()) // (not while it loads its append-only file: LOADING)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}");
            }
            await Task.Delay(20, deadline.Token);
        }
    }

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

    /// <summary>Sends one command in RESP and returns the raw reply, for assertions from outside JobStream.</summary>
    public async Task<string> CommandAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        await using var stream = client.GetStream();
        var request = $"*{arguments.Length}\r\n" + string.Concat(arguments.Select(a => $"${System.Text.Encoding.UTF8.GetByteCount(a)}\r\n{a}\r\n"));
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(request));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            return (await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

}
