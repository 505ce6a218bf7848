using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests;

public sealed class ServiceTests
{
    [Test]
    public async Task Health_and_status_answer()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        Assert.That(await client.GetStringAsync("/health"), Is.EqualTo("""{"status":"ok"}"""));
        var status = JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement;
        Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(status.GetProperty("version").GetString(), Is.Not.Empty);
        Assert.That(status.GetProperty("uptime_seconds").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(status.GetProperty("open_streams").GetInt64(), Is.Zero);
        var runtime = status.GetProperty("runtime");
        Assert.That(runtime.GetProperty("heap_bytes").GetInt64(), Is.GreaterThan(0));
        Assert.That(runtime.GetProperty("allocated_bytes").GetInt64(), Is.GreaterThanOrEqualTo(runtime.GetProperty("heap_bytes").GetInt64()));
        Assert.That(runtime.GetProperty("fragmented_bytes").GetInt64(), Is.GreaterThanOrEqualTo(0));
        Assert.That(runtime.GetProperty("committed_bytes").GetInt64(), Is.GreaterThan(0));
        Assert.That(runtime.GetProperty("working_set_bytes").GetInt64(), Is.GreaterThan(runtime.GetProperty("heap_bytes").GetInt64()));
        Assert.That(runtime.GetProperty("gc_pause_ms").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(runtime.GetProperty("gen0_collections").GetInt32(), Is.GreaterThanOrEqualTo(runtime.GetProperty("gen2_collections").GetInt32()));
        // Answering this request compiled methods, and compiling takes time.
        Assert.That(runtime.GetProperty("jit_compiled_methods").GetInt64(), Is.GreaterThan(0));
        Assert.That(runtime.GetProperty("jit_compilation_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(status.GetProperty("backplane").GetProperty("kind").GetString(), Is.EqualTo("memory"));
        Assert.That(status.GetProperty("browser").GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(status.GetProperty("browser").GetProperty("detail").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Authentication_runs_only_for_requests_that_bring_a_credential()
    {
        // The bearer handler logs, at Debug, each request it found nothing on. WebApplication would put
        // authentication in front of every request were it not told it is in place (AuthPipeline).
        await using var api = new ApiFactory(("Logging:LogLevel:Microsoft.AspNetCore.Authentication", "Debug"));
        api.StartServer();
        using var client = api.CreateClient();
        const string NothingFound = "Bearer was not authenticated";

        using var anonymous = await client.GetAsync("/health");
        using var events = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(api.Logs, Has.None.Contains(NothingFound), "no credential, nothing to authenticate");

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/health");
        withCookie.Headers.Add("Cookie", "theme=dark");
        using var answered = await client.SendAsync(withCookie);
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(api.Logs, Has.Some.Contains(NothingFound), "a cookie may be the token: the handler looks");
    }

    [Test]
    public async Task Cors_allows_any_origin_by_default_without_credentials()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var response = await client.SendAsync(Preflight("http://localhost:3000"));

        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "*" }));
        Assert.That(response.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
    }

    [Test]
    public async Task Cors_origins_from_the_environment_allow_only_those_with_credentials()
    {
        await using var api = new ApiFactory(("CORS_ORIGINS", "https://app.example.com, https://admin.example.com"));
        api.StartServer();
        using var client = api.CreateClient();

        using var allowed = await client.SendAsync(Preflight("https://admin.example.com"));
        using var refused = await client.SendAsync(Preflight("https://evil.example.net"));

        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://admin.example.com" }));
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Credentials"), Is.EqualTo(new[] { "true" }));
        Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [TestCase("Scraping:Ats:Lever", "not a url", "Scraping:Ats:Lever")]
    [TestCase("Scraping:Ats:Icims", "https://no-placeholder.example/jobs", "Scraping:Ats:Icims")]
    [TestCase("Scraping:Ats:Greenhose", "https://boards-api.example/{token}", "Scraping:Ats:Greenhose")]
    [TestCase("Scraping:Profile:Seniorities:0", "wizard", "Scraping:Profile")]
    [TestCase("Redis:KeyPrefix", "bad prefix with spaces", "KeyPrefix")]
    [TestCase("Jobs:Role", "boss", "Role")]
    [TestCase("Limits:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes")]
    [TestCase("ForwardedHeaders:KnownProxies:0", "nginx", "ForwardedHeaders:KnownProxies")]
    [TestCase("Scraping:Companies:0", "ftp://x", "Scraping:Companies")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string named)
    {
        using var api = new ApiFactory((key, value));

        var ex = Assert.Catch(() => api.StartServer());

        Assert.That(ex!.ToString(), Does.Contain(named));
    }

    [Test]
    public async Task A_development_token_is_issued_in_development_only_for_a_safe_subject()
    {
        await using var development = new ApiFactory(("ASPNETCORE_ENVIRONMENT_OVERRIDE", "Development"));
        await using var testing = new ApiFactory();
        development.StartServer();
        testing.StartServer();
        using var client = development.CreateClient();

        using var issued = await client.PostAsJsonAsync("/api/v1/dev/token", new { sub = "alice" });
        using var unsafeSubject = await client.PostAsJsonAsync("/api/v1/dev/token", new { sub = "alice/../bob" });
        using var elsewhere = await testing.CreateClient().PostAsJsonAsync("/api/v1/dev/token", new { sub = "alice" });

        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var stream = await client.GetAsync($"/api/v1/stream?token={token}", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(stream.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the token opens a stream");
        Assert.That(unsafeSubject.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await unsafeSubject.Content.ReadAsStringAsync(), Does.Contain("sub"));
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Swagger_documents_the_streams_as_event_streams_of_scrape_results()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        foreach (var method in new[] { "post", "get" })
        {
            var ok = document.GetProperty("paths").GetProperty("/scrape/stream").GetProperty(method).GetProperty("responses").GetProperty("200");
            var schema = ok.GetProperty("content").GetProperty("text/event-stream").GetProperty("schema");
            Assert.That(schema.GetProperty("$ref").GetString(), Does.EndWith("/ScrapeResult"), method);
        }
        var job = document.GetProperty("components").GetProperty("schemas").GetProperty("Job").GetProperty("properties");
        Assert.That(job.TryGetProperty("location_type", out _), Is.True, "schemas use the wire's snake_case names");
        foreach (var path in new[] { "/scrape/batch", "/health", "/status" })
        {
            Assert.That(document.GetProperty("paths").TryGetProperty(path, out _), Is.True, path);
        }
        // A person can authorize in Swagger UI and call the protected endpoints; streams also list ?token=.
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
        var paths = document.GetProperty("paths");
        Assert.That(paths.GetProperty("/api/v1/scrape/jobs").GetProperty("post").GetProperty("security")[0].TryGetProperty("Bearer", out _), Is.True);
        Assert.That(paths.GetProperty("/api/v1/stream").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Does.Contain("token"));
        Assert.That(paths.GetProperty("/scrape/stream").GetProperty("post").TryGetProperty("security", out _), Is.False, "scraping is anonymous");
        // Watches (docs/watches.md): every endpoint described, the change streams as event streams with ?token=.
        foreach (var (path, method) in new[]
        {
            ("/api/v1/watches", "post"), ("/api/v1/watches", "get"), ("/api/v1/watches/{id}", "get"), ("/api/v1/watches/{id}", "delete"),
            ("/api/v1/watches/{id}/pause", "post"), ("/api/v1/watches/{id}/resume", "post"), ("/api/v1/watches/{id}/run", "post"),
            ("/api/v1/watches/{id}/stream", "get"), ("/api/v1/watches/stream", "get"), ("/api/v1/watches/{id}/jobs", "get"),
            ("/api/v1/watches/{id}/webhook", "put"), ("/api/v1/watches/{id}/webhook", "delete"), ("/api/v1/watches/{id}/webhook/deliveries", "get"),
            ("/api/v1/jobs", "get"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.That(operation.GetProperty("summary").GetString(), Is.Not.Empty, $"{method} {path}");
            Assert.That(operation.GetProperty("security")[0].TryGetProperty("Bearer", out _), Is.True, $"{method} {path}");
        }
        Assert.That(paths.GetProperty("/api/v1/watches/{id}/stream").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _), Is.True);
        Assert.That(paths.GetProperty("/api/v1/watches/stream").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Does.Contain("token"));
        Assert.That(paths.GetProperty("/api/v1/jobs").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            Is.SupersetOf(new[] { "q", "company", "location", "location_type", "seniority", "posted_since", "open", "sort", "page", "page_size" }));
        Assert.That(paths.GetProperty("/api/v1/watches/{id}/jobs").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _), Is.True);
        using var ui = await client.GetAsync("/swagger/index.html");
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Every_event_stream_names_its_events_and_their_schemas_in_the_document()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var streams = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.GetProperty("responses").TryGetProperty("200", out var ok)
                    || !ok.TryGetProperty("content", out var content) || !content.TryGetProperty("text/event-stream", out _))
                {
                    continue;
                }
                streams++;
                var where = $"{operation.Name} {path.Name}";
                Assert.That(ok.TryGetProperty("x-events", out var events), Is.True, $"{where} does not say which events it sends");
                var names = events.EnumerateObject().Select(e => e.Name).ToList();
                Assert.That(names, Is.SupersetOf(new[] { "error", "reconnect" }), where);
                Assert.That(names.Count, Is.GreaterThan(2), $"{where} names no event of its own");
                foreach (var reference in events.EnumerateObject().Select(e => e.Value).Where(v => v.TryGetProperty("$ref", out _)))
                {
                    Assert.That(schemas.TryGetProperty(reference.GetProperty("$ref").GetString()!.Split('/')[^1], out _), Is.True, $"{where}: {reference}");
                }
            }
        }
        Assert.That(streams, Is.GreaterThanOrEqualTo(9));
        var trigger = document.GetProperty("paths").GetProperty("/api/v1/scraping/trigger/stream").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("x-events");
        Assert.That(trigger.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "run", "progress", "result", "completed", "missed", "error", "reconnect" }));
        // Properties the service always writes are required, so generated clients need no null checks for them.
        Assert.That(schemas.GetProperty("StreamFailed").GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "message" }));
        Assert.That(schemas.GetProperty("ScrapeResult").GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "domain", "status", "jobs" }));
        Assert.That(schemas.GetProperty("WatchFilters").TryGetProperty("required", out _), Is.False, "a request body's type keeps its optional fields optional");
    }

    // The UI generates its types (ui/src/client/schema.d.ts, openapi-typescript) from ui/openapi.json;
    // this holds that file to the document the API serves. JOBSTREAM_WRITE_OPENAPI=1 rewrites it
    // (scripts/api-types.sh does that, then regenerates the UI's types).
    [Test]
    public async Task The_uis_copy_of_the_openapi_document_is_the_one_the_api_serves()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();
        var copy = Path.Combine(Repository.Root(), "ui", "openapi.json");

        var served = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;

        if (Environment.GetEnvironmentVariable("JOBSTREAM_WRITE_OPENAPI") == "1")
        {
            // Asked to bring the copy up to date: written, then held to the document as ever.
            await File.WriteAllTextAsync(copy, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        Assert.That(File.Exists(copy), Is.True, $"{copy} is missing: run scripts/api-types.sh");
        var committed = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(copy));
        Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(served, committed), Is.True,
            "ui/openapi.json is not the document the API serves: run scripts/api-types.sh and commit what it writes (the UI's types follow the API)");
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/scrape/stream");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
