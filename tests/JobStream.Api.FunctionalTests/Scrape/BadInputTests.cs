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
