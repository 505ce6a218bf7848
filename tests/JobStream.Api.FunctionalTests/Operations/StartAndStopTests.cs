using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Operations;

// The service as an orchestrator sees it: its process, its exit code, its log.
[NonParallelizable]
public sealed class StartAndStopTests
{
    private static readonly string Chromium = new JobStream.Infrastructure.Scraping.Rendering.BrowserOptions().Executable;

    [Test]
    public async Task An_instance_that_rendered_a_page_stops_on_sigterm_with_exit_code_0()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} is missing: scripts/test.sh installs it (apt package chromium-headless-shell)");
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.ScriptRendered()]);
        await using var api = await ApiProcess.StartAsync();
        var result = await api.Client.PostAsJsonAsync("/scrape/batch", new { domains = new[] { sites["script-rendered"].Url.AbsoluteUri } });
        var body = await result.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"status\":\"success\""), body);
        var status = JsonDocument.Parse(await api.Client.GetStringAsync("/status")).RootElement;
        Assert.That(status.GetProperty("browser").GetProperty("available").GetBoolean(), Is.True, "the browser rendered the page and runs");

        var exitCode = await api.TerminateAsync();

        Assert.That(exitCode, Is.Zero, string.Join('\n', api.Output.TakeLast(30)));
        Assert.That(api.Output, Has.None.Contains("Unhandled exception"));
    }

    [Test]
    public async Task A_start_outside_development_without_a_secret_says_so_in_one_line_and_fails()
    {
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JobStream.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Loopback.FreePort()}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("JWT_SECRET");
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(patience.Token);
        process.WaitForExit(); // the output's last lines

        var log = string.Join('\n', output);
        Assert.That(process.ExitCode, Is.Not.Zero, log);
        Assert.That(output.Count(line => line.Contains("JWT_SECRET", StringComparison.Ordinal)), Is.EqualTo(1), log);
        Assert.That(log, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "), "no stack trace");
    }
}
