using System.Collections.Concurrent;
using System.Diagnostics;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests;

/// <summary>
/// The API as its own process (the build beside the tests), for what an in-process host cannot show:
/// an instance killed with SIGKILL, or stopped with SIGTERM as an orchestrator stops it.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        Port = port;
        Output = output;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Output { get; }

    /// <summary>Starts an instance and waits until it is ready (/health/ready: Redis reached, backplane delivering).</summary>
    public static async Task<ApiProcess> StartAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["JWT_SECRET"] = TestTokens.Secret,
            ["Scraping:Http:AllowedNetworks:0"] = "127.0.0.1",
            ["Scraping:Http:AllowAnyPort"] = "true",
            ["Limits:ScrapeStartsPerMinute"] = "100000",
            ["Limits:MaxStreamsPerClient"] = "10000",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var output = new ConcurrentQueue<string>();
        try
        {
            var (process, port) = await DotnetProcess.StartAsync(
                Path.Combine(AppContext.BaseDirectory, "JobStream.Api.dll"), [], environment, "/health/ready", output.Enqueue);
            return new ApiProcess(process, port, output);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{ex.Message}; its output:\n{string.Join('\n', output.TakeLast(60))}", ex);
        }
    }

    /// <summary>SIGKILL: the instance is gone at once, with nothing said to its clients.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops an instance; the process's exit code once it has ended.</summary>
    public async Task<int> TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(patience.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync($"--- the API on port {Port}:\n" + string.Join('\n', Output.TakeLast(60)));
        }
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
        Client.Dispose();
    }
}
