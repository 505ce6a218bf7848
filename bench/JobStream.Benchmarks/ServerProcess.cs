using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace JobStream.Benchmarks;

/// <summary>
/// A server the benchmark measures, run as its own process on a free loopback port (the JobStream API in
/// Release, or the baseline), so its memory is its own and it competes with the load generator for the
/// machine the way a real deployment would.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _http = new HttpClient { BaseAddress = Address };
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Resident memory of the process, from /proc.</summary>
    public long ResidentBytes => ProcFiles.Resident(_process.Id);

    /// <summary>CPU time the process has used so far (user and system), from /proc.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime, fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
    }

    /// <summary>Total garbage-collection pause time and collections so far, from the server's /status.</summary>
    public async Task<(double PauseMs, int Collections)> GarbageCollectionsAsync()
    {
        var runtime = await RuntimeAsync();
        return (runtime.GetProperty("gc_pause_ms").GetDouble(), runtime.GetProperty("gen0_collections").GetInt32());
    }

    /// <summary>Time spent compiling (JIT) and methods compiled so far, from the server's /status.</summary>
    public async Task<(TimeSpan Compiling, long Methods)> JitAsync()
    {
        var runtime = await RuntimeAsync();
        return (TimeSpan.FromMilliseconds(runtime.GetProperty("jit_compilation_ms").GetDouble()), runtime.GetProperty("jit_compiled_methods").GetInt64());
    }

    /// <summary>Runtime figures of the server's /status, such as <c>allocated_bytes</c>, read together from one answer.</summary>
    public async Task<long[]> RuntimeFiguresAsync(params string[] names)
    {
        var runtime = await RuntimeAsync();
        return [.. names.Select(name => runtime.GetProperty(name).GetInt64())];
    }

    // The "runtime" object of one /status answer.
    private async Task<JsonElement> RuntimeAsync()
    {
        using var status = JsonDocument.Parse(await _http.GetStringAsync("/status"));
        return status.RootElement.GetProperty("runtime").Clone();
    }

    /// <summary>Waits until the server's /status counts exactly this many open streams (closed ones are cleaned up).</summary>
    public Task WaitForOpenStreamsAsync(int count) =>
        WaitForStatusAsync(status => status.GetProperty("open_streams").GetInt32() == count, $"{count} open streams");

    /// <summary>Reads /status every 50 ms until <paramref name="condition"/> holds, for up to 30 s.</summary>
    public async Task WaitForStatusAsync(Func<JsonElement, bool> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            using var status = JsonDocument.Parse(await _http.GetStringAsync("/status"));
            if (condition(status.RootElement))
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the server's /status never showed {what}");
    }

    /// <summary>
    /// The JobStream API as built by <c>bench/run.sh</c> (Release), or the one <c>BENCH_API_DLL</c> names (a published
    /// build, say), in Production, logging warnings only.
    /// </summary>
    public static Task<ServerProcess> StartApiAsync(string repository, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Environment.GetEnvironmentVariable("BENCH_API_DLL") is { Length: > 0 } published
            ? published
            : Path.Combine(repository, "src", "JobStream.Api", "bin", "Release", "net10.0", "JobStream.Api.dll");
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JWT_SECRET"] = BenchmarkTokens.Secret,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return StartAsync(dll, [], environment, "/health");
    }

    /// <summary>
    /// This benchmark's own baseline server (<see cref="Hub.BaselineServer"/>), the same executable started
    /// with <c>baseline-server</c>, taking events on <paramref name="publishPort"/>.
    /// </summary>
    public static Task<ServerProcess> StartBaselineAsync(int publishPort) =>
        StartAsync(typeof(ServerProcess).Assembly.Location, ["baseline-server", "--publish-port", publishPort.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>(), "/health");

    private static async Task<ServerProcess> StartAsync(string dll, string[] arguments, Dictionary<string, string> environment, string healthPath)
    {
        // Both servers run with the same garbage collector settings, whatever their project files say.
        environment["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("BENCH_GC_SERVER") ?? "1";
        var name = Path.GetFileNameWithoutExtension(dll);
        // Its log (standard output) is read and dropped, as a log shipper would take it; its errors are shown.
        var (process, port) = await TestServers.DotnetProcess.StartAsync(dll, arguments, environment, healthPath, _ => { }, line =>
        {
            if (line.Length > 0)
            {
                Console.Error.WriteLine($"{name}: {line}");
            }
        });
        return new ServerProcess(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
    }
}
