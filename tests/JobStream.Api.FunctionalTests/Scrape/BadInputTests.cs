using System.Net;
using System.Text;
using System.Text.Json;

namespace JobStream.Api.FunctionalTests.Scrape;

public sealed class BadInputTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new ApiFactory(("Scraping:MaxDomainsPerRequest", "5"));
        _api.StartServer();
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [TestCase("/scrape/stream", """{}""", "domains")]
    [TestCase("/scrape/stream", """{"domains": null}""", "domains")]
    [TestCase("/scrape/stream", """{"domains": []}""", "domains")]
    [TestCase("/scrape/stream", """{"domains": ["a.com","b.com","c.com","d.com","e.com","f.com"]}""", "domains")]
    [TestCase("/scrape/stream", """{"domains": ["a.com", "ftp://b.com"]}""", "domains[1]")]
    [TestCase("/scrape/stream", """{"domains": ["a.com", "https://A.com/"]}""", "domains[1]")]
    [TestCase("/scrape/stream", """{"domains": ["a.com", "b.com\r\ndata: injected"]}""", "domains[1]")]
    [TestCase("/scrape/stream", """{"domains": "a.com"}""", "domains")]
    [TestCase("/scrape/stream", """{"domains": [1, 2]}""", "domains[0]")]
    [TestCase("/scrape/stream", """{"domains": ["a.com"]""", "body")]
    [TestCase("/scrape/stream", "", "body")]
    [TestCase("/scrape/batch", """{"domains": ["not a url"]}""", "domains[0]")]
    [TestCase("/scrape/batch", """{"domains": []}""", "domains")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string path, string body, string field)
    {
        using var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field));
    }

    [TestCase("/scrape/stream")]
    [TestCase("/scrape/stream?domains=")]
    [TestCase("/scrape/stream?domains=ftp://x.com")]
    public async Task Bad_input_on_the_event_source_stream_is_a_400_before_any_event(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    // Every stream endpoint that takes input checks it before its first byte: a problem, not an event stream.
    [TestCase("/scrape/stream?domains=a.com,ftp://b.com", "domains[1]")]
    [TestCase("/api/v1/scraping/trigger/stream?domains=a.com,a.com", "domains[1]")]
    [TestCase("/api/v1/scraping/trigger/stream", "domains")]
    [TestCase("/api/v1/stream/not%20a%20key?token={token}", "connection_id")]
    [TestCase("/api/v1/sse/progress/stream/not%20a%20key?token={token}", "user_id")]
    public async Task Every_stream_answers_bad_input_with_a_400_problem_and_no_event(string path, string field)
    {
        using var response = await _client.GetAsync(path.Replace("{token}", TestTokens.For("alice"), StringComparison.Ordinal), HttpCompletionOption.ResponseHeadersRead);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field));
    }

    [Test]
    public async Task A_body_of_a_million_domains_is_a_413_that_costs_what_a_small_bad_request_costs()
    {
        var million = JsonSerializer.Serialize(new { domains = Enumerable.Range(0, 1_000_000).Select(i => $"d{i}.example").ToArray() });
        var ten = JsonSerializer.Serialize(new { domains = Enumerable.Range(0, 10).Select(i => $"d{i}.example").ToArray() });
        await SendTimedAsync(ten); // warm up

        var (small, smallTime) = await SendTimedAsync(ten);
        var (large, largeTime) = await SendTimedAsync(million);

        Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "over the configured 5 domains");
        Assert.That(large.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(large.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        // Refused on its announced length, before a byte of it is read: no per-element work.
        Assert.That(largeTime, Is.LessThan(smallTime * 20 + TimeSpan.FromSeconds(1)));
        using var health = await _client.GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_list_just_under_the_body_limit_gets_one_error_stating_the_count_limit()
    {
        var body = JsonSerializer.Serialize(new { domains = Enumerable.Range(0, 3000).Select(i => $"d{i}.ex").ToArray() });

        using var response = await _client.PostAsync("/scrape/stream", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "domains" }));
        Assert.That(errors.GetProperty("domains").EnumerateArray().Single().GetString(), Is.EqualTo("At most 5 domains per request; got 3000."));
    }

    // Sent as a careful client sends a large body: announcing it and waiting for the server's go-ahead.
    private async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> SendTimedAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scrape/stream") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await _client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task A_wrong_content_type_is_a_415(string contentType)
    {
        using var response = await _client.PostAsync("/scrape/stream", new StringContent("""{"domains":["a.com"]}""", Encoding.UTF8, contentType));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task The_service_keeps_serving_after_bad_input()
    {
        for (var i = 0; i < 20; i++)
        {
            using var bad = await _client.PostAsync("/scrape/stream", new StringContent("{\"domains\": [", Encoding.UTF8, "application/json"));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using var health = await _client.GetAsync("/health");
        Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"ok"}"""));
    }
}
