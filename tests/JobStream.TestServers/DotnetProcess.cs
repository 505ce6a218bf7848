using System.Diagnostics;
using System.Net;

namespace JobStream.TestServers;

/// <summary>
/// A .NET server run as its own process (<c>dotnet app.dll … --urls http://127.0.0.1:port</c>) on a free
/// loopback port, its output lines handed to <paramref name="output"/> (its standard error's to
/// <paramref name="errors"/> where given), started once its health path
/// answers 200: what the functional tests and the benchmarks run when an in-process host cannot show
/// what they measure (SIGKILL, SIGTERM, a process's own memory).
/// </summary>
public static class DotnetProcess
{
    public static async Task<(Process Process, int Port)> StartAsync(
        string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string healthPath, Action<string> output, Action<string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        // The free port is the OS's ephemeral choice, so an outgoing connection made meanwhile may take it
        // before the server binds it: then the server exits saying so, and starts again on another.
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync(dll, arguments, environment, healthPath, output, errors, lastAttempt: attempt == 3) is { } started)
            {
                return started;
            }
        }
    }

    // Null where the port was taken before the server could bind it (and another attempt is left).
    private static async Task<(Process Process, int Port)?> TryStartAsync(
        string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string healthPath, Action<string> output, Action<string>? errors, bool lastAttempt)
    {
        var port = Loopback.FreePort();
        var portTaken = false;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        // A job database of its own unless told which: processes of one test never share one by accident.
        start.Environment["ConnectionStrings__Jobs"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"jobstream-process-{Guid.NewGuid():N}.db")}";
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, line) => output(Seen(line.Data ?? ""));
        process.ErrorDataReceived += (_, line) => (errors ?? output)(Seen(line.Data ?? ""));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                // Its output is read to the end before the port's fate is judged.
                await process.WaitForExitAsync();
                if (Volatile.Read(ref portTaken) && !lastAttempt)
                {
                    process.Dispose();
                    return null;
                }
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before it was healthy");
            }
            try
            {
                using var response = await client.GetAsync(healthPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (process, port);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{Path.GetFileName(dll)} was not healthy at {healthPath} within a minute");

        string Seen(string line)
        {
            if (line.Contains($"127.0.0.1:{port}: address already in use", StringComparison.Ordinal))
            {
                Volatile.Write(ref portTaken, true);
            }
            return line;
        }
    }
}
