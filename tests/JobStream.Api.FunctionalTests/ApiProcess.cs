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

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>Starts an instance and waits until it is ready (/health/ready: Redis reached, backplane delivering).</summary>
    public static async Task<ApiProcess> StartAsync(params (string Key, string Value)[] settings)
    {
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobStream.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["JWT_SECRET"] = TestTokens.Secret;
        start.Environment["Scraping__Http__AllowedNetworks__0"] = "127.0.0.1";
        start.Environment["Scraping__Http__AllowAnyPort"] = "true";
        start.Environment["Limits__ScrapeStartsPerMinute"] = "100000";
        start.Environment["Limits__MaxStreamsPerClient"] = "10000";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var api = new ApiProcess(process, port);
        process.OutputDataReceived += (_, line) => api.Output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => api.Output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Hub.HubStreamTests.WaitForAsync(async () =>
        {
            Assert.That(process.HasExited, Is.False, () => "the API exited: " + string.Join('\n', api.Output));
            try
            {
                using var ready = await api.Client.GetAsync("/health/ready");
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return api;
    }

    /// <summary>SIGKILL: the instance is gone at once, with nothing said to its clients.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
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
