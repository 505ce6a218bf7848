using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JobStream.TestServers;

/// <summary>
/// A real nginx (Debian's package) on a free loopback port, running the project's own
/// docs/deploy/nginx.conf with the test's instance ports put in place of the documented ones.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxServer(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public static string Executable => Environment.GetEnvironmentVariable("NGINX") ?? "/usr/sbin/nginx";

    public static bool IsInstalled => File.Exists(Executable);

    public Uri Url { get; }

    /// <param name="upstreams">The instances' ports, in place of 8001 and 8002.</param>
    /// <param name="readTimeout">In place of the documented one hour, to see keepalives beat a short one.</param>
    public static async Task<NginxServer> StartAsync(IReadOnlyList<int> upstreams, string? readTimeout = null)
    {
        var port = Loopback.FreePort();
        var prefix = Directory.CreateTempSubdirectory("jobstream-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(prefix, "tmp"));
        var config = (await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "deploy", "nginx.conf")))
            .Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:8001;", $"server 127.0.0.1:{upstreams[0]};", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:8002;", $"server 127.0.0.1:{upstreams[1]};", StringComparison.Ordinal);
        if (readTimeout is not null)
        {
            config = config.Replace("proxy_read_timeout 1h;", $"proxy_read_timeout {readTimeout};", StringComparison.Ordinal);
        }
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), config);
        var process = Process.Start(new ProcessStartInfo(Executable)
        {
            ArgumentList = { "-p", prefix, "-c", "nginx.conf", "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {Executable}");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new NginxServer(process, prefix, port);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await Loopback.AcceptsAsync(port))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}");
            }
            await Task.Delay(50, deadline.Token);
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }


}
