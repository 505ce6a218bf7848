using System.Diagnostics;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Hub;

// The documented Python example, run as a user would run it, against a real Redis and a running API.
[NonParallelizable]
public sealed class PythonProducerTests
{
    private const string Python = "/usr/bin/python3";

    [Test]
    public async Task The_documented_python_producer_reaches_a_connection_a_users_progress_streams_and_events()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        Assert.That(File.Exists(Python), Is.True, "Debian's python3 with python3-redis and python3-celery is missing: scripts/test.sh installs them");
        var script = Path.Combine(Repository.Root(), "docs", "examples", "jobstream_publisher.py");
        await using var redis = await RedisServer.StartAsync();
        // Configured as a deployment would be, by URL.
        await using var api = new ApiFactory(("REDIS_URL", $"redis://{redis.Configuration}/0"));
        api.StartServer();
        using var client = api.CreateClient();
        await HubStreamTests.WaitForAsync(async () =>
            JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement.GetProperty("backplane").GetProperty("connected").GetBoolean());
        var token = TestTokens.For("user_py");
        await using var connection = await HubClient.ConnectAsync(client, $"/api/v1/stream?token={token}");
        await using var progress = await HubClient.ConnectAsync(client, $"/api/v1/sse/progress/stream/user_py?token={token}");
        using var eventsResponse = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        var events = EventStreamReader.Events(await eventsResponse.Content.ReadAsStreamAsync());
        await events.NextAsync(); // connected

        var (exitCode, output) = await RunAsync(Python, script, "--redis", $"redis://{redis.Configuration}/0", "--connection", connection.ConnectionId, "--user", "user_py");
        Assert.That(exitCode, Is.Zero, output);

        var report = await connection.NextAsync();
        Assert.That(report.EventType, Is.EqualTo("report.ready"));
        Assert.That(report.Json().GetProperty("city").GetString(), Is.EqualTo("Zürich"));
        Assert.That((await connection.NextAsync()).EventType, Is.EqualTo("files.done"));

        var updates = new List<JsonElement>();
        while (updates.Count < 4)
        {
            updates.Add((await progress.NextAsync()).Json());
        }
        Assert.That(updates[0].GetProperty("message").GetString(), Is.EqualTo("Processing file 3 of 10..."));
        Assert.That(updates[^1].GetProperty("status").GetString(), Is.EqualTo("completed"));

        JsonElement deploy;
        do
        {
            deploy = (await events.NextAsync()).Json();
        }
        while (deploy.GetProperty("event").GetString() != "deploy");
        Assert.That(deploy.GetProperty("data").GetProperty("version").GetString(), Is.EqualTo("1.2.3"));

        using var status = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sse/progress/status/user_py");
        status.Headers.Authorization = new("Bearer", token);
        using var latest = await client.SendAsync(status);
        Assert.That(await latest.Content.ReadAsStringAsync(), Does.Contain("All files processed successfully!"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(EventStreamReader.Patience);
        return (process.ExitCode, await stdout + await stderr);
    }
}
