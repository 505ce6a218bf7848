using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Watches;

/// <summary>A watch's webhook against a real receiver on loopback: signed, in order, retried, logged, and held to the address policy.</summary>
[TestFixtureSource(typeof(TestJobDatabase), nameof(TestJobDatabase.Providers))]
public sealed class WebhookTests(string provider)
{
    [Test]
    public async Task Each_change_reaches_the_webhook_signed_and_in_order_after_a_failed_attempt_is_retried()
    {
        await using var database = await TestJobDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 1;
        var site = new ChangingSite("hooked");
        site.Show(("a", "Data Engineer", "Berlin"));
        await using var sites = await FixtureSiteServer.StartAsync([site.Site]);
        await using var api = new ApiFactory(WatchTests.FastWatches
            .Append(("ConnectionStrings:Jobs", (string?)database.ConnectionString))
            .Append(("Watches:WebhookRetrySeconds", (string?)"0.2")).ToArray());
        using var client = WatchTests.Client(api, "alice");
        var created = await client.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { site.Domain }, every = "1d" });
        var watchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var stream = await WatchTests.OpenAsync(client, $"/api/v1/watches/{watchId}/stream", "0");
        await WatchTests.UntilFinishedAsync(stream.Events);

        var set = await client.PutAsJsonAsync($"/api/v1/watches/{watchId}/webhook", new { url = receiver.Url.AbsoluteUri });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var secret = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.That(secret, Does.StartWith("whsec_"));
        site.Show(("a", "Data Engineer", "Berlin"), ("b", "Designer", "Remote"));
        await WatchTests.RunAsync(client, watchId);
        var run = await WatchTests.UntilFinishedAsync(stream.Events);

        await Hub.HubStreamTests.WaitForAsync(() => Task.FromResult(receiver.Received.Count(r => r.Answered == 204) >= run.Count));
        var received = receiver.Received.ToList();
        Assert.That(received[0].Answered, Is.EqualTo(500));
        Assert.That(received[1].Body, Is.EqualTo(received[0].Body), "the failed event is sent again before any later one");
        var delivered = received.Where(r => r.Answered == 204).ToList();
        Assert.That(delivered.Select(r => r.Headers["X-JobStream-Delivery"]), Is.EqualTo(run.Select(e => e.EventId)), "every event of the run once, in order, none from before the webhook");
        Assert.That(delivered.Select(r => r.Headers["X-JobStream-Event"]), Is.EqualTo(new[] { "watch_run", "job_opened", "watch_run" }));
        foreach (var (headers, body, _) in delivered)
        {
            var signature = headers["X-JobStream-Signature"];
            var t = signature.Split(',')[0]["t=".Length..];
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
            Assert.That(signature, Is.EqualTo($"t={t},v1={expected}"));
            Assert.That(long.Parse(t, CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(60));
            var json = JsonDocument.Parse(body).RootElement;
            Assert.That(json.GetProperty("watch_id").GetString(), Is.EqualTo(watchId));
            Assert.That(json.GetProperty("id").GetString(), Is.EqualTo(headers["X-JobStream-Delivery"]));
        }
        Assert.That(JsonDocument.Parse(delivered[1].Body).RootElement.GetProperty("data").GetProperty("job").GetProperty("job").GetProperty("title").GetString(), Is.EqualTo("Designer"));

        // The receiver answers before the dispatcher writes the attempt down: the log catches up.
        JsonElement[]? log = null;
        await Hub.HubStreamTests.WaitForAsync(async () =>
        {
            log = await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/watches/{watchId}/webhook/deliveries");
            return log!.Count(a => a.GetProperty("delivered").GetBoolean()) >= 3;
        });
        Assert.That(log!.Count(a => a.GetProperty("delivered").GetBoolean()), Is.EqualTo(3));
        var failed = log!.Single(a => !a.GetProperty("delivered").GetBoolean());
        Assert.That(failed.GetProperty("status").GetInt32(), Is.EqualTo(500));
        Assert.That(failed.TryGetProperty("retry_at", out _), Is.True);
    }

    [Test]
    public async Task A_webhook_to_an_address_outside_the_policy_is_never_sent_and_the_log_says_why()
    {
        await using var database = await TestJobDatabase.CreateAsync(provider);
        await using var api = new ApiFactory(WatchTests.FastWatches.Append(("ConnectionStrings:Jobs", (string?)database.ConnectionString)).ToArray());
        using var client = WatchTests.Client(api, "alice");
        var created = await client.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { "http://127.0.0.2:9/" }, every = "1d" });
        var watchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        Assert.That((await client.PutAsJsonAsync($"/api/v1/watches/{watchId}/webhook", new { url = "ftp://example.com/x" })).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await client.PutAsJsonAsync($"/api/v1/watches/{watchId}/webhook", new { url = "http://127.0.0.2:9/hooks" });
        await WatchTests.RunAsync(client, watchId);

        JsonElement[] log = [];
        await Hub.HubStreamTests.WaitForAsync(async () => (log = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/watches/{watchId}/webhook/deliveries"))!).Length > 0);
        Assert.That(log[0].GetProperty("delivered").GetBoolean(), Is.False);
        Assert.That(log[0].GetProperty("error").GetString(), Does.StartWith("blocked"));
        Assert.That((await client.DeleteAsync($"/api/v1/watches/{watchId}/webhook")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
