using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JobStream.Api.FunctionalTests.Hub;

// Submitting thousands of domains as one background job: what is accepted, and the clear refusals
// past each limit. An API-only instance queues without running anything.
public sealed class BigJobsTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _api = new ApiFactory(("Jobs:Role", "api"), ("Jobs:MaxQueueLength", "20000"));
        _api.StartServer();
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task A_job_of_ten_thousand_domains_is_accepted_though_its_body_is_larger_than_other_requests_may_be()
    {
        using var response = await StartAsync(Domains(10_000));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_job_of_more_domains_than_the_limit_is_refused_naming_the_field()
    {
        using var response = await StartAsync(Domains(10_001));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.That(errors.GetProperty("domains")[0].GetString(), Is.EqualTo("At most 10000 domains per request; got 10001."));
    }

    [Test]
    public async Task A_body_past_the_jobs_own_limit_is_answered_413_with_that_limit()
    {
        using var response = await StartAsync([new string('a', 2 * 1024 * 1024) + ".example.com"]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), Is.EqualTo("At most 2097152 bytes."));
    }

    [Test]
    public async Task A_job_that_would_overfill_the_queue_is_answered_503_with_retry_after_and_the_queued_ones_stay()
    {
        await using var api = new ApiFactory(("Jobs:Role", "api"), ("Jobs:MaxQueueLength", "100"));
        api.StartServer();
        using var client = api.CreateClient();

        using var first = await StartAsync(Domains(60), client);
        using var second = await StartAsync(Domains(60), client);
        using var third = await StartAsync(Domains(40), client);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(second.Headers.RetryAfter, Is.Not.Null);
        Assert.That(second.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("The job queue is full"));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "what still fits is taken");
    }

    private static string[] Domains(int count) => [.. Enumerable.Range(0, count).Select(i => $"company{i}.example.com")];

    private Task<HttpResponseMessage> StartAsync(string[] domains, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains }) };
        request.Headers.Authorization = new("Bearer", TestTokens.For("big"));
        return (client ?? _client).SendAsync(request);
    }
}
