using System.Net;
using System.Text;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Limits;

// What one client may ask of an instance, and what everyone else keeps getting meanwhile.
public sealed class LimitsTests
{
    [Test]
    public async Task A_flood_of_scrape_starts_gets_429_with_retry_after_while_another_client_still_scrapes()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd()]);
        await using var api = new ApiFactory(("Limits:ScrapeStartsPerMinute", "5"));
        api.StartServer();
        using var client = api.CreateClient();
        var flooder = TestTokens.For("flooder");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await BatchAsync(client, flooder, "ftp://not-a-site"); // cheap 400s still count as starts
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(refused.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        using var other = await BatchAsync(client, TestTokens.For("someone-else"), sites["json-ld"].Url.AbsoluteUri);
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client's scrape still runs");
        using var health = await client.GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Behind_a_known_proxy_the_forwarded_address_is_the_client_and_elsewhere_it_is_ignored(bool trusted)
    {
        await using var api = trusted
            ? new ApiFactory(("Limits:ScrapeStartsPerMinute", "2"), ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"))
            : new ApiFactory(("Limits:ScrapeStartsPerMinute", "2"));
        api.StartServer();
        using var client = api.CreateClient();

        async Task<HttpStatusCode> FromAsync(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/scrape/batch") { Content = new StringContent("""{"domains":["ftp://x"]}""", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var flood = new[] { await FromAsync("203.0.113.1"), await FromAsync("203.0.113.1"), await FromAsync("203.0.113.1") };
        var other = await FromAsync("203.0.113.2");

        Assert.That(flood[2], Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(other, Is.EqualTo(trusted ? HttpStatusCode.BadRequest : HttpStatusCode.TooManyRequests),
            trusted ? "another address behind the proxy is another client" : "an untrusted X-Forwarded-For must not make a new client");
    }

    [Test]
    public async Task Scrapes_running_past_the_clients_cap_get_503_with_retry_after()
    {
        var gate = new TaskCompletionSource();
        var slow = new FixtureSite("held") { Gate = gate }.WithPage("/", "<html></html>");
        await using var sites = await FixtureSiteServer.StartAsync([slow]);
        await using var api = new ApiFactory(("Limits:ConcurrentScrapesPerClient", "2"), ("Limits:RetryAfterSeconds", "7"));
        api.StartServer();
        using var client = api.CreateClient();
        var token = TestTokens.For("busy");

        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            open.Add(await client.GetAsync($"/scrape/stream?domains={Uri.EscapeDataString(slow.Url.AbsoluteUri)}&token={token}", HttpCompletionOption.ResponseHeadersRead));
        }
        using var third = await client.GetAsync($"/scrape/stream?domains={Uri.EscapeDataString(slow.Url.AbsoluteUri)}&token={token}", HttpCompletionOption.ResponseHeadersRead);
        using var otherClient = await client.GetAsync($"/scrape/stream?domains={Uri.EscapeDataString(slow.Url.AbsoluteUri)}&token={TestTokens.For("calm")}", HttpCompletionOption.ResponseHeadersRead);
        gate.SetResult();

        Assert.That(open.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(third.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cap is per client");
        foreach (var response in open)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Streams_past_the_instances_cap_get_503_and_health_still_answers()
    {
        await using var api = new ApiFactory(("Limits:MaxOpenStreams", "2"));
        api.StartServer();
        using var client = api.CreateClient();

        using var first = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        await Hub.HubStreamTests.WaitForAsync(async () => (await client.GetStringAsync("/status")).Contains("\"open_streams\":2", StringComparison.Ordinal));
        using var third = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(third.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        using var health = await client.GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_page_from_an_origin_not_allowed_cannot_start_a_scrape_and_the_services_own_page_can()
    {
        var site = Corpus.JsonLd("visited");
        await using var sites = await FixtureSiteServer.StartAsync([site]);
        await using var api = new ApiFactory(("CORS_ORIGINS", "https://app.example"));
        api.StartServer();
        using var client = api.CreateClient();
        HttpRequestMessage From(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/scrape/stream?domains={Uri.EscapeDataString(site.Url.AbsoluteUri)}");
            request.Headers.Add("Origin", origin);
            return request;
        }

        using var elsewhere = await client.SendAsync(From("https://elsewhere.example"), HttpCompletionOption.ResponseHeadersRead);
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await elsewhere.Content.ReadAsStringAsync(), Does.Contain("CORS_SCRAPING_ORIGINS"));
        Assert.That(site.Requests, Is.Empty, "nothing was scraped for it");

        using var allowed = await client.SendAsync(From("https://app.example"), HttpCompletionOption.ResponseHeadersRead);
        using var own = await client.SendAsync(From(client.BaseAddress!.GetLeftPart(UriPartial.Authority)), HttpCompletionOption.ResponseHeadersRead);
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an origin CORS_ORIGINS names may");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the service's own UI may");
    }

    [Test]
    public async Task An_event_source_past_the_cap_gets_the_same_503_and_the_log_no_stack_trace()
    {
        await using var api = new ApiFactory(("Limits:MaxOpenStreams", "1"));
        api.StartServer();
        using var client = api.CreateClient();
        using var first = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        await Hub.HubStreamTests.WaitForAsync(async () => (await client.GetStringAsync("/status")).Contains("\"open_streams\":1", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        request.Headers.Accept.ParseAdd("text/event-stream"); // all an EventSource asks for
        using var second = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(second.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("open streams"));
        Assert.That(api.Logs.Where(line => line.Contains("exception", StringComparison.OrdinalIgnoreCase)), Is.Empty, "a refusal is not a crash");
    }

    [Test]
    public async Task Streams_past_the_clients_cap_get_503_while_another_client_still_connects()
    {
        await using var api = new ApiFactory(("Limits:MaxStreamsPerClient", "2"));
        api.StartServer();
        using var client = api.CreateClient();

        using var first = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var third = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        await using var someoneElse = await HubClient.ConnectAsync(client, $"/api/v1/stream?token={TestTokens.For("bob")}");

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(third.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await third.Content.ReadAsStringAsync(), Does.Contain("per client"));
        first.Dispose(); // a stream closed frees its place
        await Hub.HubStreamTests.WaitForAsync(async () =>
        {
            using var again = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        });
    }

    [Test]
    public async Task With_tokens_required_scraping_is_refused_without_one()
    {
        await using var api = new ApiFactory(("Auth:RequireTokenForScraping", "true"));
        api.StartServer();
        using var client = api.CreateClient();

        using var anonymous = await client.PostAsync("/scrape/batch", new StringContent("""{"domains":["ftp://x"]}""", Encoding.UTF8, "application/json"));
        using var withToken = await BatchAsync(client, TestTokens.For("alice"), "ftp://x");
        using var viaQuery = await client.GetAsync($"/scrape/stream?domains=ftp://x&token={TestTokens.For("alice")}");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "past authorization, on to validation");
        Assert.That(viaQuery.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "EventSource streams take the token from the query");
    }

    [Test]
    public async Task Answers_carry_security_headers_and_streams_are_left_alone()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var health = await client.GetAsync("/health");
        using var events = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.That(health.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(health.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        Assert.That(health.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
        Assert.That(events.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events.Headers.Contains("X-Frame-Options"), Is.False);
    }

    [TestCase("Production", null, HttpStatusCode.NotFound)]
    [TestCase("Production", "true", HttpStatusCode.OK)]
    [TestCase("Testing", null, HttpStatusCode.OK)]
    public async Task Swagger_is_off_in_production_unless_enabled(string environment, string? enabled, HttpStatusCode expected)
    {
        await using var api = new ApiFactory(("ASPNETCORE_ENVIRONMENT_OVERRIDE", environment), ("Security:Swagger", enabled), ("Security:HttpsRedirection", "false"));
        api.StartServer();
        using var client = api.CreateClient();

        using var document = await client.GetAsync("/swagger/v1/swagger.json");

        Assert.That(document.StatusCode, Is.EqualTo(expected));
    }

    private static async Task<HttpResponseMessage> BatchAsync(HttpClient client, string token, string domain)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scrape/batch")
        {
            Content = new StringContent($$"""{"domains":["{{domain}}"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }
}
