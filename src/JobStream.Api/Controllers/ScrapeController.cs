using JobStream.Api.Auth;
using JobStream.Api.Limits;
using JobStream.Api.Sse;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.BatchScrape;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Scraping.StreamScrape;
using JobStream.Application.Scraping.StreamScrapeWithSummary;
using JobStream.Application.Streaming;
using JobStream.Domain.Scraping;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Scrape career pages and stream the jobs found, one event per domain.</summary>
[ApiController]
[Route("scrape")]
[Tags("Scrape")]
[Authorize(Policy = Policies.Scraping)]
public sealed class ScrapeController(ISender sender) : ControllerBase
{
    /// <summary>Scrape domains and stream one event per domain as each finishes.</summary>
    /// <remarks>
    /// Every event is an unnamed <c>data:</c> line holding a <c>ScrapeResult</c>
    /// (<c>{domain, status, jobs, error?}</c>), in completion order: the fastest domain first. One
    /// domain's failure is an event with <c>status: "error"</c>; the others go on. While a domain is
    /// pending a <c>: ping</c> comment keeps the connection open. The stream is a run: every event has
    /// an id (<c>{run_id}/{event id}</c>), and the same POST sent again with a <c>Last-Event-ID</c> header
    /// resumes that run (what was missed, then live) instead of scraping again; 204 once there is
    /// nothing left. Try it with
    /// <c>curl -N -X POST -H 'Content-Type: application/json' -d '{"domains":["example.com"]}' …/scrape/stream</c>.
    /// </remarks>
    /// <response code="200">A text/event-stream of ScrapeResult events.</response>
    /// <response code="204">The run this Last-Event-ID belongs to has ended and the client has all of it.</response>
    /// <response code="400">The request is invalid; nothing was scraped. The errors name the field.</response>
    /// <response code="413">The body is larger than Limits:MaxRequestBodyBytes.</response>
    /// <response code="415">The body is not application/json.</response>
    /// <response code="429">Too many scrapes started by this client this minute; see Retry-After.</response>
    /// <response code="503">This client has too many scrapes running, or the instance too many streams; see Retry-After.</response>
    [HttpPost("stream")]
    [StartsScraping(holdsConnection: true)]
    [Consumes("application/json")]
    [ProducesEventStream<ScrapeResult>]
    [StreamEvent<ScrapeResult>("message")]
    [StreamEvent<MissedEvents>("missed")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public Task<IActionResult> Stream([FromBody] StreamScrapeQuery query) =>
        this.EventStreamFromFirstAsync(sender.CreateStream(query with { LastEventId = this.LastEventId() ?? query.LastEventId }, HttpContext.StreamEnding()));

    /// <summary>The same stream for browser EventSource clients, which can only GET.</summary>
    /// <remarks>
    /// Domains come as <c>?domains=a.com,b.com</c> or repeated <c>?domains=a.com&amp;domains=b.com</c>.
    /// The stream is a run: a named <c>run</c> event first (<c>{run_id, resumed}</c>), then one unnamed
    /// event per domain, then a named <c>completed</c> event (<c>{total, succeeded, failed}</c>). Every
    /// event has an id; a reconnect with <c>Last-Event-ID</c> (EventSource sends it by itself) resumes
    /// the same run, on any instance, and never scrapes again; once the client has the last event, a
    /// reconnect is answered 204, which stops EventSource.
    /// </remarks>
    /// <response code="200">A text/event-stream: <c>run</c>, ScrapeResult events, then one <c>completed</c> event.</response>
    /// <response code="204">The run this Last-Event-ID belongs to has ended and the client has all of it.</response>
    /// <response code="400">The request is invalid; nothing was scraped.</response>
    [HttpGet("stream")]
    [StartsScraping(holdsConnection: true)]
    [QueryToken]
    [ProducesEventStream<ScrapeResult>]
    [StreamEvent<RunStarted>("run")]
    [StreamEvent<ScrapeResult>("message")]
    [StreamEvent<ScrapeSummary>("completed")]
    [StreamEvent<MissedEvents>("missed")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> StreamForEventSource([FromQuery(Name = "domains")] string[]? domains) =>
        this.EventStreamFromFirstAsync(sender.CreateStream(new StreamScrapeWithSummaryQuery(DomainList.FromQuery(domains), this.LastEventId()), HttpContext.StreamEnding()));

    /// <summary>Scrape domains and answer with all results at once, in request order.</summary>
    /// <response code="200">Every domain's result and a summary.</response>
    /// <response code="400">The request is invalid; nothing was scraped.</response>
    [HttpPost("batch")]
    [StartsScraping(holdsConnection: true)]
    [Consumes("application/json")]
    [ProducesResponseType<ScrapeBatch>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ScrapeBatch> Batch([FromBody] BatchScrapeQuery query, CancellationToken cancellationToken) =>
        await sender.Send(query, cancellationToken);
}
